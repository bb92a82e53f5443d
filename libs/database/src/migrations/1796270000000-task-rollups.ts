import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each venue's tasks summed up (issue 21), so that the readiness dashboard reads one row per venue
 * instead of every task; kept by statement triggers on venue_tasks, filled here from the tasks already
 * written.
 */
export class TaskRollups1796270000000 implements MigrationInterface {
  name = 'TaskRollups1796270000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "venue_task_rollups" (
         "venue_id" uuid NOT NULL,
         "edition_id" uuid NOT NULL,
         "tasks" integer NOT NULL,
         "total_weight" integer NOT NULL,
         "done_weight" integer NOT NULL,
         "blocked" integer NOT NULL,
         "open_due_dates" date array NOT NULL DEFAULT '{}',
         "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "REL_venue_task_rollups_venue" UNIQUE ("venue_id"),
         CONSTRAINT "PK_venue_task_rollups" PRIMARY KEY ("venue_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "venue_task_rollups_edition_idx" ON "venue_task_rollups" ("edition_id")`);
    await queryRunner.query(
      `ALTER TABLE "venue_task_rollups" ADD CONSTRAINT "FK_da4c145e7370f571d2a1a2d6d06" FOREIGN KEY ("venue_id") REFERENCES "venues"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Kept by the database itself, whoever writes tasks (the services, the demo seed, SQL by hand): after
    // each statement, the roll-ups of the venues it touched are recomputed from their tasks (about twenty
    // each), not adjusted by deltas, so nothing can drift. Updates that move none of the summed columns
    // touch no roll-up.
    await queryRunner.query(
      `CREATE FUNCTION venue_task_rollups_refresh(venue_ids uuid[]) RETURNS void LANGUAGE sql AS $$
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
    await queryRunner.query(
      `CREATE FUNCTION venue_task_rollups_follow() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(
      `CREATE TRIGGER venue_task_rollups_after_insert AFTER INSERT ON venue_tasks REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION venue_task_rollups_follow()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER venue_task_rollups_after_update AFTER UPDATE ON venue_tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION venue_task_rollups_follow()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER venue_task_rollups_after_delete AFTER DELETE ON venue_tasks REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION venue_task_rollups_follow()`,
    );
    // The tasks already written.
    await queryRunner.query(`SELECT venue_task_rollups_refresh(ARRAY(SELECT DISTINCT venue_id FROM venue_tasks))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER venue_task_rollups_after_delete ON venue_tasks`);
    await queryRunner.query(`DROP TRIGGER venue_task_rollups_after_update ON venue_tasks`);
    await queryRunner.query(`DROP TRIGGER venue_task_rollups_after_insert ON venue_tasks`);
    await queryRunner.query(`DROP FUNCTION venue_task_rollups_follow()`);
    await queryRunner.query(`DROP FUNCTION venue_task_rollups_refresh(uuid[])`);
    await queryRunner.query(`DROP TABLE "venue_task_rollups"`);
  }
}
