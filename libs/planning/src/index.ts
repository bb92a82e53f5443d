// Planning: the API's and the worker's modules, the solve job, and the solver pieces the benches drive.
export { greedyPlan } from './greedy';
export { loadHighs } from './highs';
export { evaluatePlan } from './objective';
export { planInstance } from './plan-instance';
export { PlanningWorkerModule } from './planning-worker.module';
export { PlanningModule } from './planning.module';
export type { ObjectiveBreakdown, PlanningInstance } from './planning.types';
export { SolvePlanningRunJob } from './solve-planning-run.handler';
export { SolveCancelledError, SolverThreads } from './solver-threads';
export { warmUpSolver } from './solver-warm-up';
