import type { JobsOptions, JobSchedulerTemplateOptions } from 'bullmq';
import type { QueueName } from './queues';

/** What a job's options may depend on besides its payload (read once from AppConfig). */
export interface QueueTuning {
  /** First retry delay of a failed e-mail (MAIL_RETRY_DELAY_MS). */
  mailRetryDelayMs: number;
  /** How long an invitation update waits for further edits before it is sent (INVITATION_UPDATE_DELAY_SECONDS). */
  updateDelayMs: number;
}

/** Attempts, backoff, delay and retention of a job; its id comes from the definition's `id`. */
export type JobSettings = Pick<JobsOptions, 'attempts' | 'backoff' | 'delay' | 'removeOnComplete' | 'removeOnFail' | 'priority'>;

/**
 * One job, defined once beside its handler: where it goes, what it carries, how it is identified and
 * retried. Payloads carry ids, never state: the handler reloads the row and returns early when the
 * state has moved on. `P` is the payload type; `producer.enqueue(definition, payload)` checks it.
 */
export interface JobDefinition<P extends object> {
  readonly queue: QueueName;
  /** The BullMQ job name. Stored with every job in Redis: never rename one that has been deployed. */
  readonly name: string;
  /**
   * The job's id for this payload, from the row it points at (and its revision), without `:` — so a
   * job enqueued twice for the same row is one job. Without it BullMQ numbers the jobs itself.
   */
  readonly id?: (payload: P) => string;
  /** Attempts, backoff and retention — always a retention, or Redis grows forever. */
  readonly options: JobSettings | ((payload: P, tuning: QueueTuning) => JobSettings);
  /** Also enqueued by a BullMQ job scheduler (its id is the job name) every `every` ms, with this payload. */
  readonly schedule?: { every: number; payload: P };
}

/** Any job definition, whatever its payload (`any`: a definition is contravariant in its payload). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: no other type admits every definition
export type AnyJobDefinition = JobDefinition<any>;

/** The payload type of a definition, for the handler's signature. */
export type JobPayload<J> = J extends JobDefinition<infer P> ? P : never;

/** How often the reconcilers run (their job schedulers). */
export const RECONCILE_EVERY_MS = 60_000;

/** Retention of a job worth inspecting for a day after it ran. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
/** Retention of a job that failed for good: two weeks, to investigate. */
export const KEEP_FAILED = { age: 14 * 24 * 3600, count: 50_000 };

const defined = new Map<string, AnyJobDefinition>();

/**
 * Defines a job (see job-registry.ts for the whole recipe). Every definition is remembered, so the
 * worker can refuse to start when one has no handler.
 */
export function defineJob<P extends object>(definition: JobDefinition<P>): JobDefinition<P> {
  if (definition.name.includes(':')) throw new Error(`Job name "${definition.name}" must not contain ':'`);
  defined.set(definition.name, definition);
  return Object.freeze(definition);
}

/** Every job defined in this process so far (the modules that define them have been loaded). */
export function definedJobs(): AnyJobDefinition[] {
  return [...defined.values()];
}

/** The BullMQ id of a job, or undefined when its definition has none. */
export function jobIdOf<P extends object>(job: JobDefinition<P>, payload: P): string | undefined {
  if (!job.id) return undefined;
  const id = job.id(payload);
  // BullMQ separates its keys with `:`; it refuses such ids, but only when the job is added.
  if (id.includes(':')) throw new Error(`Job id "${id}" of ${job.name} must not contain ':'`);
  if (id === '' || /^\d+$/.test(id)) throw new Error(`Job id "${id}" of ${job.name} must be a non-numeric string`);
  return id;
}

function settingsOf<P extends object>(job: JobDefinition<P>, payload: P, tuning: QueueTuning): JobSettings {
  return typeof job.options === 'function' ? job.options(payload, tuning) : job.options;
}

/** The BullMQ options of one job: the definition's settings and its id. */
export function jobOptions<P extends object>(job: JobDefinition<P>, payload: P, tuning: QueueTuning): JobsOptions {
  const jobId = jobIdOf(job, payload);
  return jobId === undefined ? { ...settingsOf(job, payload, tuning) } : { jobId, ...settingsOf(job, payload, tuning) };
}

/**
 * The job scheduler of a scheduled job: how often, and the template of the jobs it adds (the
 * definition's settings, but no id or delay: the scheduler sets those).
 */
export function schedulerOf<P extends object>(
  job: JobDefinition<P>,
  tuning: QueueTuning,
): { every: number; template: { name: string; data: P; opts: JobSchedulerTemplateOptions } } {
  if (!job.schedule) throw new Error(`${job.name} has no schedule`);
  const { delay: _delay, ...opts } = settingsOf(job, job.schedule.payload, tuning);
  return { every: job.schedule.every, template: { name: job.name, data: job.schedule.payload, opts } };
}
