/**
 * More than one of everything on one database and one Redis: two API instances and two worker
 * processes. Invitations enqueued by either API go out once; reminders enqueued by either fire once,
 * shared between the workers, whose own /metrics add up to the whole. The instances agree on what
 * they keep: a session ended on one is refused by the other, and the per-address login limit counts
 * the attempts both received (the per-account one: test/platform.e2e-spec.ts; the readiness answer
 * cached in each instance: test/logistics.e2e-spec.ts). A worker killed mid-batch:
 * test/worker-crash.e2e-spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { Role } from '@app/auth';
import { JobProducer } from '@app/queue';
import { createEdition, createLeader, createUser, createVenue, TEST_PASSWORD } from './utils/factories';
import { metricValue } from './utils/prometheus';
import { remindersDue } from './utils/reminder-fixtures';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { startWorkerProcess, WorkerProcess } from './utils/worker-process';

const METRICS_TOKEN = 'metrics-token-for-the-scale-out-e2e';

async function until(check: () => Promise<boolean>, what: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('Scale-out: two API instances and two worker processes on one database', () => {
  const sink = new SmtpSink();
  let apis: TestApp[] = [];
  let workers: WorkerProcess[] = [];

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, METRICS_TOKEN, MAIL_RETRY_DELAY_MS: '200' };
    apis = [await createTestApp(env), await createTestApp(env)];
    workers = [0, 1].map(() => startWorkerProcess({ ...TEST_ENV, ...env, LOG_LEVEL: 'info' }));
    await Promise.all(workers.map((worker) => worker.ready(280_000)));
  }, 300_000);
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
    await Promise.all(apis.map((api) => api.close()));
    await sink.stop();
  });

  /** A worker's own scrape, at the port it logged. */
  async function workerMetrics(worker: WorkerProcess): Promise<string> {
    const port = /worker metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(worker.output())?.[1];
    if (!port) throw new Error(`no metrics port in the worker's log: ${worker.output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('sends each invitation once, whichever API enqueued it and whichever worker took it', async () => {
    const [first, second] = apis;
    const planner = await createUser(first.dataSource, Role.CentralPlanner);
    const tokens = [`Bearer ${await first.tokenFor(planner)}`, `Bearer ${await second.tokenFor(planner)}`];
    const edition = await createEdition(first.dataSource);
    const leaders: { id: string }[] = [];
    for (let index = 0; index < 6; index += 1) {
      const api = apis[index % 2];
      const authorization = tokens[index % 2];
      const venue = await createVenue(api.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-${10 + index}` });
      await api.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', authorization).send({}).expect(201);
      const leader = await createLeader(api.dataSource, { fullName: `Lãnh đạo ${index + 1}`, position: 'Thứ trưởng Bộ Công an' });
      await api.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', authorization).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
      leaders.push(leader);
    }
    // Both APIs ask at once: the invitations are created once, and each goes out once.
    const answers = await Promise.all(
      apis.map((api, index) => api.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', tokens[index])),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    expect(answers.reduce((sum, answer) => sum + answer.body.created, 0)).toBe(6);

    const invitations: { uid: string }[] = await first.dataSource.query(`SELECT uid FROM invitations WHERE leader_id = ANY($1::uuid[])`, [
      leaders.map((leader) => leader.id),
    ]);
    expect(invitations).toHaveLength(6);
    const ofThese = (mail: ReceivedMail) => invitations.some((invitation) => mail.calendar?.ics.includes(`UID:${invitation.uid}`) ?? false);
    await sink.waitFor(6, ofThese, 90_000);
    await until(
      async () =>
        (
          await first.dataSource.query(`SELECT count(*)::int AS n FROM invitations WHERE leader_id = ANY($1::uuid[]) AND status = 'sent'`, [
            leaders.map((l) => l.id),
          ])
        )[0].n === 6,
      'six invitations marked sent',
    );
    const perInvitation = invitations.map((invitation) => sink.received.filter((mail) => mail.calendar?.ics.includes(`UID:${invitation.uid}`)).length);
    expect(perInvitation).toEqual([1, 1, 1, 1, 1, 1]);
  }, 180_000);

  it('fires each reminder once across both workers, enqueued by either API; the workers’ metrics add up', async () => {
    const before = await Promise.all(workers.map(workerMetrics));
    const edition = await createEdition(apis[0].dataSource);
    const venue = await createVenue(apis[0].dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    // Due a few seconds from now, so that both workers are waiting when they fall due.
    const dueAt = new Date(Date.now() + 5_000);
    const reminders = (await Promise.all(apis.map((api) => remindersDue(api.dataSource, api.app.get(JobProducer), venue, edition, 150, dueAt)))).flat();
    const ids = reminders.map((reminder) => reminder.id);
    await until(
      async () =>
        (await apis[1].dataSource.query(`SELECT count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [ids]))[0].n === 300,
      '300 reminders marked sent',
    );
    const wanted = new Set(ids);
    const deliveries = sink.withHeader('X-Ngayhoi-Reminder').filter((mail) => wanted.has(String(mail.parsed.headers.get('x-ngayhoi-reminder'))));
    expect(deliveries).toHaveLength(300);
    expect(new Set(deliveries.map((mail) => String(mail.parsed.headers.get('x-ngayhoi-reminder')))).size).toBe(300);
    const attempts = await apis[0].dataSource.query(`SELECT max(attempts)::int AS most FROM reminders WHERE id = ANY($1::uuid[])`, [ids]);
    expect(attempts[0].most).toBe(1);

    const after = await Promise.all(workers.map(workerMetrics));
    const sent = after.map(
      (text, index) =>
        metricValue(text, 'ngayhoi_reminders_fired_total', { outcome: 'sent' }) -
        metricValue(before[index], 'ngayhoi_reminders_fired_total', { outcome: 'sent' }),
    );
    expect(sent[0] + sent[1]).toBe(300);
    expect(sent.every((count) => count > 0)).toBe(true); // both workers took part
  }, 180_000);

  it('ends a session on every instance when it is ended on one', async () => {
    const [first, second] = apis;
    const user = await createUser(first.dataSource, Role.Viewer);
    const login = await first.http.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    await second.http.get('/api/auth/me').set('Authorization', bearer).expect(200);
    await first.http.post('/api/auth/logout').set('Authorization', bearer).expect(204);
    await second.http.get('/api/auth/me').set('Authorization', bearer).expect(401);
    await first.http.get('/api/auth/me').set('Authorization', bearer).expect(401);
  });
});

describe('Scale-out: the per-address login limit holds across API instances', () => {
  const LIMIT = 4;
  // Counters of their own (a Redis prefix under the run's): no other suite's logins from this address count.
  const env = {
    REDIS_KEY_PREFIX: `${TEST_ENV.REDIS_KEY_PREFIX}-login-ip-${randomUUID().slice(0, 8)}`,
    LOGIN_RATE_LIMIT_PER_IP: String(LIMIT),
    LOGIN_RATE_LIMIT_PER_ACCOUNT: '100',
    LOGIN_LOCKOUT_THRESHOLD: '100',
    LOGIN_RATE_WINDOW_SECONDS: '60',
  };
  let apis: TestApp[] = [];

  beforeAll(async () => {
    apis = [await createTestApp(env), await createTestApp(env)];
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
  });

  it('refuses the attempt past the limit from one address, whichever instance each attempt reached', async () => {
    // A different account each time: only the address's counter grows.
    const attempt = (index: number) =>
      apis[index % 2].http.post('/api/auth/login').send({ email: `khong-co-${index}-${randomUUID().slice(0, 6)}@test.ngayhoi.vn`, password: 'đoán-mò' });
    const answers: number[] = [];
    for (let index = 0; index < LIMIT; index += 1) answers.push((await attempt(index)).status);
    expect(answers).toEqual(Array(LIMIT).fill(401)); // LIMIT attempts, half on each instance: all let through
    for (const index of [LIMIT, LIMIT + 1]) {
      const blocked = await attempt(index); // on each instance in turn
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    }
  });
});
