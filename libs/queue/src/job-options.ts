/**
 * All job options in one place: deterministic job ids (no `:`), attempts, backoff and retention, so
 * Redis does not grow forever and a job enqueued twice for the same row is one job.
 */
import type { JobsOptions } from 'bullmq';
import { JobName, JobPayloads } from './queue-names';

const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
const KEEP_FAILED = { age: 14 * 24 * 3600, count: 50_000 };

export interface QueueTuning {
  /** First retry delay of a failed e-mail (MAIL_RETRY_DELAY_MS). */
  mailRetryDelayMs: number;
}

/** The BullMQ id of a job: stable for the row it points at, so enqueueing twice is one job. */
export function jobId<N extends JobName>(name: N, payload: JobPayloads[N]): string | undefined {
  if (name === JobName.SendInvitationMessage) return `invitation-message-${(payload as JobPayloads[JobName.SendInvitationMessage]).messageId}`;
  if (name === JobName.SolvePlanningRun) return `planning-run-${(payload as JobPayloads[JobName.SolvePlanningRun]).runId}`;
  if (name === JobName.FireReminder) {
    const { reminderId, revision } = payload as JobPayloads[JobName.FireReminder];
    return `reminder-${reminderId}-r${revision}`;
  }
  return undefined;
}

export function jobOptions<N extends JobName>(name: N, payload: JobPayloads[N], tuning: QueueTuning): JobsOptions {
  switch (name) {
    case JobName.SendInvitationMessage:
      return {
        jobId: jobId(name, payload),
        attempts: 8,
        backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      };
    case JobName.FireReminder:
      return {
        jobId: jobId(name, payload),
        delay: Math.max(0, (payload as JobPayloads[JobName.FireReminder]).dueAt - Date.now()),
        attempts: 8,
        backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
        // The reminder row records the outcome; keeping completed jobs would only cost Redis work per firing.
        removeOnComplete: true,
        removeOnFail: KEEP_FAILED,
      };
    case JobName.SolvePlanningRun:
      // The run row records progress and outcome; a run cut short by a crash is picked up again (stalled job).
      return { jobId: jobId(name, payload), attempts: 2, backoff: { type: 'fixed', delay: 5_000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
    case JobName.ReconcileInvitationMessages:
    case JobName.ReconcileReminders:
      return { attempts: 1, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };
    default:
      throw new Error(`No job options for ${name satisfies never}`);
  }
}

/** How often the reconciler runs (BullMQ job scheduler). */
export const RECONCILE_EVERY_MS = 60_000;
