import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EditionsModule } from '@app/editions';
import { LeadersModule } from '@app/leaders';
import { VenuesModule } from '@app/venues';
import { loadHighs } from './highs';
import { PlanningController } from './planning.controller';
import { PlanningRun } from './planning-run.entity';
import { PlanningService } from './planning.service';
import { PlanningSolver } from './planning-solver';

/**
 * Owns planning runs and the solver (HiGHS, loaded once at start-up). Reads venues, leaders,
 * assignments and accepted invitations through their libraries' query functions; writes assignments
 * and venue dates, when a planner accepts a run, through the leaders' and venues' services.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PlanningRun]), AuditModule, EditionsModule, VenuesModule, LeadersModule],
  controllers: [PlanningController],
  providers: [PlanningService, PlanningSolver],
  exports: [PlanningService],
})
export class PlanningModule implements OnModuleInit {
  async onModuleInit(): Promise<void> {
    await loadHighs();
  }
}
