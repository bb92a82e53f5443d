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

/**
 * The readiness rule, written down once:
 * - late: a task is more than 3 days past its deadline, or the festival is 3 days away or less and
 *   under 90% of the work (by weight) is done;
 * - at risk: a task is past its deadline, or blocked;
 * - on track: otherwise.
 */
export function classifyReadiness(facts: ReadinessFacts, today: IsoDate): VenueReadiness {
  const doneShare = facts.totalWeight === 0 ? 1 : facts.doneWeight / facts.totalWeight;
  // (a dashboard or export classifies 50,000 venues: a luxon diff per venue cost seconds)
  const daysLeft = facts.venueDate ? daysBetween(today, facts.venueDate) : Infinity;
  const status: Readiness =
    facts.longOverdue > 0 || (daysLeft <= 3 && doneShare < 0.9) ? 'late' : facts.overdue > 0 || facts.blocked > 0 ? 'at_risk' : 'on_track';
  return { doneShare: Math.round(doneShare * 1000) / 1000, tasks: facts.tasks, overdue: facts.overdue, blocked: facts.blocked, status };
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
