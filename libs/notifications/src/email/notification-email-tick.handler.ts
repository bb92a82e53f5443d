import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { defineJob, JobHandler, QueueName } from '@app/queue';
import { digestDateDue } from './notification-email-rules';
import { NotificationEmailsService } from './notification-emails.service';

/** How often the worker looks for digests due and e-mails lost to Redis: the digest leaves within this of its hour. */
export const NOTIFICATION_EMAIL_TICK_MS = 5 * 60_000;

/**
 * Every few minutes (a job scheduler: one run at a time whatever the workers, though running it on
 * several at once is harmless): from NOTIFICATION_DIGEST_HOUR on, writes today's digests not yet written
 * and enqueues them; and enqueues again outbox e-mails Redis does not hold.
 */
export const NotificationEmailTickJob = defineJob<Record<string, never>>({
  queue: QueueName.Reminders,
  name: 'notification-email-tick',
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: NOTIFICATION_EMAIL_TICK_MS, payload: {} },
});

@JobHandler(NotificationEmailTickJob)
@Injectable()
export class NotificationEmailTickHandler {
  private readonly logger = new Logger('NotificationEmailTick');

  constructor(
    private readonly emails: NotificationEmailsService,
    private readonly config: AppConfig,
  ) {}

  async handle(
    _payload: Record<string, never> = {},
    _context?: unknown,
    now = new Date(),
  ): Promise<{ digestDate: string | null; digests: number; requeued: number }> {
    const digestDate = digestDateDue(now, this.config.NOTIFICATION_DIGEST_HOUR);
    const digests = digestDate ? await this.emails.queueDigests(digestDate) : 0;
    const requeued = await this.emails.requeueMissing();
    if (digests || requeued) this.logger.log({ digestDate, digests, requeued }, 'notification e-mails queued');
    return { digestDate, digests, requeued };
  }
}
