export * from './fire-reminder.handler';
export * from './reconcile-reminders.handler';
export * from './reminder.entities';
export * from './reminder-rules';
export * from './reminder-scheduler';
export * from './reminder-senders';
export * from './reminders.module';
export * from './reminders-worker.module';
