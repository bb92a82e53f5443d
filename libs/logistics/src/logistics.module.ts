import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions/editions.module';
import { ProvincesModule } from '@app/provinces/provinces.module';
import { RemindersModule } from '@app/reminders/reminders.module';
import { VenuesModule } from '@app/venues/venues.module';
import { BudgetController } from './budget/budget.controller';
import { BudgetLine } from './budget/budget.entities';
import { BudgetService } from './budget/budget.service';
import { EditionPlanController } from './export/edition-plan.controller';
import { EditionPlanService } from './export/edition-plan.service';
import { LogisticsController } from './tasks/tasks.controller';
import { LogisticsService } from './tasks/tasks.service';
import { OrganizerReminders } from './organizer-reminders/organizer-reminders';
import { BudgetCache, ReadinessCache } from './edition-answer-cache';
import { ResourceBooking, SharedResource } from './resources/resource.entities';
import { ResourcesController } from './resources/resources.controller';
import { ResourcesService } from './resources/resources.service';
import { TaskDependency, TaskTemplateItem, VenueTask } from './tasks/task.entities';

/** Owns each venue's preparation checklist, its dependencies and readiness, its budget, the shared resources booked across venues, and the edition-plan export. */
@Module({
  imports: [TypeOrmModule.forFeature([TaskTemplateItem, VenueTask, TaskDependency, SharedResource, ResourceBooking, BudgetLine]), VenuesModule, EditionsModule, RemindersModule, ProvincesModule],
  controllers: [LogisticsController, ResourcesController, BudgetController, EditionPlanController],
  providers: [LogisticsService, ResourcesService, OrganizerReminders, ReadinessCache, BudgetCache, BudgetService, EditionPlanService],
  exports: [LogisticsService, ResourcesService, BudgetService],
})
export class LogisticsModule {}
