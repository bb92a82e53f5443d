import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readiness dashboard's cold answer reads the task roll-ups alone (issue 21, third step): each
 * venue's roll-up row also carries what the classification needs of the venue — its status, province,
 * region and anchor date (the scheduled date, or before scheduling the first candidate date) — so the
 * statement no longer joins 50,000 wide venue rows to 50,000 roll-ups. Every venue has a row now, with
 * or without tasks.
 *
 * Who writes what (so that no writer can overwrite another's newer value):
 * - the venue's facts: statement triggers on `venues` (insert, and updates that move one of them), from
 *   the written rows themselves, in the writer's transaction; writers of one venue serialise on its row;
 * - the task sums: the statement triggers on `venue_tasks` (migration 1796270000000), which now update
 *   only the sums (a venue's row is never deleted with its last task: it goes back to zeros).
 * Triggers rather than VenueEvents because venues, like tasks, are also written by the demo seed, the
 * benchmarks' bulk inserts and SQL by hand.
 */
export class ReadinessRollupVenueFacts1796420000000 implements MigrationInterface {
  name = 'ReadinessRollupVenueFacts1796420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "venue_task_rollups"
         ADD "venue_status" "venue_status", ADD "province_code" character varying(2), ADD "region" "region", ADD "anchor_date" date`,
    );
    await queryRunner.query(`ALTER TABLE "venue_task_rollups" ALTER "tasks" SET DEFAULT 0, ALTER "total_weight" SET DEFAULT 0,
                               ALTER "done_weight" SET DEFAULT 0, ALTER "blocked" SET DEFAULT 0`);
    // Every venue's facts, and a row (of zeros) for the venues without tasks.
    await queryRunner.query(
      `INSERT INTO venue_task_rollups (venue_id, edition_id, venue_status, province_code, region, anchor_date)
       SELECT v.id, v.edition_id, v.status, v.province_code, v.region, COALESCE(v.scheduled_date, v.candidate_dates[1])
         FROM venues v
        ORDER BY v.id
       ON CONFLICT (venue_id) DO UPDATE
          SET edition_id = EXCLUDED.edition_id, venue_status = EXCLUDED.venue_status, province_code = EXCLUDED.province_code,
              region = EXCLUDED.region, anchor_date = EXCLUDED.anchor_date`,
    );
    await queryRunner.query(
      `ALTER TABLE "venue_task_rollups" ALTER "venue_status" SET NOT NULL, ALTER "province_code" SET NOT NULL, ALTER "region" SET NOT NULL`,
    );
    // The dashboard reads an edition's live venues (approved or scheduled: venues' LIVE_VENUE_STATUSES).
    await queryRunner.query(`DROP INDEX "public"."venue_task_rollups_edition_idx"`);
    await queryRunner.query(`CREATE INDEX "venue_task_rollups_edition_status_idx" ON "venue_task_rollups" ("edition_id", "venue_status") `);
    // …and lists the most urgent by date (no date first), reading a few hundred rows in that order.
    await queryRunner.query(
      `CREATE INDEX "venue_task_rollups_edition_anchor_idx" ON "venue_task_rollups" ("edition_id", "anchor_date" NULLS FIRST, "venue_id") `,
    );

    // The tasks' side: the sums only. The INSERT arm is for a venue that has no row (none should lack one:
    // the venue's insert makes it), with the venue's facts read then.
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION venue_task_rollups_refresh(venue_ids uuid[]) RETURNS void LANGUAGE sql AS $$
         INSERT INTO venue_task_rollups (venue_id, edition_id, venue_status, province_code, region, anchor_date,
                                         tasks, total_weight, done_weight, blocked, open_due_dates, updated_at)
         SELECT v.id, v.edition_id, v.status, v.province_code, v.region, COALESCE(v.scheduled_date, v.candidate_dates[1]),
                s.tasks, s.total_weight, s.done_weight, s.blocked, s.open_due_dates, now()
           FROM venues v
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS tasks, COALESCE(sum(t.weight), 0)::int AS total_weight,
                    COALESCE(sum(t.weight) FILTER (WHERE t.status = 'done'), 0)::int AS done_weight,
                    count(*) FILTER (WHERE t.status = 'blocked')::int AS blocked,
                    COALESCE(array_agg(t.due_date ORDER BY t.due_date) FILTER (WHERE t.status <> 'done' AND t.due_date IS NOT NULL), '{}') AS open_due_dates
               FROM venue_tasks t WHERE t.venue_id = v.id) s
          WHERE v.id = ANY(venue_ids)
          ORDER BY v.id
         ON CONFLICT (venue_id) DO UPDATE
            SET tasks = EXCLUDED.tasks, total_weight = EXCLUDED.total_weight, done_weight = EXCLUDED.done_weight,
                blocked = EXCLUDED.blocked, open_due_dates = EXCLUDED.open_due_dates, updated_at = EXCLUDED.updated_at;
       $$`,
    );
    // The venues' side: the facts only, from the rows the statement wrote.
    await queryRunner.query(
      `CREATE FUNCTION venue_task_rollups_follow_venues() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           INSERT INTO venue_task_rollups (venue_id, edition_id, venue_status, province_code, region, anchor_date)
           SELECT n.id, n.edition_id, n.status, n.province_code, n.region, COALESCE(n.scheduled_date, n.candidate_dates[1])
             FROM new_rows n
            ORDER BY n.id
           ON CONFLICT (venue_id) DO NOTHING;
         ELSE
           -- (an update of other columns, or a write of the same values, touches no roll-up)
           UPDATE venue_task_rollups r
              SET edition_id = n.edition_id, venue_status = n.status, province_code = n.province_code, region = n.region,
                  anchor_date = COALESCE(n.scheduled_date, n.candidate_dates[1]), updated_at = now()
             FROM new_rows n
            WHERE r.venue_id = n.id
              AND (r.edition_id, r.venue_status, r.province_code, r.region, r.anchor_date)
                  IS DISTINCT FROM (n.edition_id, n.status, n.province_code, n.region, COALESCE(n.scheduled_date, n.candidate_dates[1]));
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER venue_task_rollups_after_venue_insert AFTER INSERT ON venues REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION venue_task_rollups_follow_venues()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER venue_task_rollups_after_venue_update AFTER UPDATE ON venues REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION venue_task_rollups_follow_venues()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER venue_task_rollups_after_venue_update ON venues`);
    await queryRunner.query(`DROP TRIGGER venue_task_rollups_after_venue_insert ON venues`);
    await queryRunner.query(`DROP FUNCTION venue_task_rollups_follow_venues()`);
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION venue_task_rollups_refresh(venue_ids uuid[]) RETURNS void LANGUAGE sql AS $$
         DELETE FROM venue_task_rollups r
          WHERE r.venue_id = ANY(venue_ids) AND NOT EXISTS (SELECT 1 FROM venue_tasks t WHERE t.venue_id = r.venue_id);
         INSERT INTO venue_task_rollups (venue_id, edition_id, tasks, total_weight, done_weight, blocked, open_due_dates, updated_at)
         SELECT t.venue_id, t.edition_id, count(*)::int, sum(t.weight)::int,
                COALESCE(sum(t.weight) FILTER (WHERE t.status = 'done'), 0)::int,
                count(*) FILTER (WHERE t.status = 'blocked')::int,
                COALESCE(array_agg(t.due_date ORDER BY t.due_date) FILTER (WHERE t.status <> 'done' AND t.due_date IS NOT NULL), '{}'),
                now()
           FROM venue_tasks t
          WHERE t.venue_id = ANY(venue_ids)
          GROUP BY t.venue_id, t.edition_id
          ORDER BY t.venue_id
         ON CONFLICT (venue_id) DO UPDATE
            SET edition_id = EXCLUDED.edition_id, tasks = EXCLUDED.tasks, total_weight = EXCLUDED.total_weight,
                done_weight = EXCLUDED.done_weight, blocked = EXCLUDED.blocked, open_due_dates = EXCLUDED.open_due_dates,
                updated_at = EXCLUDED.updated_at;
       $$`,
    );
    await queryRunner.query(`DELETE FROM venue_task_rollups r WHERE NOT EXISTS (SELECT 1 FROM venue_tasks t WHERE t.venue_id = r.venue_id)`);
    await queryRunner.query(`DROP INDEX "public"."venue_task_rollups_edition_anchor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."venue_task_rollups_edition_status_idx"`);
    await queryRunner.query(`CREATE INDEX "venue_task_rollups_edition_idx" ON "venue_task_rollups" ("edition_id") `);
    await queryRunner.query(`ALTER TABLE "venue_task_rollups" ALTER "tasks" DROP DEFAULT, ALTER "total_weight" DROP DEFAULT,
                               ALTER "done_weight" DROP DEFAULT, ALTER "blocked" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "venue_task_rollups" DROP "anchor_date", DROP "region", DROP "province_code", DROP "venue_status"`);
  }
}
