import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Substitution end to end and calendar replies as real clients send them (issue 15, issue 16 item 11):
 * the TENTATIVE answer; the delegate's note with their answer; the SEQUENCE and DTSTAMP of the last
 * calendar reply (an older one never overwrites a newer answer); every reply recorded once with the
 * relay's authentication result; a proposed substitute's e-mail and phone as separate fields (old
 * proposals' single contact split into them); notices without a calendar entry (method null) and a
 * resend of the same revision as its next copy.
 */
export class SubstitutionAndReplies1795920000000 implements MigrationInterface {
  name = 'SubstitutionAndReplies1795920000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "invitation_status" ADD VALUE IF NOT EXISTS 'tentative'`);
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD "answer_comment" text, ADD "last_reply_sequence" integer, ADD "last_reply_stamp" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `UPDATE "invitations" SET "substitute" = jsonb_build_object(
          'name', "substitute" ->> 'name',
          'position', "substitute" ->> 'position',
          'email', CASE WHEN lower(trim("substitute" ->> 'contact')) ~ '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' THEN lower(trim("substitute" ->> 'contact')) ELSE '' END,
          'phone', CASE WHEN lower(trim("substitute" ->> 'contact')) ~ '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' THEN NULL ELSE trim("substitute" ->> 'contact') END,
          'leaderId', NULL)
        WHERE "substitute" ? 'contact'`,
    );
    await queryRunner.query(`ALTER TABLE "invitation_messages" ALTER COLUMN "method" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "invitation_messages" ADD "copy" smallint NOT NULL DEFAULT 0`);
    await queryRunner.query(`DROP INDEX "public"."invitation_messages_revision_unique"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitation_messages_revision_unique" ON "invitation_messages" ("invitation_id", "sequence", "method", "copy")`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation_replies" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "invitation_id" uuid NOT NULL,
        "attendee" text NOT NULL,
        "sequence" integer NOT NULL,
        "stamp" TIMESTAMP WITH TIME ZONE NOT NULL,
        "partstat" text NOT NULL,
        "delegated_to" text,
        "comment" text,
        "authentication_results" text,
        "sender_authenticated" boolean NOT NULL,
        "outcome" text NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invitation_replies" PRIMARY KEY ("id"),
        CONSTRAINT "FK_51dea47227f6f63d2ed3f436c96" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitation_replies_unique" ON "invitation_replies" ("invitation_id", "attendee", "sequence", "stamp", "partstat")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "invitation_replies"`);
    await queryRunner.query(`DROP INDEX "public"."invitation_messages_revision_unique"`);
    await queryRunner.query(`DELETE FROM "invitation_messages" WHERE "method" IS NULL OR "copy" > 0`);
    await queryRunner.query(`CREATE UNIQUE INDEX "invitation_messages_revision_unique" ON "invitation_messages" ("invitation_id", "sequence", "method")`);
    await queryRunner.query(`ALTER TABLE "invitation_messages" DROP COLUMN "copy"`);
    await queryRunner.query(`ALTER TABLE "invitation_messages" ALTER COLUMN "method" SET NOT NULL`);
    await queryRunner.query(
      `UPDATE "invitations" SET "substitute" = jsonb_build_object('name', "substitute" ->> 'name', 'position', "substitute" ->> 'position',
          'contact', COALESCE(NULLIF("substitute" ->> 'email', ''), "substitute" ->> 'phone'))
        WHERE "substitute" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "last_reply_stamp", DROP COLUMN "last_reply_sequence", DROP COLUMN "answer_comment"`);
    // 'tentative' stays in the enum type (PostgreSQL cannot drop an enum value); no row uses it after
    // the answers it named are read back as 'sent'.
    await queryRunner.query(`UPDATE "invitations" SET "status" = 'sent' WHERE "status" = 'tentative'`);
  }
}
