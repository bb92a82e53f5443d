import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { defineJob, JobHandler, JobProducer, QueueName, RECONCILE_EVERY_MS } from '@app/queue';
import { SendFeedLinkJob } from './feeds/send-feed-link.handler';
import { SendInvitationMessageJob } from './send-invitation-message.handler';

/** Rows younger than this are left to their own enqueue (it may simply not have happened yet). */
const GRACE = "interval '30 seconds'";
const BATCH = 5_000;

/** Re-enqueue invitation messages and feed links still pending in Postgres (Redis lost them, or the API could not reach it). */
export const ReconcileInvitationMessagesJob = defineJob<Record<string, never>>({
  queue: QueueName.Mail,
  name: 'reconcile-invitation-messages',
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: RECONCILE_EVERY_MS, payload: {} },
});

/**
 * Postgres is the truth: finds invitation e-mails still pending (or claimed by a sender that died)
 * whose job Redis no longer has — flushed, restarted empty, or never enqueued because Redis was down
 * when the API committed — and enqueues them again. An update still inside its coalescing window
 * (`send_after`) is left to its delayed job. Runs at worker start and on a job scheduler.
 */
@JobHandler(ReconcileInvitationMessagesJob)
@Injectable()
export class ReconcileInvitationMessagesHandler {
  private readonly logger = new Logger('InvitationMailReconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async handle(): Promise<{ checked: number; requeued: number }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM invitation_messages
        WHERE (status = 'pending' AND created_at < now() - ${GRACE} AND (send_after IS NULL OR send_after < now() - ${GRACE}))
           OR (status = 'sending' AND lease_until < now())
        ORDER BY created_at LIMIT ${BATCH}`,
    );
    let requeued = 0;
    for (const row of rows) {
      if (await this.producer.requeue(SendInvitationMessageJob, { messageId: row.id })) requeued += 1;
    }
    // Calendar feed links the same way (a new feed's first link, a re-issue, or the cut-over's mails).
    const feeds: { id: string; generation: number }[] = await this.dataSource.query(
      `SELECT id, generation FROM calendar_feeds
        WHERE (status = 'pending' AND updated_at < now() - ${GRACE})
           OR (status = 'sending' AND lease_until < now())
        ORDER BY updated_at LIMIT ${BATCH}`,
    );
    for (const feed of feeds) {
      if (await this.producer.requeue(SendFeedLinkJob, { feedId: feed.id, generation: feed.generation })) requeued += 1;
    }
    const checked = rows.length + feeds.length;
    if (requeued > 0) this.logger.warn({ requeued, checked }, 'invitation e-mails and feed links re-enqueued from Postgres');
    return { checked, requeued };
  }
}
