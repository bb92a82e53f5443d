import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts (issue 16): `token_version` is written into every access token and checked on each request,
 * so logging out, changing a password, a planner's deactivation or forced password change revoke the
 * account's tokens at once; `must_change_password` holds an account to the password page until it
 * chooses a new one.
 */
export class AccountSessions1795940000000 implements MigrationInterface {
  name = 'AccountSessions1795940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "must_change_password" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "must_change_password"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
