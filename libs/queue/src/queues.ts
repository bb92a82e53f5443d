import type { AppConfig } from '@app/config';

/**
 * Every queue of ngayhoi and how the worker consumes it. The jobs themselves are defined beside their
 * handlers in the feature libraries (see job-registry.ts).
 */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  /** Solver runs too large to answer in a request (seconds to tens of seconds each). */
  Planning = 'planning',
}

export interface QueueSettings {
  /** Jobs of this queue one worker process runs at once. */
  concurrency(config: AppConfig): number;
}

export const QUEUES: Record<QueueName, QueueSettings> = {
  [QueueName.Mail]: { concurrency: (config) => config.MAIL_CONCURRENCY },
  [QueueName.Reminders]: { concurrency: (config) => config.REMINDER_CONCURRENCY },
  // One solve at a time: each is CPU-bound and the worker's event loop also fires reminders.
  [QueueName.Planning]: { concurrency: () => 1 },
};
