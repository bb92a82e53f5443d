import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EditionsModule } from '@app/editions';
import { LeadersModule } from '@app/leaders';
import { VenuesModule } from '@app/venues';
import { PlanningController } from './planning.controller';
import { PlanningRun } from './planning-run.entity';
import { PlanningService } from './planning.service';

/**
 * Owns planning runs: the API queues them (the worker solves them, PlanningWorkerModule), shows them,
 * cancels them and accepts their proposals; it never loads the solver. Reads venues, leaders,
 * assignments and accepted invitations through their libraries' query functions; writes assignments
 * and venue dates, when a planner accepts a run, through the leaders' and venues' services.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PlanningRun]), AuditModule, EditionsModule, VenuesModule, LeadersModule],
  controllers: [PlanningController],
  providers: [PlanningService],
  exports: [PlanningService],
})
export class PlanningModule {}
