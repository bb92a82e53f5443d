import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications per account (issue 17), owned by libs/notifications. `seq` comes from its own sequence
 * and is bumped on every in-place update of a grouped entry, so the live stream replays by `seq`.
 * `notification_group_items` counts each event of a grouped entry once. Both are purged after
 * NOTIFICATION_RETENTION_DAYS by a scheduled job (by `updated_at` / `created_at`, hence those indexes).
 */
export class Notifications1795970000000 implements MigrationInterface {
  name = 'Notifications1795970000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."notification_kind" AS ENUM('venue_nominated', 'venue_approved', 'venue_rejected', 'venue_rescheduled', 'venue_cancelled', 'task_blocked', 'task_overdue', 'planning_run_finished', 'planning_run_failed')`,
    );
    await queryRunner.query(`CREATE SEQUENCE "public"."notifications_seq"`);
    await queryRunner.query(
      `CREATE TABLE "notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint NOT NULL DEFAULT nextval('notifications_seq'),
        "user_id" uuid NOT NULL,
        "kind" "public"."notification_kind" NOT NULL,
        "title" text NOT NULL,
        "body" text,
        "link" text NOT NULL,
        "subject_id" uuid,
        "group_key" text,
        "item_count" integer NOT NULL DEFAULT 1,
        "read_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notifications_id" PRIMARY KEY ("id"),
        CONSTRAINT "notifications_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(`CREATE INDEX "notifications_user_seq_idx" ON "notifications" ("user_id", "seq")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "notifications_user_group_unique" ON "notifications" ("user_id", "group_key") WHERE group_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "notifications_updated_at_idx" ON "notifications" ("updated_at")`);
    await queryRunner.query(
      `CREATE TABLE "notification_group_items" (
        "group_key" text NOT NULL,
        "subject_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_group_items" PRIMARY KEY ("group_key", "subject_id")
      )`,
    );
    await queryRunner.query(`CREATE INDEX "notification_group_items_created_at_idx" ON "notification_group_items" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_group_items"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP SEQUENCE "public"."notifications_seq"`);
    await queryRunner.query(`DROP TYPE "public"."notification_kind"`);
  }
}
