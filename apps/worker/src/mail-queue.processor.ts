import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { JobDispatcher } from './job-dispatcher';

/** Consumes the mail queue. On shutdown @nestjs/bullmq closes the worker, which lets running jobs finish. */
@Processor(QueueName.Mail)
export class MailQueueProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.MAIL_CONCURRENCY;
  }

  process(job: Job): Promise<unknown> {
    return this.dispatcher.dispatch(job);
  }
}
