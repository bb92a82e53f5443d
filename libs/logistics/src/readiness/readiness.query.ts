/**
 * The SQL that turns the venues' task roll-ups into readiness: per-venue facts for the edition-plan
 * export (classifyReadiness applied to each), and the national dashboard's counts, classified in the
 * database by the same rule (readinessStatusSql).
 */
import type { IsoDate } from '@app/common';
import { LIVE_VENUE_STATUSES, LIVE_VENUES, VENUE_FACTS } from '@app/venues';
import { type ReadinessFacts, readinessStatusSql } from './readiness-rules';

/** A live venue's task roll-up as readiness facts (0 for a venue without tasks); `v` the venue, `r` its roll-up. */
const ROLLUP_FACTS = `
         COALESCE(r.total_weight, 0) AS total_weight,
         COALESCE(r.done_weight, 0) AS done_weight,
         COALESCE(r.tasks, 0) AS tasks,
         COALESCE(width_bucket($2::date - 1, r.open_due_dates), 0) AS overdue,
         COALESCE(width_bucket($2::date - 4, r.open_due_dates), 0) AS long_overdue,
         COALESCE(r.blocked, 0) AS blocked`;

/**
 * Readiness facts of every live venue of an edition (venues' LIVE_VENUES read model: approved or
 * scheduled, not proposals, not dropped, not yet held), one row per venue, read from the venues' task
 * roll-ups (task-rollup.entity.ts: one row a venue, not its twenty tasks). Overdue counts depend on the day:
 * the roll-up keeps its open tasks' deadlines in order, and width_bucket counts those before the day by
 * binary search (deadline < today ⇔ deadline ≤ today − 1; more than 3 days past ⇔ ≤ today − 4).
 * Parameters: $1 edition id, $2 today (festival time zone), $3 province code or null for all. Embed it
 * as a CTE.
 */
export const LIVE_VENUE_READINESS_SQL = `
  SELECT v.id AS venue_id, v.anchor_date::text AS date, ${ROLLUP_FACTS}
    FROM ${LIVE_VENUES} v
    LEFT JOIN venue_task_rollups r ON r.venue_id = v.id
   WHERE v.edition_id = $1 AND ($3::text IS NULL OR v.province_code = $3)`;

const STATUS = readinessStatusSql({
  totalWeight: 'f.total_weight',
  doneWeight: 'f.done_weight',
  overdue: 'f.overdue',
  longOverdue: 'f.long_overdue',
  blocked: 'f.blocked',
  venueDate: 'f.date',
  today: '$2::date',
});

/** The live statuses (venues' LIVE_VENUE_STATUSES: approved or scheduled) as a SQL list. */
const LIVE_STATUSES = LIVE_VENUE_STATUSES.map((status) => `'${status}'`).join(', ');

/** A live venue's roll-up as readiness facts (`r` the roll-up); $1 edition, $2 today, $3 province or null. */
const LIVE_ROLLUP_FACTS = `
  SELECT r.venue_id, r.province_code, r.region, r.anchor_date AS date, r.total_weight, r.done_weight, r.tasks,
         width_bucket($2::date - 1, r.open_due_dates) AS overdue,
         width_bucket($2::date - 4, r.open_due_dates) AS long_overdue,
         r.blocked
    FROM venue_task_rollups r
   WHERE r.edition_id = $1 AND r.venue_status IN (${LIVE_STATUSES}) AND ($3::text IS NULL OR r.province_code = $3)`;

/** Within a readiness level (late ones are listed first): by date, no date first as the dashboard always listed them, the id breaking ties. */
const BY_DATE = `date NULLS FIRST, venue_id`;

/**
 * The national dashboard's figures in one statement that returns a few dozen rows, not 50,000 (issue 21):
 * every live venue classified in the database (readinessStatusSql: the rule of classifyReadiness), then
 * - one `group` row per (province, region) present: venues by readiness, weights, overdue and blocked
 *   tasks summed (the service adds them up into provinces, regions and the edition);
 * - `venue` rows: the $4 most urgent venues late or at risk (late first, then by date, no date first as
 *   before; the id breaks ties; `rank` 1, 2… says the order), with their facts for classifyReadiness
 *   and their names.
 * It reads the roll-ups alone (task-rollup.entity.ts: each venue's row carries its status, province,
 * region and anchor date beside its task sums), not the venues: no join of 50,000 venues; only the
 * listed venues' names are looked up by id.
 * - The counts scan the edition's roll-ups once; their facts are computed once a row (OFFSET 0 keeps
 *   the planner from copying the width_bucket calls into each use of them in the rule).
 * - The list walks the roll-ups in date order (venue_task_rollups_edition_anchor_idx) and stops at the
 *   first $4 late venues, then at the first $4 at risk: a few hundred rows, not a sort of every venue
 *   late or at risk (44,507 of 50,000 in the benchmark). The statuses are filtered as "neither of the
 *   two others": for `status = 'late'` on a CASE the planner guesses 0.5% of rows and would sort them all
 *   instead. At worst (fewer than $4 of a kind) a walk reads the edition's roll-ups, as a sort would.
 * Parameters: $1 edition id, $2 today (festival time zone), $3 province code or null for all, $4 how
 * many venues to list.
 */
export const DASHBOARD_SQL = `
  WITH counted AS NOT MATERIALIZED (
    SELECT f.*, ${STATUS} AS status FROM (${LIVE_ROLLUP_FACTS} OFFSET 0) f
  ), ordered AS NOT MATERIALIZED (
    SELECT f.*, ${STATUS} AS status FROM (${LIVE_ROLLUP_FACTS}) f
  )
  SELECT 'group' AS kind, province_code, region::text AS region,
         count(*)::int AS venues,
         (count(*) FILTER (WHERE status = 'on_track'))::int AS on_track,
         (count(*) FILTER (WHERE status = 'at_risk'))::int AS at_risk,
         (count(*) FILTER (WHERE status = 'late'))::int AS late,
         sum(total_weight)::float8 AS total_weight, sum(done_weight)::float8 AS done_weight,
         sum(overdue)::float8 AS overdue, sum(blocked)::float8 AS blocked,
         NULL::uuid AS venue_id, NULL::text AS name, NULL::text AS date, NULL::int AS tasks, NULL::int AS long_overdue, NULL::int AS rank
    FROM counted
   GROUP BY province_code, region
  UNION ALL
  (SELECT 'venue', w.province_code, w.region::text, NULL, NULL, NULL, NULL, w.total_weight, w.done_weight, w.overdue, w.blocked,
          w.venue_id, named.name, w.date::text, w.tasks, w.long_overdue, w.rank::int
     FROM (SELECT t.*, row_number() OVER (ORDER BY status = 'late' DESC, ${BY_DATE}) AS rank
             FROM (SELECT *
                     FROM ((SELECT * FROM ordered WHERE status <> 'on_track' AND status <> 'at_risk' ORDER BY ${BY_DATE} LIMIT $4)
                           UNION ALL
                           (SELECT * FROM ordered WHERE status <> 'on_track' AND status <> 'late' ORDER BY ${BY_DATE} LIMIT $4)) both_kinds
                    ORDER BY status = 'late' DESC, ${BY_DATE}
                    LIMIT $4) t) w
     JOIN ${VENUE_FACTS} named ON named.id = w.venue_id)`;

/** A row of DASHBOARD_SQL: a (province, region) group's sums, or one of the venues listed. */
export type DashboardRow =
  | {
      kind: 'group';
      province_code: string;
      region: string;
      venues: number;
      on_track: number;
      at_risk: number;
      late: number;
      total_weight: number;
      done_weight: number;
      overdue: number;
      blocked: number;
    }
  | (ReadinessRow & { kind: 'venue'; province_code: string; region: string; name: string; rank: number });

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
