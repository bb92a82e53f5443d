/** The messages between a solver thread (solver-thread.ts) and its pool (solver-threads.ts). */
import type { CurrentAssignment, PlanningInstance, PlanningLeader, PlanningVenue } from './planning.types';
import type { StoredResultOptions } from './stored-result';

export interface SolverTask {
  id: number;
  /** With the `parts` sent before it (SolverPart) prepended to its lists. */
  instance: PlanningInstance;
  byProvince: boolean;
  /** The mode, and what else the stored proposal carries (stored-result.ts). */
  result: StoredResultOptions;
}

/**
 * A slice of a task's instance, sent ahead of it: each message is cloned on the sending thread at once,
 * so a nationwide instance goes as a few small clones with turns of the worker's loop between them.
 */
export type SolverPart = { id: number } & (
  { list: 'venues'; items: PlanningVenue[] } | { list: 'leaders'; items: PlanningLeader[] } | { list: 'current'; items: CurrentAssignment[] }
);

/** What the pool sends a thread: parts of an instance, then the task that solves it. */
export type SolverMessage = ({ type: 'part' } & SolverPart) | ({ type: 'solve' } & SolverTask);

/** A solve's outcome as the thread sends it: the stored proposal as JSON text (one flat copy across threads, no object graph). */
export interface SolvedRun {
  /** JSON of the StoredResult, written as it is into `planning_runs.result`. */
  resultJson: string;
  assignments: number;
}

export type SolverAnswer =
  | { type: 'ready'; seconds: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; solved: SolvedRun }
  | { type: 'error'; id: number; error: { name: string; message: string } };
