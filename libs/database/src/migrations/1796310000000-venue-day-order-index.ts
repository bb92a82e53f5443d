import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The venues of a day in the list's order (issue 18, 50,000 venues): the overview's calendar names each
 * day's first three by province and name, and the list's first page follows the same order. An index in
 * that order gives both a few rows a day instead of sorting the edition; it starts with the columns of
 * `venues_edition_date_idx`, which it replaces.
 */
export class VenueDayOrderIndex1796310000000 implements MigrationInterface {
  name = 'VenueDayOrderIndex1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "venues_edition_day_order_idx" ON "venues" ("edition_id", "scheduled_date", "province_code", "name", "id") `);
    await queryRunner.query(`DROP INDEX "public"."venues_edition_date_idx"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "venues_edition_date_idx" ON "venues" ("edition_id", "scheduled_date") `);
    await queryRunner.query(`DROP INDEX "public"."venues_edition_day_order_idx"`);
  }
}
