import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The giấy mời in its administrative form (issue 15): each edition's letterhead and signer
 * (`invitation_letter_settings`, defaults while absent), the per-edition counter its numbers come from
 * (`invitation_letter_counters`), and each invitation's number and date of issue, unique in its edition.
 * Invitations already issued (a REQUEST recorded) are numbered in the order their first letter was
 * recorded, and dated then, so no issued letter is left without a number.
 */
export class InvitationLetters1795910000000 implements MigrationInterface {
  name = 'InvitationLetters1795910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitation_letter_settings" (
         "edition_id" uuid NOT NULL,
         "issuing_body" text NOT NULL,
         "issuing_unit" text NOT NULL,
         "issuer_name" text NOT NULL,
         "number_code" text NOT NULL,
         "place" text NOT NULL,
         "signer_authority" text NOT NULL,
         "signer_title" text NOT NULL,
         "signer_name" text NOT NULL,
         "copy_to" text array NOT NULL,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT '1',
         CONSTRAINT "PK_invitation_letter_settings" PRIMARY KEY ("edition_id"),
         CONSTRAINT "FK_e3d09501c8aaa6523e7c532dc1f" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE TABLE "invitation_letter_counters" (
         "edition_id" uuid NOT NULL,
         "last_number" integer NOT NULL DEFAULT '0',
         CONSTRAINT "invitation_letter_counters_positive" CHECK (last_number >= 0),
         CONSTRAINT "PK_invitation_letter_counters" PRIMARY KEY ("edition_id"),
         CONSTRAINT "FK_a7be97fd8a0f368df7c37553940" FOREIGN KEY ("edition_id") REFERENCES "editions"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`ALTER TABLE "invitations" ADD "letter_number" integer`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD "letter_issued_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `WITH issued AS (
         SELECT i.id, i.edition_id, first.created_at,
                row_number() OVER (PARTITION BY i.edition_id ORDER BY first.created_at, i.id) AS number
           FROM invitations i
           JOIN LATERAL (SELECT min(m.created_at) AS created_at FROM invitation_messages m WHERE m.invitation_id = i.id AND m.method = 'REQUEST') first ON first.created_at IS NOT NULL)
       UPDATE invitations i SET letter_number = issued.number, letter_issued_at = issued.created_at FROM issued WHERE i.id = issued.id`,
    );
    await queryRunner.query(
      `INSERT INTO invitation_letter_counters (edition_id, last_number)
       SELECT edition_id, max(letter_number) FROM invitations WHERE letter_number IS NOT NULL GROUP BY edition_id`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invitations_letter_number_unique" ON "invitations" ("edition_id", "letter_number") WHERE letter_number IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."invitations_letter_number_unique"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "letter_issued_at"`);
    await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "letter_number"`);
    await queryRunner.query(`DROP TABLE "invitation_letter_counters"`);
    await queryRunner.query(`DROP TABLE "invitation_letter_settings"`);
  }
}
