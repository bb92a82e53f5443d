import { MigrationInterface, QueryRunner } from 'typeorm';

/** Protocol (issue 20): the speaker chosen for a speaking slot of the programme, and each central delegate's greeter. */
export class SpeakersAndGreeters1796280000000 implements MigrationInterface {
  name = 'SpeakersAndGreeters1796280000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "speaking_assignments" (
         "programme_item_id" uuid NOT NULL REFERENCES "programme_items"("id") ON DELETE CASCADE,
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "attendee_key" text NOT NULL,
         "set_by" uuid,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_speaking_assignments" PRIMARY KEY ("programme_item_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "speaking_assignments_venue_idx" ON "speaking_assignments" ("venue_id")`);
    await queryRunner.query(
      `CREATE TABLE "greeters" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "attendee_key" text NOT NULL,
         "name" text NOT NULL,
         "title" text,
         "phone" text,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "PK_greeters" PRIMARY KEY ("venue_id", "attendee_key"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "greeters"`);
    await queryRunner.query(`DROP TABLE "speaking_assignments"`);
  }
}
