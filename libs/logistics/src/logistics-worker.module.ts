import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '@app/auth/user.entity';
import { MailModule } from '@app/mail';
import { OrganizerReminderSender } from './organizer-reminder.sender';
import { VenueTask } from './task.entities';

/** The worker's half of logistics: the organizers' reminder e-mails. */
@Module({
  imports: [TypeOrmModule.forFeature([VenueTask, User]), MailModule],
  providers: [OrganizerReminderSender],
})
export class LogisticsWorkerModule {}
