import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The budget roll-up kept up to date (issue 21): each counted venue's share (its lines by category and
 * funding source, under its province and region) and the edition's sums of those shares, filled here
 * from the lines already written, then kept by logistics.
 */
export class BudgetRollups1796270000001 implements MigrationInterface {
  name = 'BudgetRollups1796270000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_budget_rollups" (
         "venue_id" uuid NOT NULL REFERENCES "venues"("id") ON DELETE CASCADE,
         "edition_id" uuid NOT NULL,
         "province_code" text NOT NULL,
         "region" text NOT NULL,
         "parts" jsonb NOT NULL,
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "PK_venue_budget_rollups" PRIMARY KEY ("venue_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "venue_budget_rollups_edition_idx" ON "venue_budget_rollups" ("edition_id")`);
    await queryRunner.query(
      `CREATE TABLE "budget_rollups" (
         "edition_id" uuid NOT NULL,
         "province_code" text NOT NULL,
         "region" text NOT NULL,
         "dimension" text NOT NULL,
         "key" text NOT NULL,
         "venues" integer NOT NULL,
         "lines" integer NOT NULL,
         "lines_with_actual" integer NOT NULL,
         "planned" numeric(20,0) NOT NULL,
         "settled_planned" numeric(20,0) NOT NULL,
         "actual" numeric(20,0) NOT NULL,
         CONSTRAINT "PK_budget_rollups" PRIMARY KEY ("edition_id", "province_code", "region", "dimension", "key"))`,
    );
    // The shares of the venues that count (approved, scheduled, held), then their sums.
    await queryRunner.query(
      `INSERT INTO venue_budget_rollups (venue_id, edition_id, province_code, region, parts)
       SELECT venue_id, edition_id, province_code, region,
              jsonb_agg(jsonb_build_object('dimension', dimension, 'key', key, 'lines', lines, 'lines_with_actual', lines_with_actual,
                                           'planned', planned::text, 'settled_planned', settled_planned::text, 'actual', actual::text) ORDER BY dimension, key)
         FROM (SELECT v.id AS venue_id, v.edition_id, v.province_code, v.region::text AS region, d.dimension, d.key,
                      count(*)::int AS lines, count(b.actual_vnd)::int AS lines_with_actual, sum(b.planned_vnd) AS planned,
                      COALESCE(sum(b.planned_vnd) FILTER (WHERE b.actual_vnd IS NOT NULL), 0) AS settled_planned, COALESCE(sum(b.actual_vnd), 0) AS actual
                 FROM venues v JOIN budget_lines b ON b.venue_id = v.id
                 CROSS JOIN LATERAL (VALUES ('category', b.category::text), ('funding_source', b.funding_source::text)) AS d(dimension, key)
                WHERE v.status IN ('approved', 'scheduled', 'held')
                GROUP BY v.id, v.edition_id, v.province_code, v.region, d.dimension, d.key) AS part
        GROUP BY venue_id, edition_id, province_code, region`,
    );
    await queryRunner.query(
      `INSERT INTO budget_rollups (edition_id, province_code, region, dimension, key, venues, lines, lines_with_actual, planned, settled_planned, actual)
       SELECT r.edition_id, r.province_code, r.region, p.dimension, p.key, count(*)::int, sum(p.lines)::int, sum(p.lines_with_actual)::int,
              sum(p.planned), sum(p.settled_planned), sum(p.actual)
         FROM venue_budget_rollups r,
              jsonb_to_recordset(r.parts) AS p(dimension text, key text, lines int, lines_with_actual int, planned numeric, settled_planned numeric, actual numeric)
        GROUP BY r.edition_id, r.province_code, r.region, p.dimension, p.key`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "budget_rollups"`);
    await queryRunner.query(`DROP TABLE "venue_budget_rollups"`);
  }
}
