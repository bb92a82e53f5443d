import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accountsByIds } from '@app/auth';
import { addDays, instantToLocalDate, instantToLocalTime, queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { EmailTemplates, Mailer, type RenderedEmail } from '@app/mail';
import { defineJob, JobContext, JobHandler, JobPayload, KEEP_COMPLETED, KEEP_FAILED, QueueName } from '@app/queue';
import { NOTIFICATION_KIND_NAMES, NotificationKind } from '../notification.enums';
import { consoleUrl, DIGEST_MAX_ENTRIES, digestTime, digestWindow, INBOX_LINK, PREFERENCES_LINK } from './notification-email-rules';

/** One row of the notification e-mail outbox (an immediate e-mail or a digest), sent once. */
export const SendNotificationEmailJob = defineJob<{ emailId: string }>({
  queue: QueueName.Mail,
  name: 'send-notification-email',
  id: ({ emailId }) => `notification-email-${emailId}`,
  options: (_, tuning) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  }),
});

export type NotificationEmailOutcome = 'sent' | 'skipped' | 'stale';

interface ClaimedEmail {
  id: string;
  user_id: string;
  notification_id: string | null;
  digest_date: string | null;
}

interface Entry {
  kind: NotificationKind;
  title: string;
  body: string | null;
  link: string;
  updated_at: Date;
}

/** Templates beside this file in the sources; in a built worker under the lib's own path beside main.js (nest-cli.json's assets). */
const templates = new EmailTemplates([join(__dirname, 'templates'), join(__dirname, 'libs/notifications/src/email/templates')]);

/**
 * Sends one outbox row: claims it under a lease (a second run of the same row while one is sending does
 * nothing), reads what it is about now (payloads carry ids), sends, records. A digest whose entries have
 * all been read meanwhile, an entry purged, an account deactivated: skipped, no e-mail.
 */
@JobHandler(SendNotificationEmailJob)
@Injectable()
export class SendNotificationEmailHandler {
  private readonly logger = new Logger('NotificationEmail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async handle({ emailId }: JobPayload<typeof SendNotificationEmailJob>, context: JobContext): Promise<NotificationEmailOutcome> {
    const [email] = await queryRows<ClaimedEmail>(
      this.dataSource,
      `UPDATE notification_emails SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2::int), updated_at = now()
        WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
       RETURNING id, user_id, notification_id, digest_date::text AS digest_date`,
      [emailId, this.config.SEND_LEASE_SECONDS],
    );
    if (!email) return 'stale';
    try {
      const [account] = await accountsByIds(this.dataSource.manager, [email.user_id]);
      const rendered = account?.active ? await this.render(email, account.fullName) : null;
      if (!account || !rendered) {
        await this.finish(email.id, 'skipped');
        return 'skipped';
      }
      await this.mailer.send({
        to: { name: account.fullName, address: account.email },
        ...rendered,
        messageId: `<notification-email-${email.id}@ngayhoi.vn>`,
        headers: {
          'X-Ngayhoi-Notification-Email': email.digest_date ? 'digest' : 'immediate',
          ...(email.digest_date ? { 'X-Ngayhoi-Digest-Date': email.digest_date } : { 'X-Ngayhoi-Notification': email.notification_id ?? '' }),
        },
      });
      await this.finish(email.id, 'sent');
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE notification_emails SET status = $2, last_error = $3, lease_until = NULL, updated_at = now() WHERE id = $1 AND status = 'sending'`,
        [email.id, context.lastAttempt ? 'failed' : 'pending', reason.slice(0, 2000)],
      );
      this.logger.warn({ emailId, attempt: context.attempt, lastAttempt: context.lastAttempt, error: reason }, 'notification e-mail failed');
      throw error;
    }
  }

  private async finish(id: string, status: 'sent' | 'skipped'): Promise<void> {
    await this.dataSource.query(
      `UPDATE notification_emails SET status = $2, sent_at = CASE WHEN $2 = 'sent' THEN now() END, lease_until = NULL, last_error = NULL, updated_at = now()
        WHERE id = $1`,
      [id, status],
    );
  }

  private async render(email: ClaimedEmail, recipientName: string): Promise<RenderedEmail | null> {
    const url = (link: string) => consoleUrl(this.config.PUBLIC_BASE_URL, link);
    const preferencesUrl = url(PREFERENCES_LINK);
    if (email.notification_id) {
      const [entry] = await queryRows<Entry>(this.dataSource, `SELECT kind, title, body, link, updated_at FROM notifications WHERE id = $1 AND user_id = $2`, [
        email.notification_id,
        email.user_id,
      ]);
      if (!entry) return null;
      const at = new Date(entry.updated_at);
      return templates.render('notification-immediate', {
        recipientName,
        kindName: NOTIFICATION_KIND_NAMES[entry.kind],
        title: entry.title,
        body: entry.body,
        url: url(entry.link),
        time: instantToLocalTime(at),
        date: instantToLocalDate(at),
        preferencesUrl,
      });
    }
    const date = email.digest_date!;
    const hour = this.config.NOTIFICATION_DIGEST_HOUR;
    const { from, to } = digestWindow(date, hour);
    const entries = await queryRows<Entry & { total: number }>(
      this.dataSource,
      `SELECT kind, title, body, link, updated_at, count(*) OVER ()::int AS total FROM notifications
        WHERE user_id = $1 AND read_at IS NULL AND updated_at >= $2 AND updated_at < $3
        ORDER BY seq DESC LIMIT ${DIGEST_MAX_ENTRIES}`,
      [email.user_id, from, to],
    );
    if (entries.length === 0) return null;
    const count = entries[0].total;
    return templates.render('notification-digest', {
      recipientName,
      date,
      since: addDays(date, -1),
      hour: digestTime(hour),
      count,
      entries: entries.map((entry) => ({ title: entry.title, body: entry.body, url: url(entry.link) })),
      more: count - entries.length,
      inboxUrl: url(INBOX_LINK),
      preferencesUrl,
    });
  }
}
