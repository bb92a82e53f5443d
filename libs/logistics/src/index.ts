/**
 * What other modules may use of logistics, nothing else: the API's and the worker's modules, the
 * entities for the schema's list (libs/database), and what the demo seed writes with.
 */
export { LogisticsModule } from './logistics.module';
export { LogisticsWorkerModule } from './logistics-worker.module';
export { TaskDependency, TaskTemplateItem, VenueTask } from './tasks/task.entities';
export { TaskStatus } from './tasks/task.enums';
export { DEFAULT_TASK_TEMPLATE, dueDateOf } from './tasks/task-rules';
export { ResourceBooking, SharedResource } from './resources/resource.entities';
export { ResourceKind } from './resources/resource.enums';
export { findClash } from './resources/resource-rules';
export { BudgetLine } from './budget/budget.entities';
export { BudgetCategory, FundingSource } from './budget/budget.enums';
export { OrganizerReminders } from './organizer-reminders/organizer-reminders';
