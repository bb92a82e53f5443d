import { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a leader works and travels from (the planning solver's travel times); null means Hà Nội. */

export class LeaderBase1795707835042 implements MigrationInterface {
  name = 'LeaderBase1795707835042';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leaders" ADD "base_province_code" character varying(2)`);
    await queryRunner.query(
      `ALTER TABLE "leaders" ADD CONSTRAINT "FK_6f91c3b06179ad83f274a4f106b" FOREIGN KEY ("base_province_code") REFERENCES "provinces"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "leaders" DROP CONSTRAINT "FK_6f91c3b06179ad83f274a4f106b"`);
    await queryRunner.query(`ALTER TABLE "leaders" DROP COLUMN "base_province_code"`);
  }
}
