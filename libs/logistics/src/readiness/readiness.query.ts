/**
 * The one SQL statement that turns tasks into per-venue readiness facts, shared by the readiness
 * dashboard and the edition-plan export so both apply classifyReadiness to the same numbers.
 */
import type { IsoDate } from '@app/common';
import { LIVE_VENUES } from '@app/venues';
import type { ReadinessFacts } from './readiness-rules';

/**
 * Readiness facts of every live venue of an edition (venues' LIVE_VENUES read model: approved or
 * scheduled, not proposals, not dropped, not yet held), one row per venue, read from the venues' task
 * roll-ups (task-rollup.entity.ts: one row a venue, not its twenty tasks). Overdue counts depend on the day:
 * the roll-up keeps its open tasks' deadlines in order, and width_bucket counts those before the day by
 * binary search (deadline < today ⇔ deadline ≤ today − 1; more than 3 days past ⇔ ≤ today − 4).
 * Parameters: $1 edition id, $2 today (festival time zone), $3 province code or null for all. Embed it
 * as a CTE.
 */
export const LIVE_VENUE_READINESS_SQL = liveVenueReadinessSql('');

/** The same with the venue's name, province and region (the dashboard: no second join to the venues). */
export const LIVE_VENUE_READINESS_NAMED_SQL = liveVenueReadinessSql(', v.name, v.province_code, v.region::text AS region');

function liveVenueReadinessSql(venueColumns: string): string {
  return `
  SELECT v.id AS venue_id${venueColumns},
         v.anchor_date::text AS date,
         COALESCE(r.total_weight, 0) AS total_weight,
         COALESCE(r.done_weight, 0) AS done_weight,
         COALESCE(r.tasks, 0) AS tasks,
         COALESCE(width_bucket($2::date - 1, r.open_due_dates), 0) AS overdue,
         COALESCE(width_bucket($2::date - 4, r.open_due_dates), 0) AS long_overdue,
         COALESCE(r.blocked, 0) AS blocked
    FROM ${LIVE_VENUES} v
    LEFT JOIN venue_task_rollups r ON r.venue_id = v.id
   WHERE v.edition_id = $1 AND ($3::text IS NULL OR v.province_code = $3)`;
}

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
