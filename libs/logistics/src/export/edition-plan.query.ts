/**
 * The one loader of the edition plan's rows, for every format: a single statement over the live
 * venues (readiness from the shared readiness query, venues' read model, budget sums), read through a
 * server-side cursor in batches so 50,000 venues never sit in memory at once; each batch then gets its
 * province names, leaders and invitation answers from their own libraries, in the same transaction.
 */
import type { QueryRunner } from 'typeorm';
import { queryRows, type IsoDate } from '@app/common';
import { invitationAnswersOfVenues } from '@app/invitations';
import { leaderLinesOfVenues } from '@app/leaders';
import { provinceNames } from '@app/provinces';
import { VENUE_FACTS } from '@app/venues';
import { LIVE_VENUE_READINESS_SQL } from '../readiness/readiness.query';
import type { EditionPlanRecord } from './edition-plan.rows';

/**
 * $1 edition, $2 today, $3 province or null. Ordered by date (scheduled, else first proposed; none
 * last), then province in the official order of codes, then venue name.
 *
 * Budget sums are a LATERAL lookup through budget_lines' venue_id index: linear in the number of
 * venues whatever the planner believes. (Aggregating them in a CTE and joining it was tried: with
 * statistics not yet refreshed after a bulk import, the planner nested-looped the CTEs and 50,000
 * venues took minutes.)
 */
export const EDITION_PLAN_SQL = `
  WITH readiness AS (${LIVE_VENUE_READINESS_SQL})
  SELECT r.*, v.name, v.province_code, v.region::text AS region, v.commune_name, v.address,
         v.scheduled_date::text AS scheduled_date, v.starts_at, v.ends_at,
         b.budget_lines, b.lines_with_actual, b.planned, b.settled_planned, b.actual
    FROM readiness r
    JOIN ${VENUE_FACTS} v ON v.id = r.venue_id
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

/** A row of EDITION_PLAN_SQL: the record before its province name, leaders and answers are added. */
type PlanStatementRow = Omit<EditionPlanRecord, 'province_name' | 'leaders' | 'invitations'>;

export interface EditionPlanScope {
  editionId: string;
  today: IsoDate;
  /** Organizers export their own province only. */
  provinceCode: string | null;
}

/**
 * Yields the plan's records in order. Runs in the caller's transaction (a cursor lives only inside
 * one, and is closed when it ends), which should be REPEATABLE READ so that the rows, what each batch
 * adds to them and any totals read beside them come from the same snapshot.
 */
export async function* editionPlanRecords(runner: QueryRunner, scope: EditionPlanScope, batchSize = 1000): AsyncGenerator<EditionPlanRecord> {
  const provinceName = await provinceNames(runner.manager);
  await runner.query(`DECLARE edition_plan NO SCROLL CURSOR FOR ${EDITION_PLAN_SQL}`, [scope.editionId, scope.today, scope.provinceCode]);
  for (;;) {
    const batch = await queryRows<PlanStatementRow>(runner.manager, `FETCH FORWARD ${batchSize} FROM edition_plan`);
    const venueIds = batch.map((row) => row.venue_id);
    const leaders = await leaderLinesOfVenues(runner.manager, scope.editionId, venueIds);
    const answers = await invitationAnswersOfVenues(runner.manager, venueIds);
    for (const row of batch) {
      yield {
        ...row,
        province_name: provinceName.get(row.province_code)!,
        leaders: leaders.get(row.venue_id) ?? null,
        invitations: answers.get(row.venue_id) ?? null,
      };
    }
    if (batch.length < batchSize) return;
  }
}
