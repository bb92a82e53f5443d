/**
 * The worker's registry of job handlers.
 *
 * Adding a job touches two files:
 *  1. The feature's handler file: the definition and, below it, its handler —
 *
 *       export const ArchiveVenueJob = defineJob<{ venueId: string }>({
 *         queue: QueueName.Mail,
 *         name: 'archive-venue',                                 // stored in Redis: never renamed
 *         id: ({ venueId }) => `venue-archive-${venueId}`,       // deterministic, no ':'
 *         options: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED },
 *       });
 *
 *       @JobHandler(ArchiveVenueJob)       // its `handle` must take that payload, or it does not compile
 *       @Injectable()
 *       export class ArchiveVenueHandler {
 *         async handle({ venueId }: JobPayload<typeof ArchiveVenueJob>, context: JobContext) { … }
 *       }
 *
 *  2. The feature's worker module (imported by apps/worker): the handler in its `providers`.
 *
 * Callers enqueue with `producer.enqueue(ArchiveVenueJob, { venueId })`, typed by the definition. A job
 * run on a schedule (a reconciler) says so in its definition (`schedule: { every, payload }`). A new
 * queue is one entry in queues.ts (its concurrency); the worker consumes every queue listed there.
 */
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { AnyJobDefinition, definedJobs } from './job-definition';
import { handledJob, handlerClassOf, HandlesJob } from './job-handler';
import { JobProducer } from './job-producer';
import { splitRequestId } from './job-request-id';

export interface FoundHandler {
  job: AnyJobDefinition;
  handler: HandlesJob<object>;
  /** The provider's class, for errors. */
  className: string;
}

/**
 * Pairs every defined job with exactly one handler, or throws naming each job without a handler (or
 * with two): the worker refuses to start rather than leave a job unprocessed.
 */
export function matchHandlers(defined: readonly AnyJobDefinition[], found: readonly FoundHandler[]): Map<string, FoundHandler> {
  const byName = new Map<string, FoundHandler[]>();
  for (const entry of found) byName.set(entry.job.name, [...(byName.get(entry.job.name) ?? []), entry]);
  const problems: string[] = [];
  for (const job of defined) {
    if (byName.has(job.name)) continue;
    const className = handlerClassOf(job.name);
    problems.push(
      className ? `no handler for job ${job.name} (${className} is not provided by any module the worker imports)` : `no handler for job ${job.name}`,
    );
  }
  for (const [name, entries] of byName) {
    if (entries.length > 1) problems.push(`${entries.length} handlers for job ${name} (${entries.map((entry) => entry.className).join(', ')})`);
  }
  if (problems.length > 0) throw new Error(`Worker refuses to start: ${problems.join('; ')}`);
  return new Map([...byName].map(([name, [entry]]) => [name, entry]));
}

@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly logger = new Logger('JobRegistry');
  private handlers = new Map<string, FoundHandler>();
  /** Work handed over by completed jobs (JobContext.afterCompletion), still running. */
  private readonly followUps = new Set<Promise<unknown>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly producer: JobProducer,
  ) {}

  /** Every provider is instantiated by now; a job without a handler stops the start-up here. */
  onModuleInit(): void {
    const found: FoundHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.isDependencyTreeStatic() ? wrapper.instance : undefined;
      const job = instance && typeof instance === 'object' ? handledJob(instance.constructor) : undefined;
      if (job) found.push({ job, handler: instance as HandlesJob<object>, className: (instance as object).constructor.name });
    }
    this.handlers = matchHandlers(definedJobs(), found);
  }

  /** Runs a job by its handler (the queue processors' one entry point). */
  dispatch(job: Job<object>): Promise<unknown> {
    const entry = this.handlers.get(job.name);
    if (!entry || (entry.job.queue as string) !== job.queueName) throw new Error(`No handler for job ${job.name} on queue ${job.queueName}`);
    const attempt = job.attemptsMade + 1;
    // The handler gets its payload only; the processor runs it under the request id the data carries.
    return entry.handler.handle(splitRequestId(job.data).payload, {
      attempt,
      lastAttempt: attempt >= (job.opts.attempts ?? 1),
      afterCompletion: this.afterCompletion,
    });
  }

  /** Waits for the work completed jobs left running, including what it leads to meanwhile (at shutdown, once the workers are closed). */
  async drainFollowUps(): Promise<void> {
    while (this.followUps.size > 0) await Promise.allSettled([...this.followUps]);
  }

  private readonly afterCompletion = (work: Promise<unknown>): void => {
    const tracked = work.then(
      () => undefined,
      (error: unknown) => this.logger.error({ error: error instanceof Error ? error.message : String(error) }, 'work left by a completed job failed'),
    );
    this.followUps.add(tracked);
    void tracked.finally(() => this.followUps.delete(tracked));
  };

  /** Creates or updates the job scheduler of every scheduled job (the reconcilers). */
  async startSchedulers(): Promise<void> {
    for (const { job } of this.handlers.values()) {
      if (job.schedule) await this.producer.upsertScheduler(job);
    }
  }
}
