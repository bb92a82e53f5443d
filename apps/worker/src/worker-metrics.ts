import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram } from 'prom-client';
import { DURATION_BUCKETS, MetricsRegistry, metricsScrapeAllowed } from '@app/common';
import { AppConfig } from '@app/config';

/** Job durations and failures per queue and job, as this worker ran them. */
@Injectable()
export class JobMetrics {
  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly failures: Counter<'queue' | 'job' | 'final'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'ngayhoi_job_duration_seconds',
      help: 'Time a job ran in this worker, by queue, job and outcome (completed or failed)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'ngayhoi_job_failures_total',
      help: 'Failed job runs by queue and job; final="true" when it was the last attempt (the job is given up)',
      labelNames: ['queue', 'job', 'final'],
      registers: [metrics.registry],
    });
  }

  /** The duration series of a queue and job, made once (thousands of runs a second: no label lookup each). */
  private readonly series = new Map<string, { completed: { observe: (seconds: number) => void }; failed: { observe: (seconds: number) => void } }>();

  /** Runs a job, timing it and counting its failure. */
  async observe<T>(job: { queue: string; name: string; lastAttempt: boolean }, run: () => Promise<T>): Promise<T> {
    const key = `${job.queue}\u0000${job.name}`;
    let series = this.series.get(key);
    if (!series) {
      series = { completed: this.duration.labels(job.queue, job.name, 'completed'), failed: this.duration.labels(job.queue, job.name, 'failed') };
      this.series.set(key, series);
    }
    const started = performance.now();
    try {
      const result = await run();
      series.completed.observe((performance.now() - started) / 1000);
      return result;
    } catch (error) {
      series.failed.observe((performance.now() - started) / 1000);
      this.failures.inc({ queue: job.queue, job: job.name, final: String(job.lastAttempt) });
      throw error;
    }
  }
}

/**
 * The worker's Prometheus scrape: `GET /metrics` on WORKER_METRICS_HOST:WORKER_METRICS_PORT, behind
 * METRICS_TOKEN as the API's is. A bare node:http server: the worker has no HTTP app, and needs none
 * for one read-only route.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private server?: Server;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: metrics.registry, prefix: 'ngayhoi_worker_' });
  }

  /** The port it listens on (the configured one, or the one it was given for 0). */
  get port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      if (!metricsScrapeAllowed(this.config.METRICS_TOKEN, request.headers.authorization)) {
        response.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer' }).end('Unauthorized\n');
        return;
      }
      this.metrics.render().then(
        ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
        (error: Error) => {
          this.logger.error({ error: error.message }, 'metrics scrape failed');
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_METRICS_PORT, this.config.WORKER_METRICS_HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`worker metrics on http://${this.config.WORKER_METRICS_HOST}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
