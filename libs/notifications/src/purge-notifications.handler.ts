import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { defineJob, JobHandler, QueueName } from '@app/queue';
import { NotificationEmailsService } from './email/notification-emails.service';
import { NotificationsService } from './notifications.service';

export const PURGE_NOTIFICATIONS_EVERY_MS = 60 * 60_000;

/** Deletes notifications past NOTIFICATION_RETENTION_DAYS, hourly (a job scheduler: one run at a time whatever the workers). */
export const PurgeNotificationsJob = defineJob<Record<string, never>>({
  queue: QueueName.Reminders,
  name: 'purge-notifications',
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: PURGE_NOTIFICATIONS_EVERY_MS, payload: {} },
});

@JobHandler(PurgeNotificationsJob)
@Injectable()
export class PurgeNotificationsHandler {
  private readonly logger = new Logger('NotificationRetention');

  constructor(
    private readonly notifications: NotificationsService,
    private readonly emails: NotificationEmailsService,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<{ notifications: number; groupItems: number; emails: number }> {
    const purged = {
      ...(await this.notifications.purgeOlderThan(this.config.NOTIFICATION_RETENTION_DAYS)),
      emails: await this.emails.purgeOlderThan(this.config.NOTIFICATION_RETENTION_DAYS),
    };
    if (purged.notifications || purged.groupItems || purged.emails) this.logger.log(purged, 'notifications purged past the retention period');
    return purged;
  }
}
