import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The task roll-ups' race closed (bench/README.md, readiness): two transactions writing tasks of one
 * venue at once each summed the venue's tasks from their own snapshot, so the later commit's sums could
 * miss the other's task until the next write to that venue (test/rollup-races.e2e-spec.ts).
 *
 * The trigger now locks the venues' roll-up rows first, in venue id order (two multi-venue statements
 * cannot deadlock on them), in a statement of its own, and sums the tasks in the next one. The app runs
 * in READ COMMITTED (PostgreSQL's default; no transaction asks for another), where each statement of a
 * plpgsql function, and of the VOLATILE SQL function it calls, takes a new snapshot: a writer that
 * waited for the lock sums after the other writer has committed, and sees its tasks. (Under REPEATABLE
 * READ the lock of a row another transaction changed after the snapshot fails with a serialisation
 * error, to be retried: not a wrong sum either.) Chosen over delta maintenance (sum += new − old), which
 * is commutative too, because the open due dates are a sorted array, not a sum, and a recompute cannot
 * drift. The locking statement is an upsert that updates nothing (ON CONFLICT … DO UPDATE … WHERE false
 * locks every conflicting row): it also makes the row of a venue lacking one (every venue gets one at
 * its insert, migration 1796420000000; only a row deleted by hand lacks it), and a concurrent insert of
 * that row is waited for like a lock — one statement, where a SELECT … FOR UPDATE would need an insert
 * before it (the two cost 120–200 µs more per task write than before; this one, measured the same way,
 * is within the noise: 550–650 µs per committed one-row update with either trigger).
 *
 * Checked and left alone: the venue facts copied by the triggers on `venues` come from the written rows
 * themselves, and writers of one venue wait for each other on its `venues` row, so the last to commit
 * writes the last values; their UPDATE of the roll-up row sets the facts only, and a task writer's
 * upsert the sums only, each on the row's latest version. The budget roll-ups are kept by
 * refreshBudgetRollups (logistics), whose callers lock the venue's row (VenuesService.lockForChildEdit,
 * or the venue event's own update) in an earlier statement of the same READ COMMITTED transaction —
 * the lock taken first, then the recompute with a fresh snapshot, as here — and whose edition rows are
 * adjusted by deltas; the one caller that did not lock, the demo seed's insertBudgetLines, now does
 * (budget-inserts.ts; tested in test/rollup-races.e2e-spec.ts too).
 */
export class TaskRollupLocks1796460000000 implements MigrationInterface {
  name = 'TaskRollupLocks1796460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION venue_task_rollups_follow() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         venue_ids uuid[];
       BEGIN
         IF TG_OP = 'INSERT' THEN
           venue_ids := ARRAY(SELECT DISTINCT venue_id FROM new_rows ORDER BY venue_id);
         ELSIF TG_OP = 'DELETE' THEN
           venue_ids := ARRAY(SELECT DISTINCT venue_id FROM old_rows ORDER BY venue_id);
         ELSE
           venue_ids := ARRAY(
             SELECT DISTINCT moved.venue_id
               FROM old_rows o JOIN new_rows n ON n.id = o.id,
                    LATERAL (VALUES (o.venue_id), (n.venue_id)) AS moved(venue_id)
              WHERE (o.venue_id, o.edition_id, o.status, o.due_date, o.weight) IS DISTINCT FROM (n.venue_id, n.edition_id, n.status, n.due_date, n.weight)
              ORDER BY moved.venue_id);
         END IF;
         IF cardinality(venue_ids) = 0 THEN
           RETURN NULL;
         END IF;
         -- Wait here for any other writer of these venues' tasks to commit: the rows are locked (all of them,
         -- although WHERE false updates none), after a row is made for a venue lacking one (see the migration's comment)…
         INSERT INTO venue_task_rollups AS r (venue_id, edition_id, venue_status, province_code, region, anchor_date)
         SELECT v.id, v.edition_id, v.status, v.province_code, v.region, COALESCE(v.scheduled_date, v.candidate_dates[1])
           FROM venues v
          WHERE v.id = ANY(venue_ids)
          ORDER BY v.id
         ON CONFLICT (venue_id) DO UPDATE SET venue_id = EXCLUDED.venue_id WHERE false;
         -- …so that this statement's snapshot, taken after, sees its tasks.
         PERFORM venue_task_rollups_refresh(venue_ids);
         RETURN NULL;
       END $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION venue_task_rollups_follow() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           PERFORM venue_task_rollups_refresh(ARRAY(SELECT DISTINCT venue_id FROM new_rows));
         ELSIF TG_OP = 'DELETE' THEN
           PERFORM venue_task_rollups_refresh(ARRAY(SELECT DISTINCT venue_id FROM old_rows));
         ELSE
           PERFORM venue_task_rollups_refresh(ARRAY(
             SELECT DISTINCT moved.venue_id
               FROM old_rows o JOIN new_rows n ON n.id = o.id,
                    LATERAL (VALUES (o.venue_id), (n.venue_id)) AS moved(venue_id)
              WHERE (o.venue_id, o.edition_id, o.status, o.due_date, o.weight) IS DISTINCT FROM (n.venue_id, n.edition_id, n.status, n.due_date, n.weight)));
         END IF;
         RETURN NULL;
       END $$`,
    );
  }
}
