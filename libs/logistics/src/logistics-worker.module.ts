import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { OrganizerReminderSender } from './organizer-reminders/organizer-reminder.sender';

/** The worker's half of logistics: the organizers' reminder e-mails. */
@Module({
  imports: [MailModule],
  providers: [OrganizerReminderSender],
})
export class LogisticsWorkerModule {}
