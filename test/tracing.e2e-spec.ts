/**
 * Issue 19, traces: with OTEL_EXPORTER_OTLP_ENDPOINT set, the API and the worker (real processes, as
 * deployed: the instrumentations patch Express and pg as Node loads them, which jest's module registry
 * bypasses) export their spans to a collector held in memory here. One request that mails invitations
 * is one trace: the API's HTTP span, its queries, the enqueue, the worker's span for each job (a child
 * of the enqueue that queued it), the worker's queries and the SMTP send. So is a reschedule and the
 * update e-mail it sends the delegate. And no RSVP token is exported.
 */
import { randomBytes } from 'node:crypto';
import { Role } from '@app/auth';
import { TEST_ENV } from './test-env';
import { startApiProcess, ApiProcess } from './utils/api-process';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { CollectedSpan, OtlpCollector, SPAN_KIND } from './utils/otlp-collector';
import { SmtpSink } from './utils/smtp-sink';
import { createTestApp, TestApp } from './utils/test-app';
import { startWorkerProcess, WorkerProcess } from './utils/worker-process';

const RSVP_URL = /\/api\/rsvp\/([A-Za-z0-9_.-]{20,})/;

describe('Traces (issue 19): one request → queue → worker → SMTP chain is one trace', () => {
  const sink = new SmtpSink();
  const collector = new OtlpCollector();
  let setup: TestApp;
  let api: ApiProcess;
  let worker: WorkerProcess;

  beforeAll(async () => {
    await Promise.all([sink.start(), collector.start()]);
    const env = { ...TEST_ENV, SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '200', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
    // Test data through an in-process app (untraced: OpenTelemetry is not started in the jest process).
    setup = await createTestApp();
    api = await startApiProcess(env);
    worker = startWorkerProcess({ ...env, LOG_LEVEL: 'info' });
    await Promise.all([api.ready(280_000), worker.ready(280_000)]);
  }, 300_000);
  afterAll(async () => {
    await Promise.all([worker?.kill('SIGTERM'), api?.kill('SIGTERM')]);
    await setup?.close();
    await Promise.all([sink.stop(), collector.stop()]);
  });

  // The first test's venue, its planner and the delegate's office, for the second.
  let venue: { id: string };
  let year: number;
  let authorization: string;
  const office = `vanphong-${randomBytes(4).toString('hex')}@vanphong.example.vn`;

  it('links the HTTP span, the queries, the enqueue, the job and the SMTP send in one trace', async () => {
    const planner = await createUser(setup.dataSource, Role.CentralPlanner);
    const edition = await createEdition(setup.dataSource);
    const leader = await createLeader(setup.dataSource, { fullName: 'Trần Văn Vết', officeEmail: office });
    venue = await createVenue(setup.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-09` });
    year = edition.year;
    authorization = `Bearer ${await setup.tokenFor(planner)}`;
    await setup.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', authorization).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);

    const bulk = await fetch(`${api.base}/api/editions/${edition.id}/invitations/bulk`, { method: 'POST', headers: { authorization } });
    expect(bulk.status).toBe(202);
    const [letter] = await sink.waitFor(1, (mail) => RSVP_URL.test(mail.parsed.text ?? '') && sink.to(office).includes(mail), 60_000);

    // The request's server span, named by its route.
    const server = await collector.waitFor(
      (span) =>
        span.service === 'ngayhoi-api' && span.kind === SPAN_KIND.server && span.attributes['http.route'] === '/api/editions/:editionId/invitations/bulk',
    );
    expect(server.name).toBe('POST /api/editions/:editionId/invitations/bulk');
    expect(server.attributes['http.response.status_code']).toBe(202);
    // The worker's SMTP send of this letter (sent last: by then the request's spans are exported too).
    const smtp = await collector.waitFor((span) => span.service === 'ngayhoi-worker' && span.name === 'smtp send' && span.traceId === server.traceId, 60_000);
    await new Promise((done) => setTimeout(done, 2_500)); // the batches still in flight (one a second)
    const trace = collector.spans.filter((span) => span.traceId === server.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const ancestors = (span: CollectedSpan): CollectedSpan[] => {
      const chain: CollectedSpan[] = [];
      for (let parent = span.parentSpanId && byId.get(span.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId))
        chain.push(parent);
      return chain;
    };

    // Every span of the trace descends from the request: one root.
    expect(trace.filter((span) => span.parentSpanId === undefined)).toEqual([server]);
    for (const span of trace)
      if (span !== server) expect({ span: span.name, descends: ancestors(span).includes(server) }).toEqual({ span: span.name, descends: true });

    // The API's queries, children of the request.
    const apiQueries = trace.filter((span) => span.service === 'ngayhoi-api' && span.attributes['db.system.name'] === 'postgresql');
    expect(apiQueries.length).toBeGreaterThan(0);
    // The enqueue in the API: a producer span, inside the request.
    const enqueues = trace.filter((span) => span.service === 'ngayhoi-api' && span.kind === SPAN_KIND.producer);
    expect(enqueues.length).toBeGreaterThan(0);
    expect(enqueues.every((span) => span.attributes['messaging.system'] === 'bullmq')).toBe(true);

    // The SMTP send runs in a job's consumer span, whose parent is an enqueue (in the API, or in a job
    // that the API's enqueue caused), down to the request.
    const smtpChain = ancestors(smtp);
    const consumer = smtpChain.find((span) => span.kind === SPAN_KIND.consumer)!;
    expect(consumer).toMatchObject({
      service: 'ngayhoi-worker',
      name: 'process mail',
      attributes: expect.objectContaining({ 'messaging.destination.name': 'mail' }),
    });
    expect(byId.get(consumer.parentSpanId!)).toMatchObject({ kind: SPAN_KIND.producer });
    expect(smtpChain.some((span) => span.kind === SPAN_KIND.producer && span.service === 'ngayhoi-api')).toBe(true);
    expect(smtp.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'ngayhoi.mail.accepted': 1 });
    // Each job's span is a child of the enqueue that queued it; the worker's queries are under a job.
    for (const job of trace.filter((span) => span.kind === SPAN_KIND.consumer)) expect(byId.get(job.parentSpanId!)?.kind).toBe(SPAN_KIND.producer);
    const workerQueries = trace.filter((span) => span.service === 'ngayhoi-worker' && span.attributes['db.system.name'] === 'postgresql');
    expect(workerQueries.length).toBeGreaterThan(0);
    for (const query of workerQueries) expect(ancestors(query).some((span) => span.kind === SPAN_KIND.consumer)).toBe(true);

    // The delegate opens the RSVP page: its span says the route, never the token.
    const rsvpToken = RSVP_URL.exec(letter.parsed.text ?? '')![1];
    expect((await fetch(`${api.base}/api/rsvp/${rsvpToken}?token=${rsvpToken}`)).status).toBe(200);
    const rsvp = await collector.waitFor(
      (span) => span.service === 'ngayhoi-api' && span.kind === SPAN_KIND.server && span.attributes['http.route'] === '/api/rsvp/:token',
    );
    // The URL attributes (stable or older conventions, whichever the instrumentation wrote) hold the route.
    const urls = ['url.path', 'http.target', 'url.full', 'http.url'].map((key) => rsvp.attributes[key]).filter((value) => value !== undefined);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(String(url)).toMatch(/\/api\/rsvp\/:token$/);
    expect(collector.raw.join('\n')).not.toContain(rsvpToken);
  }, 180_000);

  it('makes a reschedule and the update e-mail it sends the delegate one trace', async () => {
    expect(venue).toBeDefined(); // the first test's, with its invitation sent
    const [{ version }] = await setup.dataSource.query(`SELECT version FROM venues WHERE id = $1`, [venue.id]);
    const moved = await fetch(`${api.base}/api/venues/${venue.id}/transitions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ to: 'scheduled', version, date: `${year}-08-10`, startTime: '08:00', endTime: '11:30' }),
    });
    expect(moved.status).toBe(200);
    const server = await collector.waitFor(
      (span) => span.service === 'ngayhoi-api' && span.kind === SPAN_KIND.server && span.name === 'POST /api/venues/:id/transitions',
    );
    // The update (ICS REQUEST, next SEQUENCE) to the delegate's office, sent by the worker in the reschedule's trace.
    await sink.waitFor(1, (mail) => sink.to(office).includes(mail) && (mail.calendar?.ics.includes('SEQUENCE:1') ?? false), 60_000);
    const smtp = await collector.waitFor((span) => span.service === 'ngayhoi-worker' && span.name === 'smtp send' && span.traceId === server.traceId, 60_000);
    await new Promise((done) => setTimeout(done, 2_500)); // the batches still in flight (one a second)
    const trace = collector.spans.filter((span) => span.traceId === server.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const chain: CollectedSpan[] = [];
    for (let parent = smtp.parentSpanId && byId.get(smtp.parentSpanId); parent; parent = parent.parentSpanId && byId.get(parent.parentSpanId))
      chain.push(parent);
    expect(chain.at(-1)).toBe(server);
    expect(trace.filter((span) => span.parentSpanId === undefined)).toEqual([server]);
    const consumer = chain.find((span) => span.kind === SPAN_KIND.consumer)!;
    expect(consumer).toMatchObject({ service: 'ngayhoi-worker', name: 'process mail' });
    expect(byId.get(consumer.parentSpanId!)?.kind).toBe(SPAN_KIND.producer);
  }, 120_000);
});
