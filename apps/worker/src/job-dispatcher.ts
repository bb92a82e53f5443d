import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JOB_HANDLERS, JobHandler, JobName } from '@app/queue';

/** Routes a job to its feature's handler. Knows every handler; refuses to exist with a JobName uncovered. */
@Injectable()
export class JobDispatcher {
  private readonly handlers: Map<string, JobHandler>;

  constructor(@Inject(JOB_HANDLERS) handlers: JobHandler[]) {
    this.handlers = new Map(handlers.map((handler) => [handler.jobName, handler]));
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`Worker refuses to start: no handler for job(s) ${missing.join(', ')}`);
  }

  dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    const attempt = job.attemptsMade + 1;
    return handler.handle(job.data, { attempt, lastAttempt: attempt >= (job.opts.attempts ?? 1) });
  }
}
