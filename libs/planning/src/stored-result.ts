/**
 * A run's proposal as stored in `planning_runs.result` and shown by the API (PlanningRunView), made
 * from a planned instance. A plain function of plain data: the solver thread makes it, and serialises
 * it, so that the worker's event loop receives one string to write instead of an object graph of
 * thousands of assignments to rebuild, name and stringify (a nationwide run's result blocked the loop
 * for a hundred milliseconds and more, bench/README.md's solver-isolation section).
 */
import type { PlannedInstance } from './plan-instance';
import type { PlanAssignment, PlanningInstance } from './planning.types';
import type { PlanOutcome } from './province-split';

export interface ProposedAssignment extends PlanAssignment {
  venueName: string;
  leaderName: string;
}

/** The proposal of a run as stored and shown (see PlanningRunView). */
export type StoredResult = Omit<PlanOutcome, 'plan' | 'status'> & {
  mode: 'fresh' | 'repair';
  solverStatus: string;
  assignments: ProposedAssignment[];
  /** Provinces planned one by one (tiers below central), or null for one national instance. */
  provinces: number | null;
  startTime: string;
  endTime: string;
};

/** What a run asks of its proposal besides the plan: the festival's hours. */
export interface StoredResultOptions {
  mode: 'fresh' | 'repair';
  startTime?: string;
  endTime?: string;
}

/** The stored proposal: the outcome, its assignments named after the instance's venues and leaders. */
export function storedResultOf(instance: PlanningInstance, { outcome, provinces }: PlannedInstance, options: StoredResultOptions): StoredResult {
  const venueNames = new Map(instance.venues.map((venue) => [venue.id, venue.name]));
  const leaderNames = new Map(instance.leaders.map((leader) => [leader.id, leader.name]));
  const { plan, status, ...rest } = outcome;
  return {
    ...rest,
    mode: options.mode,
    solverStatus: status,
    assignments: plan.assignments.map((a) => ({ ...a, venueName: venueNames.get(a.venueId)!, leaderName: leaderNames.get(a.leaderId)! })),
    provinces: provinces && Object.keys(provinces).length,
    startTime: options.startTime ?? '07:30',
    endTime: options.endTime ?? '11:00',
  };
}
