import { MigrationInterface, QueryRunner } from 'typeorm';

/** The live board of the festival day (issue 20): each venue's state on its day, set from the organizers' phones. */
export class VenueDayStates1796220000000 implements MigrationInterface {
  name = 'VenueDayStates1796220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_day_states" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "edition_id" uuid NOT NULL,
         "state" text NOT NULL,
         "note" text,
         "leader_arrived_at" TIMESTAMP WITH TIME ZONE,
         "started_at" TIMESTAMP WITH TIME ZONE,
         "updated_by" uuid,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "venue_day_states_state" CHECK (state IN ('not_started', 'leader_arrived', 'started', 'finished', 'incident')),
         CONSTRAINT "PK_venue_day_states" PRIMARY KEY ("venue_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "venue_day_states_edition_idx" ON "venue_day_states" ("edition_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "venue_day_states"`);
  }
}
