import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentEventsModule } from '@app/leaders/assignment-events';
import { AuditModule } from '@app/audit/audit.module';
import { EditionsModule } from '@app/editions/editions.module';
import { VenuesModule } from '@app/venues/venues.module';
import { loadHighs } from './highs';
import { PlanningController } from './planning.controller';
import { PlanningRun } from './planning-run.entity';
import { PlanningService } from './planning.service';
import { PlanningSolver } from './planning-solver';

/**
 * Owns planning runs and the solver (HiGHS, loaded once at start-up). Reads venues, leaders and
 * assignments; writes assignments and venue dates only when a planner accepts a run.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PlanningRun]), AuditModule, EditionsModule, VenuesModule, AssignmentEventsModule],
  controllers: [PlanningController],
  providers: [PlanningService, PlanningSolver],
  exports: [PlanningService],
})
export class PlanningModule implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await loadHighs();
  }
}
