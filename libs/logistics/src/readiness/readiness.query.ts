/**
 * The one SQL statement that turns tasks into per-venue readiness facts, shared by the readiness
 * dashboard and the edition-plan export so both apply classifyReadiness to the same numbers.
 */
import type { IsoDate } from '@app/common/time';
import { LIVE_VENUE_STATUSES } from '@app/venues/venue-workflow';
import type { ReadinessFacts } from './readiness-rules';

/**
 * Venues that count in roll-ups and exports: approved or scheduled (not proposals, not cancelled,
 * not yet closed as held). Written for a venue aliased `v`.
 */
export const LIVE_VENUE_CONDITION = `v.status IN (${LIVE_VENUE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/**
 * Readiness facts of every live venue of an edition, one row per venue. Parameters: $1 edition id,
 * $2 today (festival time zone), $3 province code or null for all. Embed it as a CTE.
 */
export const LIVE_VENUE_READINESS_SQL = `
  SELECT v.id AS venue_id,
         COALESCE(v.scheduled_date, v.candidate_dates[1])::text AS date,
         COALESCE(sum(t.weight), 0)::int AS total_weight,
         COALESCE(sum(t.weight) FILTER (WHERE t.status = 'done'), 0)::int AS done_weight,
         count(t.id)::int AS tasks,
         count(t.id) FILTER (WHERE t.status <> 'done' AND t.due_date < $2::date)::int AS overdue,
         count(t.id) FILTER (WHERE t.status <> 'done' AND t.due_date < $2::date - 3)::int AS long_overdue,
         count(t.id) FILTER (WHERE t.status = 'blocked')::int AS blocked
    FROM venues v
    LEFT JOIN venue_tasks t ON t.venue_id = v.id
   WHERE v.edition_id = $1 AND ${LIVE_VENUE_CONDITION} AND ($3::text IS NULL OR v.province_code = $3)
   GROUP BY v.id`;

export interface ReadinessRow {
  venue_id: string;
  /** The scheduled date, or before scheduling the first candidate date. */
  date: IsoDate | null;
  total_weight: number;
  done_weight: number;
  tasks: number;
  overdue: number;
  long_overdue: number;
  blocked: number;
}

export function readinessFactsOf(row: ReadinessRow): ReadinessFacts {
  return {
    totalWeight: row.total_weight,
    doneWeight: row.done_weight,
    tasks: row.tasks,
    overdue: row.overdue,
    longOverdue: row.long_overdue,
    blocked: row.blocked,
    venueDate: row.date,
  };
}
