import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { Notifier } from '@app/common';
import { VenuesModule } from '@app/venues';
import { Notification, NotificationGroupItem } from './notification.entities';
import { NotificationPublisher } from './notification-publisher';
import { NotificationStreams } from './notification-streams';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { PurgeNotificationsHandler } from './purge-notifications.handler';

/**
 * Owns `notifications` and `notification_group_items` (issue 17). Provides the Notifier port globally,
 * as the audit library provides AuditLog: venues, logistics and planning cause notifications through
 * it without depending on this library, which reads their facts (venues' read model, accounts) and so
 * sits above them. Follows venues' changes through VenueEvents. Touches no other library's tables.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationGroupItem]), VenuesModule, AuthModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationPublisher, NotificationStreams, { provide: Notifier, useExisting: NotificationsService }],
  exports: [Notifier],
})
export class NotificationsModule {}

/** The worker's half: the same Notifier (overdue escalations, planning runs) and the retention job. No streams. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Notification, NotificationGroupItem]), VenuesModule],
  providers: [NotificationsService, NotificationPublisher, PurgeNotificationsHandler, { provide: Notifier, useExisting: NotificationsService }],
  exports: [Notifier, PurgeNotificationsHandler],
})
export class NotificationsWorkerModule {}
