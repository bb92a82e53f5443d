import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { Notifier } from '@app/common';
import { MailModule } from '@app/mail';
import { VenuesModule } from '@app/venues';
import { NotificationEmailTickHandler } from './email/notification-email-tick.handler';
import { NotificationEmailsService } from './email/notification-emails.service';
import { SendNotificationEmailHandler } from './email/send-notification-email.handler';
import { Notification, NotificationEmail, NotificationGroupItem, NotificationPreference } from './notification.entities';
import { NotificationPublisher } from './notification-publisher';
import { NotificationStreams } from './notification-streams';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PurgeNotificationsHandler } from './purge-notifications.handler';

/**
 * Owns `notifications`, `notification_group_items`, `notification_preferences` and `notification_emails` (issue 17). Provides the Notifier port globally,
 * as the audit library provides AuditLog: venues, logistics and planning cause notifications through
 * it without depending on this library, which reads their facts (venues' read model, accounts) and so
 * sits above them. Follows venues' changes through VenueEvents. Touches no other library's tables.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationGroupItem, NotificationPreference, NotificationEmail]), VenuesModule, AuthModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationEmailsService,
    NotificationPublisher,
    NotificationStreams,
    { provide: Notifier, useExisting: NotificationsService },
  ],
  exports: [Notifier],
})
export class NotificationsModule {}

/** The worker's half: the same Notifier (overdue escalations, planning runs), the retention job and the notification e-mails. No streams. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationGroupItem, NotificationPreference, NotificationEmail]), VenuesModule, MailModule],
  providers: [
    NotificationsService,
    NotificationEmailsService,
    NotificationPublisher,
    PurgeNotificationsHandler,
    NotificationEmailTickHandler,
    SendNotificationEmailHandler,
    { provide: Notifier, useExisting: NotificationsService },
  ],
  exports: [Notifier, PurgeNotificationsHandler, NotificationEmailTickHandler],
})
export class NotificationsWorkerModule {}
