import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge } from 'prom-client';
import { MetricsRegistry } from '@app/common';
import { JobProducer, QueueName } from '@app/queue';

const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized'] as const;

/**
 * The API's Prometheus metrics: its own process and HTTP latency (HttpMetrics), and queue depth read
 * from BullMQ at scrape time (the same from every API instance). Nothing here queries PostgreSQL per
 * scrape: what the work did (job durations and failures, reminder lateness) is counted by the workers
 * where it happens and served on their own /metrics (apps/worker, WORKER_METRICS_PORT).
 */
@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRegistry,
    producer: JobProducer,
  ) {
    collectDefaultMetrics({ register: metrics.registry, prefix: 'ngayhoi_api_' });
    new Gauge({
      name: 'ngayhoi_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      collect: async function (this: Gauge) {
        for (const queue of Object.values(QueueName)) {
          const counts = await producer.queue(queue).getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
  }

  render(): Promise<{ contentType: string; body: string }> {
    return this.metrics.render();
  }
}
