import { Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, OnApplicationBootstrap, Provider } from '@nestjs/common';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { runWithLogFields, runWithRequestId } from '@app/common';
import { AppConfig } from '@app/config';
import { JobRegistry, QueueName, QUEUES, splitRequestId } from '@app/queue';
import { contextFromTraceparent, inSpan, SpanKind } from '@app/telemetry';
import { JobMetrics } from './worker-metrics';

/**
 * The consumer of one queue, dispatching each job by name to the handler its feature registered.
 * Workers start consuming only once the app has booted, with their concurrency from QUEUES and
 * locks from AppConfig; each run is timed, and its failure counted (JobMetrics). On shutdown each closes its worker first, which lets running jobs finish
 * (a job cut short by a crash is retried after BullMQ's stalled check, and its row's lease keeps it
 * from being sent twice meanwhile).
 *
 * Each job runs under the request id its data carries (the request that enqueued it, or the job that
 * did): every log line written while it runs, its handler's too, carries `reqId`, `queue`, `jobId` and
 * `job`, and a job it enqueues carries the id on. Likewise its trace: with tracing on, the job runs in
 * a consumer span whose parent is the enqueue span named by the data's `traceparent`.
 */
export class QueueProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly queue: QueueName,
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
    private readonly logger: PinoLogger,
    private readonly metrics: JobMetrics,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = QUEUES[this.queue].concurrency(this.config);
    this.worker.opts.lockDuration = this.config.QUEUE_LOCK_DURATION_MS;
    this.worker.opts.stalledInterval = this.config.QUEUE_STALLED_INTERVAL_MS;
    void this.worker.run();
  }

  /**
   * Before any connection closes: stop taking jobs and let the running ones finish (@nestjs/bullmq
   * closes the worker again later, harmlessly), then wait for the work completed jobs left running
   * (JobContext.afterCompletion) — every queue's, so the last processor to close waits for them all.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
    await this.registry.drainFollowUps();
  }

  process(job: Job<object>): Promise<unknown> {
    const { requestId, traceparent } = splitRequestId(job.data);
    const bindings = { ...(requestId && { reqId: requestId }), queue: job.queueName, jobId: job.id, job: job.name };
    // The job's span continues the trace of the enqueue (a request's, or a job's): its queries, the
    // jobs it enqueues and its SMTP send are its children. A job enqueued outside any trace starts one.
    const attributes = {
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'process',
      'messaging.destination.name': job.queueName,
      'messaging.message.id': job.id ?? '',
      'ngayhoi.job': job.name,
      'ngayhoi.attempt': job.attemptsMade + 1,
    };
    const span = { kind: SpanKind.CONSUMER, attributes, parent: contextFromTraceparent(traceparent) };
    // The job's fields go on its log lines as they are written (runWithLogFields), not into a child
    // logger made per job: its lines are written by the root logger, as nestjs-pino's out of a context.
    return inSpan(`process ${job.queueName}`, span, () => runWithRequestId(requestId, () => runWithLogFields(bindings, () => this.run(job))));
  }

  private async run(job: Job<object>): Promise<unknown> {
    const started = performance.now();
    try {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const result = await this.metrics.observe({ queue: this.queue, name: job.name, lastAttempt }, () => this.registry.dispatch(job));
      // Thousands a second at info level: build the debug line only when someone reads it.
      if (this.logger.logger.isLevelEnabled('debug'))
        this.logger.debug({ attempt: job.attemptsMade + 1, durationMs: Math.round(performance.now() - started) }, 'job done');
      return result;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ attempt: job.attemptsMade + 1, durationMs: Math.round(performance.now() - started), error: reason }, 'job failed');
      throw error;
    }
  }
}

/**
 * The provider consuming `queue`. @nestjs/bullmq reads the queue from a class decorator, so each
 * queue gets a subclass that only carries it (named after the queue, as in logs).
 */
export function queueProcessor(queue: QueueName): Provider {
  const name = `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor`;
  const consumer = { [name]: class extends QueueProcessor {} }[name];
  Processor(queue, { autorun: false })(consumer);
  return {
    provide: consumer,
    inject: [JobRegistry, AppConfig, PinoLogger, JobMetrics],
    useFactory: (registry: JobRegistry, config: AppConfig, logger: PinoLogger, metrics: JobMetrics) => new consumer(queue, registry, config, logger, metrics),
  };
}

/** One consumer per queue of QUEUES. */
export const queueProcessors = (): Provider[] => Object.values(QueueName).map(queueProcessor);
