import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { defineJob, JobHandler, JobProducer, QueueName, RECONCILE_EVERY_MS } from '@app/queue';
import { SendPressAccreditationEmailJob } from './send-press-accreditation-email.handler';

/** Rows younger than this are left to their own enqueue (it may simply not have happened yet). */
const GRACE = "interval '30 seconds'";
const BATCH = 5_000;

/** Re-enqueue decision e-mails still pending in Postgres (Redis lost them, or the API could not reach it). */
export const ReconcilePressEmailsJob = defineJob<Record<string, never>>({
  queue: QueueName.Mail,
  name: 'reconcile-press-emails',
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: RECONCILE_EVERY_MS, payload: {} },
});

/**
 * Postgres is the truth: a decision whose e-mail is still pending (or claimed by a sender that died)
 * and whose job Redis no longer has is enqueued again. Runs on a job scheduler.
 */
@JobHandler(ReconcilePressEmailsJob)
@Injectable()
export class ReconcilePressEmailsHandler {
  private readonly logger = new Logger('PressEmailReconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
  ) {}

  async handle(): Promise<{ checked: number; requeued: number }> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM press_accreditations
        WHERE (email_status = 'pending' AND updated_at < now() - ${GRACE})
           OR (email_status = 'sending' AND email_lease_until < now())
        ORDER BY updated_at LIMIT ${BATCH}`,
    );
    let requeued = 0;
    for (const row of rows) {
      if (await this.producer.requeue(SendPressAccreditationEmailJob, { accreditationId: row.id })) requeued += 1;
    }
    if (requeued > 0) this.logger.warn({ requeued, checked: rows.length }, 'press accreditation e-mails re-enqueued from Postgres');
    return { checked: rows.length, requeued };
  }
}
