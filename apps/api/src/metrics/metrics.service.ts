import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobProducer, QueueName } from '@app/queue';
import { reminderCountsByStatus, reminderLateness } from '@app/reminders';

/** Lateness buckets, in seconds (Prometheus `le`). */
const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600];
const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized'] as const;

/**
 * Prometheus metrics read from the sources of truth at scrape time, so every API instance reports the
 * same figures whichever worker did the work: queue depth from BullMQ, reminders by status and the
 * firing-lateness histogram from Postgres (sent reminders keep their lateness).
 */
@Injectable()
export class MetricsService {
  private readonly registry = new Registry();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    producer: JobProducer,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ngayhoi_api_' });
    new Gauge({
      name: 'ngayhoi_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        for (const queue of Object.values(QueueName)) {
          const counts = await producer.queue(queue).getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'ngayhoi_reminders',
      help: 'Reminders by status (sent, failed and missed only ever grow)',
      labelNames: ['status'],
      registers: [this.registry],
      collect: async function (this: Gauge) {
        this.reset();
        for (const [status, count] of Object.entries(await reminderCountsByStatus(dataSource.manager))) this.set({ status }, count);
      },
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const body = `${await this.registry.metrics()}${await this.latenessHistogram()}`;
    return { contentType: this.registry.contentType, body };
  }

  private async latenessHistogram(): Promise<string> {
    const histogram = await reminderLateness(this.dataSource.manager, LATENESS_BUCKETS);
    const name = 'ngayhoi_reminder_lateness_seconds';
    return [
      `# HELP ${name} Time between a reminder falling due and its e-mail being accepted by the mail server`,
      `# TYPE ${name} histogram`,
      ...LATENESS_BUCKETS.map((bucket, index) => `${name}_bucket{le="${bucket}"} ${histogram.buckets[index]}`),
      `${name}_bucket{le="+Inf"} ${histogram.total}`,
      `${name}_sum ${histogram.sumMs / 1000}`,
      `${name}_count ${histogram.total}`,
      '',
    ].join('\n');
  }
}
