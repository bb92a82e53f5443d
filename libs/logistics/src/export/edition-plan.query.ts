/**
 * The one loader of the edition plan's rows, for every format: a single statement over the live
 * venues (readiness from the shared readiness query, leaders, invitation answers, budget sums),
 * read through a server-side cursor in batches so 50,000 venues never sit in memory at once.
 */
import type { QueryRunner } from 'typeorm';
import type { IsoDate } from '@app/common/time';
import { LIVE_VENUE_READINESS_SQL } from '../readiness/readiness.query';
import type { EditionPlanRecord } from './edition-plan.rows';

/**
 * $1 edition, $2 today, $3 province or null. Ordered by date (scheduled, else first proposed; none
 * last), then province in the official order of codes, then venue name.
 *
 * Leaders, answers and budget are LATERAL lookups through each table's venue_id index: linear in the
 * number of venues whatever the planner believes. (Aggregating them in CTEs and joining those was
 * tried: with statistics not yet refreshed after a bulk import, the planner nested-looped the CTEs
 * and 50,000 venues took minutes.)
 */
export const EDITION_PLAN_SQL = `
  WITH readiness AS (${LIVE_VENUE_READINESS_SQL})
  SELECT r.*, v.name, v.province_code, p.name AS province_name, v.region::text AS region, v.commune_name, v.address,
         v.scheduled_date::text AS scheduled_date, v.starts_at, v.ends_at,
         ld.leaders, an.invitations,
         b.budget_lines, b.lines_with_actual, b.planned, b.settled_planned, b.actual
    FROM readiness r
    JOIN venues v ON v.id = r.venue_id
    JOIN provinces p ON p.code = v.province_code
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('name', l.full_name, 'title', COALESCE(lp.title, l.position), 'role', a.role)
                      ORDER BY a.role = 'chief_guest' DESC, l.full_name) AS leaders
        FROM venue_leader_assignments a
        JOIN leaders l ON l.id = a.leader_id
        LEFT JOIN leader_participations lp ON lp.leader_id = a.leader_id AND lp.edition_id = $1
       WHERE a.venue_id = r.venue_id
    ) ld ON true
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('name', i.delegate_name, 'status', i.status, 'substitute', i.substitute ->> 'name')
                      ORDER BY i.role = 'chief_guest' DESC, i.delegate_name) AS invitations
        FROM invitations i
       WHERE i.venue_id = r.venue_id AND i.status <> 'withdrawn'
    ) an ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS budget_lines,
             count(bl.actual_vnd)::int AS lines_with_actual,
             COALESCE(sum(bl.planned_vnd), 0)::text AS planned,
             COALESCE(sum(bl.planned_vnd) FILTER (WHERE bl.actual_vnd IS NOT NULL), 0)::text AS settled_planned,
             COALESCE(sum(bl.actual_vnd), 0)::text AS actual
        FROM budget_lines bl
       WHERE bl.venue_id = r.venue_id
    ) b ON true
   ORDER BY r.date NULLS LAST, v.province_code, v.name, v.id`;

export interface EditionPlanScope {
  editionId: string;
  today: IsoDate;
  /** Organizers export their own province only. */
  provinceCode: string | null;
}

/**
 * Yields the plan's records in order. Runs in the caller's transaction (a cursor lives only inside
 * one, and is closed when it ends), which should be REPEATABLE READ so that the rows and any totals
 * read beside them come from the same snapshot.
 */
export async function* editionPlanRecords(runner: QueryRunner, scope: EditionPlanScope, batchSize = 1000): AsyncGenerator<EditionPlanRecord> {
  await runner.query(`DECLARE edition_plan NO SCROLL CURSOR FOR ${EDITION_PLAN_SQL}`, [scope.editionId, scope.today, scope.provinceCode]);
  for (;;) {
    const batch: EditionPlanRecord[] = await runner.query(`FETCH FORWARD ${batchSize} FROM edition_plan`);
    yield* batch;
    if (batch.length < batchSize) return;
  }
}
