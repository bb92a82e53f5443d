/**
 * Issue 19, logs: a whole run — login, invitations mailed by the worker through an SMTP relay that asks
 * for a password, the delegate's RSVP page and answer, the calendar feed, the inbound hook, the queue
 * dashboard by cookie, logout — with the API's and the worker's logs captured at debug level, then
 * searched for every secret the run handled. And X-Request-Id: accepted when well-formed (else a new
 * one), answered, and carried through the queue to the worker's lines for the jobs it caused.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Test } from 'supertest';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { TEST_ENV } from './test-env';
import { createEdition, createLeader, createUser, createVenue, TEST_PASSWORD } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

const FEED_HEADER = 'x-ngayhoi-calendar-feed';
const FEED_URL = /\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics/;
const RSVP_URL = /\/api\/rsvp\/([A-Za-z0-9_.-]{20,})/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  job?: string;
  jobId?: string;
  queue?: string;
  req?: { id: unknown; method: string; url: string };
  res?: { statusCode: number };
}

function linkIn(mail: ReceivedMail, pattern: RegExp): string {
  const match = pattern.exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no ${pattern.source} in the e-mail`);
  return match[1];
}

describe('Logs of a whole run (issue 19): no secret, and one request id from the API to the worker', () => {
  const smtp = { user: 'relay-ngayhoi', pass: `smtp-${randomBytes(18).toString('base64url')}` };
  const sink = new SmtpSink(smtp);
  const logText: string[] = [];
  const logs = () => logText.map((line) => JSON.parse(line) as LogLine);
  const requestId = `rsvp-run-${randomBytes(6).toString('hex')}`;
  let t: TestApp;
  let worker: INestApplicationContext;
  let planner: User;
  let edition: Edition;
  const office = `vanphong-${randomBytes(4).toString('hex')}@vanphong.example.vn`;

  beforeAll(async () => {
    await sink.start();
    // One capture for both: a single process shares nestjs-pino's root logger between the two apps.
    const capture = { write: (line: string) => void logText.push(line) };
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50', LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };
    t = await createTestApp(env, { logs: capture });
    worker = await createTestWorker(env, { logs: capture });
    planner = await createUser(t.dataSource, Role.CentralPlanner);
    edition = await createEdition(t.dataSource);
    const leader = await createLeader(t.dataSource, { fullName: 'Phạm Văn Nhật Ký', officeEmail: office });
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-09` });
    const token = await t.tokenFor(planner);
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', `Bearer ${token}`).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  it('writes none of the run’s secrets: links, passwords, tokens, cookies, the hook and SMTP secrets', async () => {
    const from = logText.length;
    const withId = (test: Test, id: string) => test.set('X-Request-Id', id);
    await withId(t.http.post('/api/auth/login').send({ email: planner.email, password: 'sai-mật-khẩu-nhật-ký-19' }), 'login-wrong').expect(401);
    const login = await withId(t.http.post('/api/auth/login').send({ email: planner.email, password: TEST_PASSWORD }), 'login-right').expect(200);
    const jwt: string = login.body.accessToken;
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const bearer = `Bearer ${jwt}`;

    // Invitations for the edition: the worker mails the letter (RSVP link) and the feed link, through
    // the relay that asks for its password.
    await withId(t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', bearer), requestId).expect(202);
    const [letter] = await sink.waitFor(1, (mail) => RSVP_URL.test(mail.parsed.text ?? '') && sink.to(office).includes(mail), 30_000);
    const [feedLetter] = await sink.waitFor(1, (mail) => mail.parsed.headers.has(FEED_HEADER) && sink.to(office).includes(mail), 30_000);
    const rsvpToken = linkIn(letter, RSVP_URL);
    const feedToken = linkIn(feedLetter, FEED_URL);

    // The delegate: the page, the answer (the token also repeated in a query), the feed.
    await t.http.get(`/api/rsvp/${rsvpToken}`).expect(200);
    await t.http.post(`/api/rsvp/${rsvpToken}?token=${rsvpToken}`).type('form').send({ answer: 'accept' }).expect(200);
    await t.http.get(`/api/calendar/${feedToken}.ics`).expect(200);
    // The relay's hook, the queue dashboard by cookie, and the end of the session.
    await t.http
      .post('/api/inbound/calendar-replies')
      .set('X-Inbound-Secret', TEST_ENV.INBOUND_HOOK_SECRET)
      .type('text/calendar')
      .send('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    await t.http.get('/admin/queues').set('Cookie', cookie);
    await t.http.post('/api/auth/logout').set('Authorization', bearer).expect(204);

    const written = logText.slice(from).join('');
    const secrets = {
      rsvpToken,
      feedToken,
      password: TEST_PASSWORD,
      wrongPassword: 'sai-mật-khẩu-nhật-ký-19',
      jwt,
      jwtSignature: jwt.split('.')[2],
      cookie: cookie.split('=')[1],
      inboundSecret: TEST_ENV.INBOUND_HOOK_SECRET,
      smtpPassword: smtp.pass,
      jwtSecret: TEST_ENV.JWT_SECRET,
      linkSecret: TEST_ENV.LINK_SECRET,
    };
    for (const [name, secret] of Object.entries(secrets)) expect({ name, found: written.includes(secret) }).toEqual({ name, found: false });

    // The capture did hold the run: the API's request lines and the worker's lines for its jobs.
    const lines = logs().slice(from);
    expect(lines.filter((line) => line.req && line.res).length).toBeGreaterThanOrEqual(9);
    expect(lines.filter((line) => line.job === 'send-invitation-message' && line.msg === 'job done').length).toBeGreaterThanOrEqual(1);
    expect(lines.filter((line) => line.job === 'send-feed-link' && line.msg === 'job done').length).toBeGreaterThanOrEqual(1);
  });

  it('carries the caller’s X-Request-Id to the worker’s lines for the jobs that request caused', () => {
    const lines = logs();
    // The request's own line says it.
    expect(lines.filter((line) => line.req?.url === `/api/editions/${edition.id}/invitations/bulk`).map((line) => line.reqId)).toEqual([requestId]);
    // Every job the request enqueued (and every job those enqueued in turn) logged under it.
    const jobLines = lines.filter((line) => line.job !== undefined && line.reqId === requestId);
    const jobs = new Set(jobLines.filter((line) => line.msg === 'job done').map((line) => line.job));
    expect([...jobs].sort()).toEqual(expect.arrayContaining(['send-feed-link', 'send-invitation-message']));
    // …and no job line of those runs under another id.
    const jobIds = new Set(jobLines.map((line) => line.jobId));
    expect(lines.filter((line) => line.jobId !== undefined && jobIds.has(line.jobId) && line.reqId !== requestId)).toEqual([]);
  });

  it('answers with the X-Request-Id it was given when well-formed, and a new one otherwise', async () => {
    const given = await t.http.get('/api/health/live').set('X-Request-Id', 'abc-123.lb:7').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123.lb:7');
    const none = await t.http.get('/api/health/live').expect(200);
    expect(none.headers['x-request-id']).toMatch(UUID);
    for (const bad of ['two words', '"quoted"', 'x'.repeat(200), '{"level":60}']) {
      const replaced = await t.http.get('/api/health/live').set('X-Request-Id', bad).expect(200);
      expect(replaced.headers['x-request-id']).toMatch(UUID);
    }
    // Errors answer with it too, and their log line carries it.
    const from = logText.length;
    const refused = await t.http.get('/api/auth/me').set('X-Request-Id', 'refused-1').expect(401);
    expect(refused.headers['x-request-id']).toBe('refused-1');
    expect(
      logs()
        .slice(from)
        .filter((line) => line.req?.url === '/api/auth/me')
        .map((line) => [line.reqId, line.res?.statusCode]),
    ).toEqual([['refused-1', 401]]);
  });
});
