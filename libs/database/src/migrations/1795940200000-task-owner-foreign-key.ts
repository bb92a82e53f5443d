import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A task's owner account (`venue_tasks.owner_user_id`) becomes a real foreign key to `users`: an owner
 * that is not an account is refused (422 REFERENCE_NOT_FOUND) instead of stored. Accounts are never
 * deleted (they are deactivated), so RESTRICT only guards against a hand-made DELETE. Owner ids that
 * point at no account (possible until now) are cleared first, keeping the task and its owner's name.
 */
export class TaskOwnerForeignKey1795940200000 implements MigrationInterface {
  name = 'TaskOwnerForeignKey1795940200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "venue_tasks" t SET "owner_user_id" = NULL
        WHERE "owner_user_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u."id" = t."owner_user_id")`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_tasks" ADD CONSTRAINT "venue_tasks_owner_user_fk" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "venue_tasks_owner_user_idx" ON "venue_tasks" ("owner_user_id") WHERE owner_user_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."venue_tasks_owner_user_idx"`);
    await queryRunner.query(`ALTER TABLE "venue_tasks" DROP CONSTRAINT "venue_tasks_owner_user_fk"`);
  }
}
