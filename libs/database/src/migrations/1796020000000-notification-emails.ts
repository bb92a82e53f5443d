import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notification e-mail (issue 17), owned by libs/notifications: each account's preferences (daily digest
 * on or off, the kinds also e-mailed at once; no row while the defaults apply) and the e-mail outbox. An
 * outbox row is written in the transaction of its cause (an immediate e-mail beside its notification) or
 * by the digest tick (one per account and local day: the unique index is what makes a digest go once
 * whatever the number of workers), then sent by a BullMQ job whose id is the row's.
 */
export class NotificationEmails1796020000000 implements MigrationInterface {
  name = 'NotificationEmails1796020000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" (
        "user_id" uuid NOT NULL,
        "daily_digest" boolean NOT NULL,
        "immediate_kinds" "public"."notification_kind"[] NOT NULL DEFAULT '{}',
        "version" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_preferences" PRIMARY KEY ("user_id"),
        CONSTRAINT "notification_preferences_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_emails" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "notification_id" uuid,
        "digest_date" date,
        "status" text NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "lease_until" TIMESTAMP WITH TIME ZONE,
        "last_error" text,
        "sent_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_emails" PRIMARY KEY ("id"),
        CONSTRAINT "notification_emails_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "notification_emails_notification_fk" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION,
        CONSTRAINT "notification_emails_one_of" CHECK (("notification_id" IS NULL) <> ("digest_date" IS NULL)),
        CONSTRAINT "notification_emails_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'skipped', 'failed'))
      )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_emails_digest_unique" ON "notification_emails" ("user_id", "digest_date") WHERE digest_date IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notification_emails_notification_unique" ON "notification_emails" ("notification_id") WHERE notification_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "notification_emails_open_idx" ON "notification_emails" ("created_at") WHERE status IN ('pending', 'sending')`);
    await queryRunner.query(`CREATE INDEX "notification_emails_created_at_idx" ON "notification_emails" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_emails"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
  }
}
