import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reminder's moment — its subject, kind and offset — is its key (issue 21, reminder firing): one
 * unique index on (subject_id, kind, offset_minutes) in place of the unique `dedupe_key` text (the
 * same three joined, `kind:subject:offset`) and the index on subject_id, which the new index's leading
 * column serves. Every row version of a reminder (its insert, claim and sent-mark: three a firing) added
 * an entry to each of four indexes; now three, and the row is ~60 bytes shorter. Measured alone on
 * 50,000 reminders (bench/README.md, reminders, fourth pass): PostgreSQL's CPU for the three versions
 * 104–125 → 59–74 µs a reminder.
 *
 * The old keys were unique, so the new index finds no duplicates: `dedupe_key` was always the three
 * columns joined (the scheduler's insert computed it).
 */
export class ReminderMomentKey1796470000000 implements MigrationInterface {
  name = 'ReminderMomentKey1796470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "reminders_moment_unique" ON "reminders" ("subject_id", "kind", "offset_minutes")`);
    await queryRunner.query(`DROP INDEX "reminders_subject_idx"`);
    await queryRunner.query(`DROP INDEX "reminders_dedupe_unique"`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "dedupe_key"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" ADD COLUMN "dedupe_key" text`);
    await queryRunner.query(`UPDATE "reminders" SET "dedupe_key" = "kind"::text || ':' || "subject_id"::text || ':' || "offset_minutes"`);
    await queryRunner.query(`ALTER TABLE "reminders" ALTER COLUMN "dedupe_key" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reminders_dedupe_unique" ON "reminders" ("dedupe_key")`);
    await queryRunner.query(`CREATE INDEX "reminders_subject_idx" ON "reminders" ("subject_id")`);
    await queryRunner.query(`DROP INDEX "reminders_moment_unique"`);
  }
}
