import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { JobDispatcher } from './job-dispatcher';

/**
 * One consumer per queue, each dispatching to the features' handlers. On shutdown @nestjs/bullmq
 * closes the workers, which lets running jobs finish (a job cut short by a crash is retried after
 * BullMQ's stalled check, and its row's lease keeps it from being sent twice meanwhile).
 */
@Processor(QueueName.Mail)
export class MailQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.MAIL_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    return this.dispatcher.dispatch(job);
  }
}

@Processor(QueueName.Reminders)
export class RemindersQueueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.REMINDER_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    return this.dispatcher.dispatch(job);
  }
}
