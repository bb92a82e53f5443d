import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { findEdition } from '@app/editions';
import { Mailer } from '@app/mail';
import { defineJob, JobContext, JobHandler, JobPayload, KEEP_COMPLETED, KEEP_FAILED, QueueName } from '@app/queue';
import { tokenHash } from '../links';
import { renderFeedLinkEmail } from '../rendering/templates';
import { feedExpiry, newFeedToken } from './feed-rules';

/** Make a feed's token and mail its link to the attendee's office (one generation of the feed). */
export const SendFeedLinkJob = defineJob<{ feedId: string; generation: number }>({
  queue: QueueName.Mail,
  name: 'send-feed-link',
  id: ({ feedId, generation }) => `calendar-feed-${feedId}-${generation}`,
  options: (_, tuning) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  }),
});

export type FeedLinkOutcome = 'sent' | 'stale';

interface ClaimedFeed {
  id: string;
  edition_id: string;
  delegate_email: string;
  delegate_name: string;
}

/**
 * The token is made here, at the moment its mail goes out, so it never exists anywhere but in that
 * mail: the claim stores only its SHA-256 (status `sending`, under a lease), then SMTP, then `active`.
 * A feed revoked or re-issued meanwhile (another generation) is left alone. A retry after a failed
 * attempt, or after a sender died between the SMTP answer and the update, makes a new token and mails
 * it again: the office may get two letters, and the later link is the one that works.
 */
@JobHandler(SendFeedLinkJob)
@Injectable()
export class SendFeedLinkHandler {
  private readonly logger = new Logger('FeedLinkMail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async handle({ feedId, generation }: JobPayload<typeof SendFeedLinkJob>, context: JobContext): Promise<FeedLinkOutcome> {
    const token = newFeedToken();
    const [feed] = await queryRows<ClaimedFeed>(
      this.dataSource,
      `UPDATE calendar_feeds
          SET status = 'sending', token_hash = $3, issued_at = now(), attempts = attempts + 1,
              lease_until = now() + make_interval(secs => $4::int), updated_at = now()
        WHERE id = $1 AND generation = $2 AND revoked_at IS NULL
          AND (status IN ('pending', 'failed') OR (status = 'sending' AND lease_until < now()))
       RETURNING id, edition_id, delegate_email, delegate_name`,
      [feedId, generation, tokenHash(token), this.config.SEND_LEASE_SECONDS],
    );
    if (!feed) return 'stale';
    try {
      const edition = await findEdition(this.dataSource.manager, feed.edition_id);
      if (!edition) throw new Error(`edition ${feed.edition_id} of calendar feed ${feed.id} is gone`);
      const url = `${this.config.PUBLIC_BASE_URL}/api/calendar/${token}.ics`;
      const rendered = renderFeedLinkEmail({
        delegateName: feed.delegate_name,
        editionYear: edition.year,
        feedUrl: url,
        webcalUrl: url.replace(/^https?:/, 'webcal:'),
        expiresOn: feedExpiry(edition.windowEnd, this.config.FEED_GRACE_DAYS),
      });
      await this.mailer.send({
        to: { name: feed.delegate_name, address: feed.delegate_email },
        ...rendered,
        messageId: `<feed-${feed.id}-${generation}-${Date.now()}@ngayhoi.vn>`,
        headers: { 'X-Ngayhoi-Calendar-Feed': feed.id },
      });
      await this.dataSource.query(
        `UPDATE calendar_feeds SET status = 'active', sent_at = now(), lease_until = NULL, last_error = NULL, updated_at = now()
          WHERE id = $1 AND generation = $2 AND status = 'sending'`,
        [feed.id, generation],
      );
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE calendar_feeds SET status = $3, last_error = $4, lease_until = NULL, updated_at = now()
          WHERE id = $1 AND generation = $2 AND status = 'sending'`,
        [feed.id, generation, context.lastAttempt ? 'failed' : 'pending', reason.slice(0, 2000)],
      );
      this.logger.warn({ feedId, attempt: context.attempt, lastAttempt: context.lastAttempt, error: reason }, 'calendar feed link e-mail failed');
      throw error;
    }
  }
}
