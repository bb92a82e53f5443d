/** The messages between a solver thread (solver-thread.ts) and its pool (solver-threads.ts). */
import type { PlannedInstance } from './plan-instance';
import type { PlanningInstance } from './planning.types';

export interface SolverTask {
  id: number;
  instance: PlanningInstance;
  mode: 'fresh' | 'repair';
  byProvince: boolean;
}

export type SolverAnswer =
  | { type: 'ready'; seconds: number }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; planned: PlannedInstance }
  | { type: 'error'; id: number; error: { name: string; message: string } };
