import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { currentRequestId, DomainError } from '@app/common';
import { AppConfig } from '@app/config';
import { currentTraceparent, inSpan, SpanKind } from '@app/telemetry';
import { AnyJobDefinition, JobDefinition, jobIdOf, jobOptions, QueueTuning, schedulerOf } from './job-definition';
import { withRequestId } from './job-request-id';
import { QueueName } from './queues';

const LIVE_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * The one typed way to enqueue: a job's definition and a payload of its type (the data also carries the
 * current request id, job-request-id.ts). Fails fast when Redis
 * is down (producer connections do not queue commands offline): callers have already committed the
 * truth to Postgres, the reconciler will enqueue it later, and the client is told 503.
 */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  private readonly tuning: QueueTuning;

  constructor(
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Reminders) reminders: Queue,
    @InjectQueue(QueueName.Planning) planning: Queue,
    config: AppConfig,
  ) {
    this.queues = { [QueueName.Mail]: mail, [QueueName.Reminders]: reminders, [QueueName.Planning]: planning };
    this.tuning = { mailRetryDelayMs: config.MAIL_RETRY_DELAY_MS, updateDelayMs: config.INVITATION_UPDATE_DELAY_SECONDS * 1000 };
  }

  async enqueue<P extends object>(job: JobDefinition<P>, payload: NoInfer<P>): Promise<void> {
    await this.enqueueMany(job, [payload]);
  }

  async enqueueMany<P extends object>(job: JobDefinition<P>, payloads: NoInfer<P>[]): Promise<void> {
    if (payloads.length === 0) return;
    const queue = this.queues[job.queue];
    try {
      // The jobs' data carries this span's trace context: each job's process span is its child.
      await publishSpan(job.queue, job.name, payloads.length, () => {
        // Read once for the whole bulk: every job of it is enqueued under the same request and span.
        const requestId = currentRequestId();
        const traceparent = currentTraceparent();
        const jobs = new Array<{ name: string; data: P; opts: JobsOptions }>(payloads.length);
        for (let index = 0; index < payloads.length; index += 1) {
          const data = payloads[index];
          jobs[index] = { name: job.name, data: withRequestId(data, requestId, traceparent), opts: jobOptions(job, data, this.tuning) };
        }
        return failFast(queue.addBulk(jobs), payloads.length);
      });
    } catch (error) {
      throw new QueueUnavailableError(error);
    }
  }

  /**
   * Enqueues again a job whose previous run is over (completed or failed and kept for inspection),
   * which a plain add would ignore because the job id is taken. A job still waiting, delayed or
   * running is left alone. Returns true when a job was (re)added.
   */
  async requeue<P extends object>(job: JobDefinition<P>, payload: NoInfer<P>): Promise<boolean> {
    const queue = this.queues[job.queue];
    const id = jobIdOf(job, payload);
    try {
      if (id) {
        const state = await failFast(queue.getJobState(id));
        if (LIVE_STATES.has(state)) return false;
        if (state !== 'unknown') await queue.remove(id);
      }
      await publishSpan(job.queue, job.name, 1, () => failFast(queue.add(job.name, withRequestId(payload), jobOptions(job, payload, this.tuning))));
      return true;
    } catch (error) {
      throw new QueueUnavailableError(error);
    }
  }

  /**
   * Of these payloads, those whose job Redis does not hold at all — after a flush or a lost enqueue.
   * Jobs that exist are left to run (or retry) as they are. A job exists as long as its hash does,
   * so this is one O(1) HEXISTS per job, a thousand in flight at a time — not BullMQ's getJobState,
   * whose list scans grow with the queue and, at tens of thousands of waiting jobs, stalled the
   * workers sharing Redis. Only for jobs with an id.
   */
  async missingJobs<P extends object>(job: JobDefinition<P>, payloads: NoInfer<P>[]): Promise<P[]> {
    if (!job.id) throw new Error(`missingJobs needs a job id: ${job.name} has none`);
    const queue = this.queues[job.queue];
    const client = await failFast(queue.backend.connection.client);
    const missing: P[] = [];
    for (let offset = 0; offset < payloads.length; offset += 1_000) {
      const chunk = payloads.slice(offset, offset + 1_000);
      const exists = await failFast(Promise.all(chunk.map((payload) => client.hexists(queue.toKey(jobIdOf(job, payload)!), 'timestamp'))));
      chunk.forEach((payload, index) => exists[index] === 0 && missing.push(payload));
    }
    return missing;
  }

  /**
   * Creates or updates the job scheduler of a scheduled job; its id is the job name, so a deploy
   * updates the scheduler already in Redis instead of adding a second one.
   */
  async upsertScheduler(job: AnyJobDefinition): Promise<void> {
    const { every, template } = schedulerOf(job, this.tuning);
    await this.queues[job.queue].upsertJobScheduler(job.name, { every }, template);
  }

  /** Every queue, for operations (the queue dashboard). */
  allQueues(): Queue[] {
    return Object.values(this.queues);
  }

  /** One queue, for operations (metrics). */
  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}

/** The producer span of an enqueue (OpenTelemetry messaging conventions; a no-op with tracing off). */
function publishSpan<T>(queue: QueueName, name: string, count: number, send: () => Promise<T>): Promise<T> {
  const attributes = {
    'messaging.system': 'bullmq',
    'messaging.operation.type': 'send',
    'messaging.destination.name': queue,
    'ngayhoi.job': name,
    'messaging.batch.message_count': count,
  };
  return inSpan(`send ${queue}`, { kind: SpanKind.PRODUCER, attributes }, send);
}

/**
 * BullMQ waits for its connection before any command, for ever if Redis is down; a request must not.
 * The same bound applies to every producer call, plus a second per thousand jobs of a bulk: a bulk of
 * thousands of delayed jobs (an import, a whole edition's reminders) takes Redis real time, and on a
 * loaded machine a flat 2 s refused bulks that Redis was still taking (bench/README.md).
 */
const PRODUCER_TIMEOUT_MS = 2_000;
const PRODUCER_TIMEOUT_MS_PER_1000_JOBS = 1_000;

function failFast<T>(operation: Promise<T>, jobs = 1): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = PRODUCER_TIMEOUT_MS + Math.floor(jobs / 1_000) * PRODUCER_TIMEOUT_MS_PER_1000_JOBS;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${bound} ms`)), bound);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}

export class QueueUnavailableError extends DomainError {
  constructor(override readonly cause: unknown) {
    super(503, 'QUEUE_UNAVAILABLE', 'Đã lưu thay đổi nhưng hàng đợi tạm thời không sẵn sàng; hệ thống sẽ tự gửi lại khi khôi phục.');
  }
}
