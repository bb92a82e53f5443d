import type { JobName, JobPayloads } from './queue-names';

export interface JobContext {
  /** 1 for the first run, 2 for the first retry… */
  attempt: number;
  /** True when BullMQ will not retry after a failure of this run. */
  lastAttempt: boolean;
}

/**
 * What a feature provides to process one job name; the worker app's processors dispatch to these,
 * and the worker refuses to start if a JobName has no handler.
 */
export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  handle(payload: JobPayloads[N], context: JobContext): Promise<unknown>;
}

/** Multi-provider token under which features register their handlers. */
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');
