import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import type { AnyJobDefinition, JobDefinition } from './job-definition';

export interface JobContext {
  /** 1 for the first run, 2 for the first retry… */
  attempt: number;
  /** True when BullMQ will not retry after a failure of this run. */
  lastAttempt: boolean;
  /**
   * Hands over work the job leaves running once it has completed (a batched bookkeeping write whose
   * outcome no longer decides the job's): the worker waits for it at shutdown before closing its
   * connections, and logs it if it fails. Only for work whose loss a reconciler already repairs.
   */
  afterCompletion(work: Promise<unknown>): void;
}

/** What a handler of a job with payload `P` provides. */
export interface HandlesJob<P extends object> {
  handle: (payload: P, context: JobContext) => Promise<unknown>;
}

const JOB_HANDLER_METADATA = 'ngayhoi:job-handler';
const handlerClasses = new Map<string, string>();

/**
 * Marks a provider as the handler of one job; the worker finds it among the providers of the modules
 * it imports. A handler whose `handle` takes another payload than the definition's does not compile.
 */
export function JobHandler<P extends object>(job: JobDefinition<P>): (target: Type<HandlesJob<P>>) => void {
  return (target) => {
    Reflect.defineMetadata(JOB_HANDLER_METADATA, job, target);
    handlerClasses.set(job.name, target.name);
  };
}

/** The job a class handles, if it is a handler. */
export function handledJob(target: object): AnyJobDefinition | undefined {
  return Reflect.getMetadata(JOB_HANDLER_METADATA, target) as AnyJobDefinition | undefined;
}

/** The name of the class decorated as the handler of a job, for start-up errors. */
export function handlerClassOf(jobName: string): string | undefined {
  return handlerClasses.get(jobName);
}
