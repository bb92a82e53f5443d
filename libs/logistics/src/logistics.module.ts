import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions';
import { ProvincesModule } from '@app/provinces';
import { RemindersModule } from '@app/reminders';
import { VenuesModule } from '@app/venues';
import { BudgetCache } from './budget/budget.cache';
import { BudgetController } from './budget/budget.controller';
import { BudgetLine } from './budget/budget.entities';
import { BudgetService } from './budget/budget.service';
import { EditionPlanController } from './export/edition-plan.controller';
import { EditionPlanService } from './export/edition-plan.service';
import { OrganizerReminders } from './organizer-reminders/organizer-reminders';
import { ReadinessCache } from './readiness/readiness.cache';
import { ReadinessController } from './readiness/readiness.controller';
import { ReadinessService } from './readiness/readiness.service';
import { ResourceBooking, SharedResource } from './resources/resource.entities';
import { ResourcesController } from './resources/resources.controller';
import { ResourcesService } from './resources/resources.service';
import { TaskDependency, TaskTemplateItem, VenueTask } from './tasks/task.entities';
import { TasksController } from './tasks/tasks.controller';
import { TaskSearch } from './tasks/task-search';
import { TasksService } from './tasks/tasks.service';

/**
 * Owns what it takes to hold each venue's festival, in one folder per part: tasks/ (the preparation
 * checklist, its template and dependencies), readiness/ (how far each venue is, the national
 * dashboard), resources/ (what travels between venues and its bookings), budget/ (estimates, actual
 * costs, roll-ups), export/ (the edition plan for the steering committee), organizer-reminders/ (the
 * provinces' reminders, planned here and sent by the worker). It reads venues, provinces, leaders and
 * invitations only through their libraries' services and read models, never their tables.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([TaskTemplateItem, VenueTask, TaskDependency, SharedResource, ResourceBooking, BudgetLine]),
    VenuesModule,
    EditionsModule,
    RemindersModule,
    ProvincesModule,
  ],
  controllers: [TasksController, ReadinessController, ResourcesController, BudgetController, EditionPlanController],
  providers: [TasksService, TaskSearch, ReadinessService, ResourcesService, OrganizerReminders, ReadinessCache, BudgetCache, BudgetService, EditionPlanService],
  exports: [TaskSearch, TasksService],
})
export class LogisticsModule {}
