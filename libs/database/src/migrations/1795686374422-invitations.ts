import { MigrationInterface, QueryRunner } from 'typeorm';

/** Invitations, their e-mails (the idempotency key of sending) and delegates' calendar feeds; venue contacts. */

export class Invitations1795686374422 implements MigrationInterface {
  name = 'Invitations1795686374422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."invitation_status" AS ENUM('draft', 'queued', 'sent', 'accepted', 'declined', 'substitute_proposed', 'withdrawn')`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "edition_id" uuid NOT NULL, "venue_id" uuid NOT NULL, "leader_id" uuid, "delegate_name" text NOT NULL, "delegate_title" text, "delegate_email" text NOT NULL, "role" "public"."assignment_role" NOT NULL, "status" "public"."invitation_status" NOT NULL DEFAULT 'draft', "uid" text NOT NULL, "sequence" integer NOT NULL DEFAULT '0', "rsvp_token_hash" text NOT NULL, "rsvp_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "answered_via" text, "substitute" jsonb, "substitute_for" uuid, "withdrawn_reason" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "invitations_uid_unique" ON "invitations" ("uid") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "invitations_rsvp_token_unique" ON "invitations" ("rsvp_token_hash") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_one_live_per_delegate" ON "invitations" ("venue_id", "delegate_email") WHERE status <> 'withdrawn'`,
    );
    await queryRunner.query(`CREATE INDEX "invitations_email_idx" ON "invitations" ("delegate_email") `);
    await queryRunner.query(`CREATE INDEX "invitations_venue_idx" ON "invitations" ("venue_id") `);
    await queryRunner.query(`CREATE INDEX "invitations_edition_status_idx" ON "invitations" ("edition_id", "status") `);
    await queryRunner.query(`CREATE TYPE "public"."message_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'superseded')`);
    await queryRunner.query(
      `CREATE TABLE "invitation_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invitation_id" uuid NOT NULL, "sequence" integer NOT NULL, "method" text NOT NULL, "kind" text NOT NULL, "status" "public"."message_status" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "smtp_message_id" text, "reason" text, "previous" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "invitation_messages_method" CHECK (method IN ('REQUEST', 'CANCEL')), CONSTRAINT "PK_8abfc19fc8f699db57a9592cd44" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "invitation_messages_pending_idx" ON "invitation_messages" ("status", "created_at") WHERE status IN ('pending', 'failed', 'sending')`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "invitation_messages_revision_unique" ON "invitation_messages" ("invitation_id", "sequence", "method") `);
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("email" text NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2253b8ac59a317ff679fbf5a736" PRIMARY KEY ("email"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "calendar_feeds_token_unique" ON "calendar_feeds" ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "venues" ADD "contact_name" text`);
    await queryRunner.query(`ALTER TABLE "venues" ADD "contact_phone" text`);
    await queryRunner.query(`ALTER TABLE "venues" ADD "contact_email" text`);
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_3e46497906ce6de9c36bfa8c21a" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_3d14048d6a3eae15618179941fb" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "FK_3df829a83a6aa652507f4a1223a" FOREIGN KEY ("leader_id") REFERENCES "leaders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "invitation_messages" ADD CONSTRAINT "FK_abc685c71a49c4565d7364d43b5" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitation_messages" DROP CONSTRAINT "FK_abc685c71a49c4565d7364d43b5"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_3df829a83a6aa652507f4a1223a"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_3d14048d6a3eae15618179941fb"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_3e46497906ce6de9c36bfa8c21a"`);
    await queryRunner.query(`ALTER TABLE "venues" DROP COLUMN "contact_email"`);
    await queryRunner.query(`ALTER TABLE "venues" DROP COLUMN "contact_phone"`);
    await queryRunner.query(`ALTER TABLE "venues" DROP COLUMN "contact_name"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_feeds_token_unique"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_messages_revision_unique"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_messages_pending_idx"`);
    await queryRunner.query(`DROP TABLE "invitation_messages"`);
    await queryRunner.query(`DROP TYPE "public"."message_status"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_edition_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_venue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_email_idx"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_one_live_per_delegate"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_rsvp_token_unique"`);
    await queryRunner.query(`DROP INDEX "public"."invitations_uid_unique"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
    await queryRunner.query(`DROP TYPE "public"."invitation_status"`);
  }
}
