import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { defineJob, JobHandler, JobProducer, QueueName, RECONCILE_EVERY_MS } from '@app/queue';
import { FireReminderJob } from './fire-reminder.handler';

const BATCH = 5_000;

export interface ReconcileResult {
  missed: number;
  checked: number;
  /** Jobs enqueued for reminders that should have had one already (Redis lost it, or a worker died mid-send). */
  requeued: number;
  /** Jobs enqueued for reminders that have just come within the horizon (their first job: the scheduler left it to us). */
  arrived: number;
}

/** Enqueue the jobs of reminders coming within the horizon, re-enqueue those Redis lost; mark those past the grace window missed. */
export const ReconcileRemindersJob = defineJob<Record<string, never>>({
  queue: QueueName.Reminders,
  name: 'reconcile-reminders',
  options: { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } },
  schedule: { every: RECONCILE_EVERY_MS, payload: {} },
});

/**
 * Postgres is the truth. Marks pending reminders past their grace window missed (and reports them),
 * then makes sure every pending reminder falling due within the horizon has a live job. Most jobs it
 * enqueues are first jobs: the scheduler enqueues only reminders due within the horizon, so one
 * scheduled further ahead gets its job here, in the minute it comes within it (`arrived`). Any other
 * missing job is one Redis lost (flushed, restarted empty, or never enqueued while it was down) and is
 * reported (`requeued`). Runs at worker start and every minute.
 */
@JobHandler(ReconcileRemindersJob)
@Injectable()
export class ReconcileRemindersHandler {
  private readonly logger = new Logger('ReminderReconciler');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

  async handle(): Promise<ReconcileResult> {
    const missed = await queryRows<{ id: string; kind: string; due_at: Date }>(
      this.dataSource,
      `UPDATE reminders SET status = 'missed', updated_at = now()
        WHERE status = 'pending' AND due_at < now() - make_interval(mins => $1::int)
       RETURNING id, kind, due_at`,
      [this.config.REMINDER_GRACE_MINUTES],
    );
    if (missed.length)
      this.logger.warn({ missed: missed.length, ids: missed.slice(0, 20).map((m) => m.id) }, 'reminders missed: past due beyond the grace window');

    let checked = 0;
    let requeued = 0;
    let arrived = 0;
    // A reminder due this close to the horizon's far end came within it since the last run (or two):
    // its missing job is its first, not a lost one.
    const arrivalsFrom = Date.now() + this.config.REMINDER_RECONCILE_HORIZON_HOURS * 3_600_000 - 2 * RECONCILE_EVERY_MS;
    // A reminder `sending` without a job is one whose job completed before its sent-mark committed
    // (the worker died in between: FireReminderHandler) or whose job Redis lost: its job is due when
    // the sender's lease ends (if the mark commits meanwhile, that job finds it sent and does nothing).
    const batchAfter = (after: string) =>
      queryRows<{ id: string; revision: number; fire_at: Date }>(
        this.dataSource,
        `SELECT id, revision, CASE WHEN status = 'sending' THEN GREATEST(due_at, lease_until) ELSE due_at END AS fire_at FROM reminders
          WHERE status IN ('pending', 'sending')
            AND due_at < now() + make_interval(hours => $1::int) AND id > $2
          ORDER BY id LIMIT ${BATCH}`,
        [this.config.REMINDER_RECONCILE_HORIZON_HOURS, after],
      );
    let batch = await batchAfter('00000000-0000-0000-0000-000000000000');
    while (batch.length > 0) {
      checked += batch.length;
      // The next batch is read while Redis checks and takes this one.
      const next = batchAfter(batch[batch.length - 1].id);
      next.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      const lost = await this.producer.missingJobs(
        FireReminderJob,
        batch.map((row) => ({ reminderId: row.id, revision: row.revision, dueAt: new Date(row.fire_at).getTime() })),
      );
      // Redis holds no job for these at all, so a plain enqueue is enough (no per-job state check again).
      await this.producer.enqueueMany(FireReminderJob, lost);
      for (const job of lost) {
        if (job.dueAt >= arrivalsFrom) arrived += 1;
        else requeued += 1;
      }
      batch = await next;
    }
    if (requeued) this.logger.warn({ requeued, checked }, 'reminder jobs re-enqueued from Postgres');
    if (arrived) this.logger.debug({ arrived }, 'reminder jobs enqueued as their reminders came within the horizon');
    return { missed: missed.length, checked, requeued, arrived };
  }
}
