import { MigrationInterface, QueryRunner } from 'typeorm';

/** Results after the festival day (issue 20): what each venue recorded, read by the edition's report. */
export class VenueResults1796180000000 implements MigrationInterface {
  name = 'VenueResults1796180000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_results" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "edition_id" uuid NOT NULL,
         "attendance" integer NOT NULL,
         "awarded_collectives" integer NOT NULL DEFAULT 0,
         "awarded_individuals" integer NOT NULL DEFAULT 0,
         "summary" text NOT NULL,
         "recorded_by" uuid,
         "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         "version" integer NOT NULL DEFAULT 1,
         CONSTRAINT "venue_results_figures_not_negative" CHECK (attendance >= 0 AND awarded_collectives >= 0 AND awarded_individuals >= 0),
         CONSTRAINT "PK_venue_results" PRIMARY KEY ("venue_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "venue_results_edition_idx" ON "venue_results" ("edition_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "venue_results"`);
  }
}
