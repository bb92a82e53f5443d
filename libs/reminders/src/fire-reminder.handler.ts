import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { hydrate, MicroBatch, preparedRows } from '@app/common';
import { AppConfig } from '@app/config';
import { defineJob, JobContext, JobHandler, JobPayload, KEEP_FAILED, QueueName } from '@app/queue';
import { ReminderMetrics } from './reminder-metrics';
import { Reminder, ReminderStatus } from './reminder.entities';
import { ReminderSenders } from './reminder-senders';

/**
 * Fire one reminder: a delayed job pointing at a reminder row and its revision. `dueAt` (epoch ms)
 * only sets the delay; the handler trusts the row, not the payload.
 */
export const FireReminderJob = defineJob<{ reminderId: string; revision: number; dueAt: number }>({
  queue: QueueName.Reminders,
  name: 'fire-reminder',
  id: ({ reminderId, revision }) => `reminder-${reminderId}-r${revision}`,
  options: ({ dueAt }, tuning) => ({
    delay: Math.max(0, dueAt - Date.now()),
    attempts: 8,
    backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
    // The reminder row records the outcome; keeping completed jobs would only cost Redis work per firing.
    removeOnComplete: true,
    removeOnFail: KEEP_FAILED,
  }),
});

export type FireOutcome = 'sent' | 'missed' | 'stale' | 'already-done' | 'in-progress' | 'not-due' | 'missing';

interface ClaimRequest {
  reminderId: string;
  revision: number;
  /** Minutes past due after which it is marked missed instead (first attempt only), or null. */
  graceMinutes: number | null;
}
/** A reminder the transport accepted, and when (epoch ms). */
interface SentMark {
  reminderId: string;
  sentAt: number;
}
type ClaimedRow = { reminder: Record<string, unknown>; missed: boolean } | undefined;

/**
 * Fires one reminder. The job carries (id, revision) only: the row is claimed in one statement that
 * checks it is still pending, of that revision, and due — so a job delivered twice, or left from
 * before a reschedule or a cancellation, sends nothing. A reminder found later than the grace window
 * (on its first attempt: the worker was down, or Redis lost the job) is marked missed instead.
 * As with invitations, a crash between the SMTP answer and the final update resends once the lease
 * expires, with the same Message-ID; the final update runs after the job has completed (below), and the
 * worker waits for it at shutdown.
 *
 * The claim and the final update are each made for all the reminders firing together in one
 * statement (MicroBatch: those arriving while the previous statement runs go in the next, with no timer
 * to wait for): at a thousand a second, statements, not rows, are what Postgres spends its time on.
 * Each reminder's outcome is still its own. Both are named prepared statements (preparedRows): parsed
 * and planned once a connection.
 */
@JobHandler(FireReminderJob)
@Injectable()
export class FireReminderHandler {
  private readonly logger = new Logger('Reminders');
  private readonly claims = new MicroBatch<ClaimRequest, ClaimedRow>((requests) => this.claimAll(requests));
  private readonly sentMarks = new MicroBatch<SentMark, number | undefined>((marks) => this.markAllSent(marks));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly senders: ReminderSenders,
    private readonly config: AppConfig,
    private readonly metrics: ReminderMetrics,
  ) {}

  async handle({ reminderId, revision }: JobPayload<typeof FireReminderJob>, context: JobContext): Promise<FireOutcome> {
    const graceMinutes = context.attempt === 1 ? this.config.REMINDER_GRACE_MINUTES : null;
    const row = await this.claims.call({ reminderId, revision, graceMinutes });
    if (!row) {
      const why = await this.whyNot(reminderId, revision);
      // Fired early (clocks disagree), or another sender holds the lease (it may have died mid-send):
      // fail this run so BullMQ tries again after a backoff instead of dropping the reminder.
      if (why === 'not-due' || why === 'in-progress') throw new Error(`reminder ${reminderId} is ${why}; retrying later`);
      return why;
    }
    const reminder = hydrate(this.dataSource.manager, Reminder, row.reminder);
    if (row.missed) {
      this.logger.warn({ reminderId, dueAt: reminder.dueAt }, 'reminder missed: found past its grace window');
      this.metrics.missed();
      return 'missed';
    }
    try {
      const { messageId } = await this.senders.get(reminder.kind)(reminder);
      const sentAt = Date.now(); // the transport has it: when it was sent, whenever the mark commits
      // The job completes without waiting for its sent-mark (issue 21): the mark joins the next batch
      // while this job's slot already takes the next reminder. Should the mark never commit, the row stays
      // `sending` and, once its lease runs out, the reconciler has it fired again — what a failed mark
      // awaited here led to as well (a retry that resends, with the same Message-ID).
      context.afterCompletion(
        this.sentMarks.call({ reminderId: reminder.id, sentAt }).then((latenessMs) => {
          if (latenessMs !== undefined) this.metrics.sent(latenessMs);
          this.logger.debug({ reminderId, messageId, latenessMs }, 'reminder sent');
        }),
      );
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE reminders SET status = $2::reminder_status, last_error = $3, lease_until = NULL, updated_at = now() WHERE id = $1 AND status = 'sending'`,
        [reminder.id, context.lastAttempt ? ReminderStatus.Failed : ReminderStatus.Pending, reason.slice(0, 2000)],
      );
      if (context.lastAttempt) this.metrics.failed();
      throw error;
    }
  }

  /**
   * Claims each reminder still pending at that revision and due (or whose sender's lease ran out):
   * `sending` under a lease, or `missed` when found past its grace window on a first attempt.
   */
  private async claimAll(requests: ClaimRequest[]): Promise<ClaimedRow[]> {
    const rows = await preparedRows<{ id: string; revision: number; reminder: Record<string, unknown>; missed: boolean }>(
      this.dataSource,
      'reminders-claim',
      `UPDATE reminders r
          SET status = CASE WHEN c.grace IS NOT NULL AND now() - r.due_at > make_interval(mins => c.grace) THEN 'missed'::reminder_status ELSE 'sending'::reminder_status END,
              attempts = r.attempts + 1, lease_until = now() + make_interval(secs => $4::int), updated_at = now()
         FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::int[], string_to_array($3, ',', 'n')::int[]) AS c(id, revision, grace)
        WHERE r.id = c.id AND r.revision = c.revision AND r.due_at <= now() + interval '2 seconds'
          AND (r.status = 'pending' OR (r.status = 'sending' AND r.lease_until < now()))
       RETURNING r.id, r.revision, row_to_json(r.*) AS reminder, r.status = 'missed' AS missed`,
      // Ids and numbers joined into one string each (split by Postgres): pg's array parameters escape
      // and concatenate element by element, a visible share of a firing's CPU (bench/README.md).
      [
        requests.map((request) => request.reminderId).join(','),
        requests.map((request) => request.revision).join(','),
        requests.map((request) => request.graceMinutes ?? 'n').join(','),
        this.config.SEND_LEASE_SECONDS,
      ],
    );
    // Keyed by revision too: of two deliveries in one batch, only the one of the current revision claims it.
    const key = (id: string, revision: number) => `${id}:${revision}`;
    const claimed = new Map(rows.map((row) => [key(row.id, row.revision), row]));
    // The same reminder and revision twice in one batch (a duplicate delivery) is claimed once: the first caller gets it.
    const seen = new Set<string>();
    return requests.map((request) => {
      const requested = key(request.reminderId, request.revision);
      if (seen.has(requested)) return undefined;
      seen.add(requested);
      return claimed.get(requested);
    });
  }

  /**
   * Marks sent at the instant each one's transport accepted it (the worker's clock, as BullMQ's delays
   * are), recording how late that was; returns each one's lateness. The instant is not the mark's own:
   * a mark waits for the batch before it, and a reminder sent on time is not late because its record was.
   */
  private async markAllSent(marks: SentMark[]): Promise<Array<number | undefined>> {
    const rows = await preparedRows<{ id: string; lateness_ms: number }>(
      this.dataSource,
      'reminders-mark-sent-at',
      `UPDATE reminders r SET status = 'sent', sent_at = m.sent_at, lease_until = NULL, last_error = NULL, updated_at = now(),
              -- Clamped: a reminder retried for weeks (no grace window after its first attempt) still records.
              lateness_ms = LEAST(2147483647, GREATEST(0, EXTRACT(EPOCH FROM (m.sent_at - r.due_at)) * 1000))::int
         FROM (SELECT id, 'epoch'::timestamptz + sent_ms * interval '1 millisecond' AS sent_at
                 FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::bigint[]) AS m(id, sent_ms)) AS m
        WHERE r.id = m.id RETURNING r.id, r.lateness_ms`,
      [marks.map((mark) => mark.reminderId).join(','), marks.map((mark) => mark.sentAt).join(',')],
    );
    const byId = new Map(rows.map((row) => [row.id, row.lateness_ms]));
    return marks.map((mark) => byId.get(mark.reminderId));
  }

  private async whyNot(reminderId: string, revision: number): Promise<FireOutcome> {
    const reminder = await this.dataSource.manager.findOneBy(Reminder, { id: reminderId });
    if (!reminder) return 'missing';
    if (reminder.revision !== revision) return 'stale';
    if (reminder.status === ReminderStatus.Sending) return 'in-progress';
    if (reminder.status !== ReminderStatus.Pending) return 'already-done';
    return 'not-due';
  }
}
