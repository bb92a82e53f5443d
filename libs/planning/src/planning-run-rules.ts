/**
 * The life of a planning run, as one table: which status may follow which. The API (cancel, accept)
 * and the worker (claim, propose, fail) check their moves against it, and the worker's guarded SQL
 * updates take their `WHERE status = ANY(…)` from it, so a run cancelled while it is solved stays
 * cancelled whatever the solve does next.
 */
import { BusinessRuleError } from '@app/common';
import { PlanningRunStatus as S } from './planning-run.enums';

const NEXT: Record<S, readonly S[]> = {
  [S.Queued]: [S.Solving, S.Cancelled],
  // Solving → solving: a worker that died mid-solve left it so; the retry claims it again.
  [S.Solving]: [S.Solving, S.Proposed, S.Failed, S.Cancelled],
  [S.Proposed]: [S.Accepted, S.Superseded],
  [S.Accepted]: [],
  [S.Superseded]: [],
  [S.Failed]: [],
  [S.Cancelled]: [],
};

export function canTransition(from: S, to: S): boolean {
  return NEXT[from].includes(to);
}

/** The statuses a run may be in to move to `to` (for guarded updates: `WHERE status = ANY($n)`). */
export function statusesBefore(to: S): S[] {
  return (Object.keys(NEXT) as S[]).filter((from) => canTransition(from, to));
}

/** A planner may cancel a run only while it waits for the worker or is being solved. */
export function assertCancellable(status: S): void {
  if (!canTransition(status, S.Cancelled)) {
    throw new BusinessRuleError('PLANNING_RUN_NOT_CANCELLABLE', 'Chỉ huỷ được lượt lập kế hoạch đang chờ xử lý hoặc đang lập phương án.', { status }, 409);
  }
}
