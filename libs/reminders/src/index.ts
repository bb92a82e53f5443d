// Reminders: the API's and the worker's modules, their jobs and handlers, the scheduler and senders, reminder rules (their metrics are registered by the worker module).
export { ESCALATION_SLOTS, nextSlot } from './escalation-rules';
export type { StoredEscalation } from './escalation-rules';
export { FireReminderJob } from './fire-reminder.handler';
export { ReconcileRemindersHandler, ReconcileRemindersJob } from './reconcile-reminders.handler';
export { ORGANIZER_REMINDER_TIME, provinceOfGroup, taskDeadline, taskReminders, venueReminders } from './reminder-rules';
export { ReminderScheduler } from './reminder-scheduler';
export type { ReminderDraft } from './reminder-scheduler';
export { ReminderSenders } from './reminder-senders';
export { Reminder, ReminderKind } from './reminder.entities';
export { RemindersWorkerModule } from './reminders-worker.module';
export { RemindersModule } from './reminders.module';
