/**
 * What an edition's report (libs/results) reads of logistics, per venue, in one statement each: how
 * much each venue planned and spent, and how many of its tasks were done by their deadline. Logistics
 * names its own tables here; the report only sums what it is given.
 */
import type { EntityManager } from 'typeorm';
import { FESTIVAL_TIME_ZONE, queryRows } from '@app/common';
import { vndOf } from './budget/money';
import { TaskStatus } from './tasks/task.enums';

export interface VenueBudgetFacts {
  plannedVnd: number;
  /** Spent so far: lines without an actual amount count nothing. */
  actualVnd: number;
}

export interface VenueTaskFacts {
  tasks: number;
  /** Done on or before the task's due date (in Vietnam's time), or done when it had none. */
  doneOnTime: number;
}

/** Every venue of the edition that has budget lines, with its totals. */
export async function budgetTotalsOfEdition(manager: EntityManager, editionId: string): Promise<Map<string, VenueBudgetFacts>> {
  const rows = await queryRows<{ venue_id: string; planned: string; actual: string }>(
    manager,
    `SELECT venue_id, sum(planned_vnd) AS planned, coalesce(sum(actual_vnd), 0) AS actual
       FROM budget_lines WHERE edition_id = $1 GROUP BY venue_id`,
    [editionId],
  );
  return new Map(rows.map((row) => [row.venue_id, { plannedVnd: vndOf(row.planned) ?? 0, actualVnd: vndOf(row.actual) ?? 0 }]));
}

/** Every venue of the edition that has tasks, with how many it has and how many were done in time. */
export async function taskTimelinessOfEdition(manager: EntityManager, editionId: string): Promise<Map<string, VenueTaskFacts>> {
  const rows = await queryRows<{ venue_id: string; tasks: number; on_time: number }>(
    manager,
    `SELECT venue_id, count(*)::int AS tasks,
            count(*) FILTER (WHERE status = $2 AND (due_date IS NULL OR (done_at AT TIME ZONE $3)::date <= due_date))::int AS on_time
       FROM venue_tasks WHERE edition_id = $1 GROUP BY venue_id`,
    [editionId, TaskStatus.Done, FESTIVAL_TIME_ZONE],
  );
  return new Map(rows.map((row) => [row.venue_id, { tasks: row.tasks, doneOnTime: row.on_time }]));
}
