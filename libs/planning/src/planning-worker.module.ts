import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanningRun } from './planning-run.entity';
import { PlanningSolver } from './planning-solver';
import { SolvePlanningRunHandler } from './solve-planning-run.handler';
import { SolverThreads } from './solver-threads';

/** The worker's half of planning: solving queued runs, on solver threads that load and warm HiGHS once each (solver-threads.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([PlanningRun])],
  providers: [PlanningSolver, SolvePlanningRunHandler, SolverThreads],
  exports: [SolvePlanningRunHandler, SolverThreads],
})
export class PlanningWorkerModule {}
