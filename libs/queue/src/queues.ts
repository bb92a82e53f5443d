import type { AppConfig } from '@app/config';

/**
 * Every queue of ngayhoi and how the worker consumes it. The jobs themselves are defined beside their
 * handlers in the feature libraries (see job-registry.ts).
 */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  /** Planning runs (a second to tens of seconds of solving each), solved on the worker's solver threads. */
  Planning = 'planning',
}

export interface QueueSettings {
  /** Jobs of this queue one worker process runs at once. */
  concurrency(config: AppConfig): number;
}

export const QUEUES: Record<QueueName, QueueSettings> = {
  [QueueName.Mail]: { concurrency: (config) => config.MAIL_CONCURRENCY },
  [QueueName.Reminders]: { concurrency: (config) => config.REMINDER_CONCURRENCY },
  // One run per solver thread: each solve is CPU-bound and runs off the event loop that fires reminders.
  [QueueName.Planning]: { concurrency: (config) => config.PLANNING_THREADS },
};
