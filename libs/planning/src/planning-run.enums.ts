/**
 * Where a planning run stands, and the Vietnamese names of each: a pure file (no decorators, no
 * imports), so the web console reads the same definitions as the API
 * (`@shared/planning/src/planning-run.enums`).
 */

export enum PlanningRunStatus {
  /** Waiting for the worker (a large run). */
  Queued = 'queued',
  /** The worker is solving it; `progress` counts the provinces done. */
  Solving = 'solving',
  /** The solver failed; `failure` says why. */
  Failed = 'failed',
  /** Computed, waiting for a planner. */
  Proposed = 'proposed',
  /** Written to assignments and venue dates. */
  Accepted = 'accepted',
  /** Another run of the edition was accepted first. */
  Superseded = 'superseded',
  /** A planner cancelled it while it waited or was being solved (its solve stopped). */
  Cancelled = 'cancelled',
}

export const PLANNING_RUN_STATUS_NAMES: Record<PlanningRunStatus, string> = {
  [PlanningRunStatus.Queued]: 'Đang chờ xử lý',
  [PlanningRunStatus.Solving]: 'Đang lập phương án',
  [PlanningRunStatus.Failed]: 'Lỗi',
  [PlanningRunStatus.Proposed]: 'Chờ chấp nhận',
  [PlanningRunStatus.Accepted]: 'Đã chấp nhận',
  [PlanningRunStatus.Superseded]: 'Đã thay bằng phương án khác',
  [PlanningRunStatus.Cancelled]: 'Đã huỷ',
};

/** Still being computed: the console polls while a run is in one of these. */
export const PENDING_PLANNING_RUN_STATUSES: readonly PlanningRunStatus[] = [PlanningRunStatus.Queued, PlanningRunStatus.Solving];
