import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Press accreditation (issue 20): journalists' requests from the public form and organizers'
 * decisions; an approved one is listed among the venue's guests in the group "press".
 */
export class PressAccreditations1796230100000 implements MigrationInterface {
  name = 'PressAccreditations1796230100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "venue_guests" DROP CONSTRAINT "venue_guests_group"`);
    await queryRunner.query(
      `ALTER TABLE "venue_guests" ADD CONSTRAINT "venue_guests_group" CHECK (precedence_group IN ('provincial_leader', 'local_official', 'guest', 'press'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "press_accreditations" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "full_name" text NOT NULL,
         "agency" text NOT NULL,
         "card_number" text NOT NULL,
         "card_key" text NOT NULL,
         "phone" text NOT NULL,
         "email" text NOT NULL,
         "status" text NOT NULL,
         "refusal_reason" text,
         "decided_by" uuid,
         "decided_at" TIMESTAMP WITH TIME ZONE,
         "attendee_key" text,
         "email_status" text NOT NULL DEFAULT 'none',
         "email_attempts" integer NOT NULL DEFAULT 0,
         "email_lease_until" TIMESTAMP WITH TIME ZONE,
         "email_error" text,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "press_accreditations_status" CHECK (status IN ('pending', 'approved', 'refused')),
         CONSTRAINT "press_accreditations_email_status" CHECK (email_status IN ('none', 'pending', 'sending', 'sent', 'failed')),
         CONSTRAINT "PK_press_accreditations" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "press_accreditations_venue_idx" ON "press_accreditations" ("venue_id", "created_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "press_accreditations_card_key" ON "press_accreditations" ("venue_id", "card_key")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "press_accreditations"`);
    await queryRunner.query(`DELETE FROM "venue_guests" WHERE precedence_group = 'press'`);
    await queryRunner.query(`ALTER TABLE "venue_guests" DROP CONSTRAINT "venue_guests_group"`);
    await queryRunner.query(
      `ALTER TABLE "venue_guests" ADD CONSTRAINT "venue_guests_group" CHECK (precedence_group IN ('provincial_leader', 'local_official', 'guest'))`,
    );
  }
}
