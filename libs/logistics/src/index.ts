/**
 * What other modules may use of logistics, nothing else: the API's and the worker's modules, and what
 * the demo seed writes with (the default checklist and resource rules, and bulk inserts that take the
 * seed's EntityManager). libs/database names the entity files themselves for the schema's list.
 */
export { LogisticsModule } from './logistics.module';
export { LogisticsWorkerModule } from './logistics-worker.module';
export { insertChecklists } from './tasks/checklists';
export { DEFAULT_TASK_TEMPLATE } from './tasks/task-rules';
export { ResourceKind } from './resources/resource.enums';
export { findClash } from './resources/resource-rules';
export { bookingSpansOfResources, insertBookings, insertResources } from './resources/resource-inserts';
export { BudgetCategory, FundingSource } from './budget/budget.enums';
export { insertBudgetLines } from './budget/budget-inserts';
export { rebuildBudgetRollups } from './budget/budget-rollups';
export { OrganizerReminders } from './organizer-reminders/organizer-reminders';
export { TaskSearch } from './tasks/task-search';
export { TaskHit, TaskHitPage } from './tasks/dto/task-view.dto';
export { TasksService } from './tasks/tasks.service';
export { TASK_STATUS_NAMES } from './tasks/task.enums';
export { budgetTotalsOfEdition, taskTimelinessOfEdition } from './edition-report-facts';
export type { VenueBudgetFacts, VenueTaskFacts } from './edition-report-facts';
