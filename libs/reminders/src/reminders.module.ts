import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions';
import { Reminder, ReminderPolicy } from './reminder.entities';
import { ReminderPoliciesService } from './reminder-policies.service';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersController } from './reminders.controller';

/** API side of reminders: policies, and the scheduler features call in their transactions. */
@Module({
  imports: [TypeOrmModule.forFeature([Reminder, ReminderPolicy]), EditionsModule],
  controllers: [RemindersController],
  providers: [ReminderScheduler, ReminderPoliciesService],
  exports: [ReminderScheduler],
})
export class RemindersModule {}
