/**
 * The readiness rule as plain functions: how far a venue's preparation is, from its tasks (one venue)
 * or from the per-venue sums of one SQL aggregate (the dashboard and the export), the same rule both ways.
 */
import { addDays, daysBetween, type IsoDate } from '@app/common';
import { TaskStatus } from '../tasks/task.enums';
import type { Readiness } from './readiness.enums';

export interface TaskFacts {
  status: TaskStatus;
  dueDate: IsoDate | null;
  weight: number;
}

export interface VenueReadiness {
  doneShare: number;
  tasks: number;
  overdue: number;
  blocked: number;
  status: Readiness;
}

/** What readiness is computed from; the dashboard gets it per venue from one SQL aggregate. */
export interface ReadinessFacts {
  totalWeight: number;
  doneWeight: number;
  tasks: number;
  overdue: number;
  /** Open tasks more than 3 days past their deadline. */
  longOverdue: number;
  blocked: number;
  venueDate: IsoDate | null;
}

/** A festival this many days away or less must have most of its work done… */
const CLOSING_DAYS = 3;
/** …this share of it (by weight), or it is late. */
const DONE_SHARE_WHEN_CLOSING = 0.9;

/**
 * The readiness rule, written down once:
 * - late: a task is more than 3 days past its deadline, or the festival is 3 days away or less and
 *   under 90% of the work (by weight) is done;
 * - at risk: a task is past its deadline, or blocked;
 * - on track: otherwise.
 * readinessStatusSql below is the same rule for a SQL statement (test/readiness-rule-sql.e2e-spec.ts
 * holds the two to the same answers on generated cases).
 */
export function classifyReadiness(facts: ReadinessFacts, today: IsoDate): VenueReadiness {
  const doneShare = facts.totalWeight === 0 ? 1 : facts.doneWeight / facts.totalWeight;
  // (a dashboard or export classifies 50,000 venues: a luxon diff per venue cost seconds)
  const daysLeft = facts.venueDate ? daysBetween(today, facts.venueDate) : Infinity;
  const status: Readiness =
    facts.longOverdue > 0 || (daysLeft <= CLOSING_DAYS && doneShare < DONE_SHARE_WHEN_CLOSING)
      ? 'late'
      : facts.overdue > 0 || facts.blocked > 0
        ? 'at_risk'
        : 'on_track';
  return { doneShare: Math.round(doneShare * 1000) / 1000, tasks: facts.tasks, overdue: facts.overdue, blocked: facts.blocked, status };
}

/** SQL expressions (column names, parameters) of ReadinessFacts' fields, and of the day. */
export type ReadinessFactsSql = Record<Exclude<keyof ReadinessFacts, 'tasks'>, string> & { today: string };

/**
 * classifyReadiness's status as a SQL expression ('late', 'at_risk' or 'on_track'), for statements that
 * count venues by readiness in the database instead of reading every venue (the national dashboard:
 * 50,000 venues). Weights are integers (positive), so "done share < 90%" is compared exactly as
 * done < 0.9 × total in numeric — the same answer as the division in JS for any int4 weights, and a
 * venue without tasks (total 0) is never short of it; a venue without a date is never close.
 */
export function readinessStatusSql(facts: ReadinessFactsSql): string {
  const late = `${facts.longOverdue} > 0 OR (${facts.venueDate} - ${facts.today} <= ${CLOSING_DAYS} AND ${facts.doneWeight} < ${DONE_SHARE_WHEN_CLOSING}::numeric * ${facts.totalWeight})`;
  const atRisk = `${facts.overdue} > 0 OR ${facts.blocked} > 0`;
  return `(CASE WHEN ${late} THEN 'late' WHEN ${atRisk} THEN 'at_risk' ELSE 'on_track' END)`;
}

/** Readiness of one venue from its tasks (the same rule as the dashboard's aggregate). */
export function readinessOf(tasks: readonly TaskFacts[], venueDate: IsoDate | null, today: IsoDate): VenueReadiness {
  const open = tasks.filter((task) => task.status !== TaskStatus.Done);
  const overdue = open.filter((task) => task.dueDate !== null && task.dueDate < today);
  const threeDaysAgo = addDays(today, -3);
  return classifyReadiness(
    {
      totalWeight: tasks.reduce((sum, task) => sum + task.weight, 0),
      doneWeight: tasks.filter((task) => task.status === TaskStatus.Done).reduce((sum, task) => sum + task.weight, 0),
      tasks: tasks.length,
      overdue: overdue.length,
      longOverdue: overdue.filter((task) => task.dueDate! < threeDaysAgo).length,
      blocked: open.filter((task) => task.status === TaskStatus.Blocked).length,
      venueDate,
    },
    today,
  );
}
