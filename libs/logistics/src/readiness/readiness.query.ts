/**
 * The one SQL statement that turns tasks into per-venue readiness facts, shared by the readiness
 * dashboard and the edition-plan export so both apply classifyReadiness to the same numbers.
 */
import type { IsoDate } from '@app/common';
import { LIVE_VENUES } from '@app/venues';
import type { ReadinessFacts } from './readiness-rules';

/**
 * Readiness facts of every live venue of an edition (venues' LIVE_VENUES read model: approved or
 * scheduled, not proposals, not dropped, not yet held), one row per venue. Parameters: $1 edition id,
 * $2 today (festival time zone), $3 province code or null for all. Embed it as a CTE.
 */
export const LIVE_VENUE_READINESS_SQL = `
  SELECT v.id AS venue_id,
         v.anchor_date::text AS date,
         COALESCE(sum(t.weight), 0)::int AS total_weight,
         COALESCE(sum(t.weight) FILTER (WHERE t.status = 'done'), 0)::int AS done_weight,
         count(t.id)::int AS tasks,
         count(t.id) FILTER (WHERE t.status <> 'done' AND t.due_date < $2::date)::int AS overdue,
         count(t.id) FILTER (WHERE t.status <> 'done' AND t.due_date < $2::date - 3)::int AS long_overdue,
         count(t.id) FILTER (WHERE t.status = 'blocked')::int AS blocked
    FROM ${LIVE_VENUES} v
    LEFT JOIN venue_tasks t ON t.venue_id = v.id
   WHERE v.edition_id = $1 AND ($3::text IS NULL OR v.province_code = $3)
   GROUP BY v.id, v.anchor_date`;

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
