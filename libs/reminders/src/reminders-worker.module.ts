import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FireReminderHandler } from './fire-reminder.handler';
import { ReconcileRemindersHandler } from './reconcile-reminders.handler';
import { Reminder } from './reminder.entities';
import { ReminderMetrics } from './reminder-metrics';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSenders } from './reminder-senders';

/** Worker side: firing (and its metrics), reconciling, and the registry where features put their senders. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Reminder])],
  providers: [ReminderSenders, ReminderMetrics, FireReminderHandler, ReconcileRemindersHandler, ReminderScheduler],
  exports: [ReminderSenders, FireReminderHandler, ReconcileRemindersHandler, ReminderScheduler],
})
export class RemindersWorkerModule {}
