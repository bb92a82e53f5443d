import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { JobRegistry, QueueName } from '@app/queue';

/**
 * One consumer per queue, each dispatching to the features' handlers. On shutdown @nestjs/bullmq
 * closes the workers, which lets running jobs finish (a job cut short by a crash is retried after
 * BullMQ's stalled check, and its row's lease keeps it from being sent twice meanwhile).
 */
/** Workers start consuming only once the app has booted (checks and reconciliation done), with options from AppConfig. */
function start(host: WorkerHost, config: AppConfig, concurrency: number): void {
  host.worker.concurrency = concurrency;
  host.worker.opts.lockDuration = config.QUEUE_LOCK_DURATION_MS;
  host.worker.opts.stalledInterval = config.QUEUE_STALLED_INTERVAL_MS;
  void host.worker.run();
}

@Processor(QueueName.Mail, { autorun: false })
export class MailQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    start(this, this.config, this.config.MAIL_CONCURRENCY);
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(job);
  }
}

@Processor(QueueName.Reminders, { autorun: false })
export class RemindersQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    start(this, this.config, this.config.REMINDER_CONCURRENCY);
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(job);
  }
}

/** One solve at a time: each is CPU-bound and the worker's event loop also fires reminders. */
@Processor(QueueName.Planning, { autorun: false })
export class PlanningQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    start(this, this.config, 1);
  }

  process(job: Job): Promise<unknown> {
    return this.registry.dispatch(job);
  }
}
