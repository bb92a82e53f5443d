import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizer reminders: task deadlines, overdue escalation and venue key dates. Group recipients
 * (`province:12`, `planners`) are resolved when sent. New enum values are added in place (no table
 * rewrite of a large reminders table); the policy gains its organizer offsets and escalation hours.
 */
export class OrganizerReminders1795700000000 implements MigrationInterface {
  name = 'OrganizerReminders1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."reminder_kind" ADD VALUE IF NOT EXISTS 'task_deadline'`);
    await queryRunner.query(`ALTER TYPE "public"."reminder_kind" ADD VALUE IF NOT EXISTS 'task_overdue'`);
    await queryRunner.query(`ALTER TYPE "public"."reminder_kind" ADD VALUE IF NOT EXISTS 'venue_key_date'`);
    await queryRunner.query(`ALTER TABLE "reminders" ADD "recipient_group" text`);
    await queryRunner.query(`ALTER TABLE "reminders" ALTER COLUMN "recipient_email" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "reminders_recipient_check" CHECK (recipient_email IS NOT NULL OR recipient_group IS NOT NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "reminder_policies" ADD "task_offsets_days" integer array NOT NULL DEFAULT '{3,1,0}'`);
    await queryRunner.query(`ALTER TABLE "reminder_policies" ADD "venue_offsets_days" integer array NOT NULL DEFAULT '{7,1}'`);
    await queryRunner.query(`ALTER TABLE "reminder_policies" ADD "escalation_hours" integer NOT NULL DEFAULT '24'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_policies" DROP COLUMN "escalation_hours"`);
    await queryRunner.query(`ALTER TABLE "reminder_policies" DROP COLUMN "venue_offsets_days"`);
    await queryRunner.query(`ALTER TABLE "reminder_policies" DROP COLUMN "task_offsets_days"`);
    await queryRunner.query(`DELETE FROM "reminders" WHERE "kind" <> 'delegate_event'`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "reminders_recipient_check"`);
    await queryRunner.query(`ALTER TABLE "reminders" ALTER COLUMN "recipient_email" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "reminders" DROP COLUMN "recipient_group"`);
    await queryRunner.query(`ALTER TYPE "public"."reminder_kind" RENAME TO "reminder_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."reminder_kind" AS ENUM('delegate_event')`);
    await queryRunner.query(`ALTER TABLE "reminders" ALTER COLUMN "kind" TYPE "public"."reminder_kind" USING "kind"::"text"::"public"."reminder_kind"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_kind_old"`);
  }
}
