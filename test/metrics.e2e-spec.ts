/**
 * Prometheus metrics of both apps, scraped as Prometheus does (bearer token): the API's HTTP latency
 * by route template and status, and the worker's own /metrics — job durations and failures per queue,
 * and reminder lateness observed as each reminder fires (no query per scrape).
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { JobProducer } from '@app/queue';
import { WorkerMetricsServer } from '../apps/worker/src/worker-metrics';
import { createEdition, createVenue } from './utils/factories';
import { metricValue } from './utils/prometheus';
import { remindersDue } from './utils/reminder-fixtures';
import { SmtpSink } from './utils/smtp-sink';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

const METRICS_TOKEN = 'metrics-token-for-the-e2e-0123456789';

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('Metrics: the API’s HTTP latency, the worker’s jobs and reminder lateness', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, METRICS_TOKEN, MAIL_RETRY_DELAY_MS: '60000' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  const apiMetrics = async () => (await t.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
  const workerUrl = () => `http://127.0.0.1:${worker.get(WorkerMetricsServer).port}/metrics`;
  const workerMetrics = async () => {
    const response = await fetch(workerUrl(), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('times API requests by route template and status, behind the token', async () => {
    expect((await t.http.get('/metrics').expect(401)).body.code).toBe('UNAUTHENTICATED');
    const health = { method: 'GET', route: '/api/health', status: '200' };
    const missing = { method: 'GET', route: '/api/venues/:id', status: '401' }; // refused before the handler: still timed under its template
    const before = await apiMetrics();
    await t.http.get('/api/health').expect(200);
    await t.http.get('/api/health').expect(200);
    await t.http.get(`/api/venues/${randomUUID()}`).expect(401);
    const after = await apiMetrics();
    const count = 'ngayhoi_http_request_duration_seconds_count';
    expect(metricValue(after, count, health) - metricValue(before, count, health)).toBe(2);
    expect(metricValue(after, count, missing) - metricValue(before, count, missing)).toBe(1);
    expect(metricValue(after, 'ngayhoi_http_request_duration_seconds_sum', health)).toBeGreaterThan(
      metricValue(before, 'ngayhoi_http_request_duration_seconds_sum', health),
    );
    expect(after).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/); // concrete paths never become labels
    expect(after).toMatch(/ngayhoi_queue_jobs\{queue="reminders",state="delayed"\} \d+/);
    expect(after).toContain('ngayhoi_api_process_cpu_seconds_total');
  });

  it('serves the worker’s own metrics behind the same token: job durations, failures and reminder lateness counted as reminders fire', async () => {
    expect((await fetch(workerUrl())).status).toBe(401);
    expect((await fetch(workerUrl(), { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(workerUrl().replace('/metrics', '/other'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);

    const before = await workerMetrics();
    expect(before).toContain('# TYPE ngayhoi_reminder_lateness_seconds histogram');
    expect(before).toContain('ngayhoi_worker_nodejs_eventloop_lag_seconds');
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    const producer = t.app.get(JobProducer);
    const due = await remindersDue(t.dataSource, producer, venue, edition, 3, new Date());
    // One held by another sender's lease: its job fails (and is retried later), a failure per queue.
    await remindersDue(t.dataSource, producer, venue, edition, 1, new Date(), 'sending');

    const fired = { queue: 'reminders', job: 'fire-reminder', outcome: 'completed' };
    const failed = { queue: 'reminders', job: 'fire-reminder', final: 'false' };
    let after = before;
    await until(async () => {
      after = await workerMetrics();
      return (
        metricValue(after, 'ngayhoi_job_duration_seconds_count', fired) - metricValue(before, 'ngayhoi_job_duration_seconds_count', fired) >= 3 &&
        metricValue(after, 'ngayhoi_job_failures_total', failed) > metricValue(before, 'ngayhoi_job_failures_total', failed)
      );
    }, 'three reminders fired and one failed run');
    const sent = await t.dataSource.query(`SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [due.map((r) => r.id)]);
    expect(sent[0].n).toBe(3);
    const lateness = (text: string) => metricValue(text, 'ngayhoi_reminder_lateness_seconds_count');
    expect(lateness(after) - lateness(before)).toBe(3);
    expect(
      metricValue(after, 'ngayhoi_reminders_fired_total', { outcome: 'sent' }) - metricValue(before, 'ngayhoi_reminders_fired_total', { outcome: 'sent' }),
    ).toBe(3);
    expect(metricValue(after, 'ngayhoi_reminder_lateness_seconds_bucket', { le: '+Inf' })).toBe(lateness(after));
    expect(metricValue(after, 'ngayhoi_job_duration_seconds_count', { queue: 'reminders', job: 'fire-reminder', outcome: 'failed' })).toBeGreaterThan(0);
  }, 60_000);
});
