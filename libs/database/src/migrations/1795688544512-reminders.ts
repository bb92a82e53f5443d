import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders (the truth behind delayed jobs) and per-edition reminder policies. */

export class Reminders1795688544512 implements MigrationInterface {
  name = 'Reminders1795688544512';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."reminder_kind" AS ENUM('delegate_event')`);
    await queryRunner.query(`CREATE TYPE "public"."reminder_status" AS ENUM('pending', 'sending', 'sent', 'cancelled', 'missed', 'failed')`);
    await queryRunner.query(
      `CREATE TABLE "reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."reminder_kind" NOT NULL, "subject_id" uuid NOT NULL, "edition_id" uuid NOT NULL, "recipient_email" text NOT NULL, "recipient_name" text NOT NULL, "offset_minutes" integer NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."reminder_status" NOT NULL DEFAULT 'pending', "revision" integer NOT NULL DEFAULT '1', "dedupe_key" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "lease_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "lateness_ms" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_38715fec7f634b72c6cf7ea4893" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "reminders_dedupe_unique" ON "reminders" ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "reminders_subject_idx" ON "reminders" ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "reminders_due_idx" ON "reminders" ("status", "due_at") WHERE status IN ('pending', 'sending')`);
    await queryRunner.query(
      `CREATE TABLE "reminder_policies" ("edition_id" uuid NOT NULL, "delegate_offsets_minutes" integer array NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_c778ef207f3f0fe0ad83633bddf" PRIMARY KEY ("edition_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_policies" ADD CONSTRAINT "FK_c778ef207f3f0fe0ad83633bddf" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminder_policies" DROP CONSTRAINT "FK_c778ef207f3f0fe0ad83633bddf"`);
    await queryRunner.query(`DROP TABLE "reminder_policies"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_subject_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_dedupe_unique"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_status"`);
    await queryRunner.query(`DROP TYPE "public"."reminder_kind"`);
  }
}
