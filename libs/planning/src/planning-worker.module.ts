import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadHighs } from './highs';
import { PlanningRun } from './planning-run.entity';
import { PlanningSolver } from './planning-solver';
import { SolvePlanningRunHandler } from './solve-planning-run.handler';

/** The worker's half of planning: solving queued runs (HiGHS loaded once at start-up). */
@Module({
  imports: [TypeOrmModule.forFeature([PlanningRun])],
  providers: [PlanningSolver, SolvePlanningRunHandler],
  exports: [SolvePlanningRunHandler],
})
export class PlanningWorkerModule implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await loadHighs();
  }
}
