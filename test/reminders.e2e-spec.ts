/**
 * Fault tests of the reminder engine: real PostgreSQL, real Redis (its own database index, flushed),
 * a real SMTP sink, and the worker app as a child process that is killed and restarted.
 */
import Redis from 'ioredis';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { JobProducer } from '@app/queue';
import { AppConfig } from '@app/config';
import { FireReminderJob, ReconcileRemindersHandler } from '@app/reminders';
import { Venue } from '@app/venues/venue.entity';
import { createEdition, createUser, createVenue } from './utils/factories';
import { SmtpSink } from './utils/smtp-sink';
import { ownRedisUrl, TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { startWorkerProcess, WorkerProcess } from './utils/worker-process';

const REDIS_URL = ownRedisUrl(14);
const CONCURRENCY = 8;

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('Reminder engine under faults (worker as a child process)', () => {
  const sink = new SmtpSink();
  const redis = new Redis(REDIS_URL);
  let t: TestApp;
  let edition: Edition;
  let venue: Venue;
  let worker: WorkerProcess | undefined;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    redis.on('error', () => undefined);
    await redis.flushdb();
    await sink.start();
    workerEnv = {
      ...TEST_ENV,
      REDIS_URL,
      SMTP_URL: sink.url,
      LOG_LEVEL: 'info',
      MAIL_RETRY_DELAY_MS: '200',
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      SEND_LEASE_SECONDS: '3',
      REMINDER_CONCURRENCY: String(CONCURRENCY),
    };
    t = await createTestApp({ REDIS_URL });
    edition = await createEdition(t.dataSource);
    venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await t.close();
    await sink.stop();
    await redis.flushdb();
    await redis.quit();
  });

  /** `count` sent invitations of the venue, each with one 2-hour reminder due from `dueAt`, `spreadMs` apart, enqueued (unless `enqueue` is false: rows only). */
  async function remindersDueAt(count: number, dueAt: Date, spreadMs = 0, enqueue = true): Promise<{ id: string; invitationId: string }[]> {
    const tag = Math.random().toString(36).slice(2, 8);
    const invitations: { id: string }[] = await t.dataSource.query(
      `INSERT INTO invitations (edition_id, venue_id, delegate_name, delegate_email, role, status, uid, sequence, rsvp_token_hash, rsvp_expires_at)
       SELECT $1, $2, 'Đại biểu ' || n, 'nhac-' || $4 || '-' || n || '@vanphong.example.vn', 'accompanying', 'sent',
              gen_random_uuid() || '@ngayhoi.vn', 0, md5(random()::text) || md5(random()::text), now() + interval '30 days'
         FROM generate_series(1, $3) AS n RETURNING id`,
      [edition.id, venue.id, count, tag],
    );
    const reminders: { id: string; revision: number; subject_id: string; due_at: Date }[] = await t.dataSource.query(
      `INSERT INTO reminders (kind, subject_id, edition_id, recipient_email, recipient_name, offset_minutes, due_at)
       SELECT 'delegate_event', i.id, i.edition_id, i.delegate_email, i.delegate_name, 120,
              $2::timestamptz + make_interval(secs => (row_number() OVER (ORDER BY i.id) - 1) * $3::float / 1000)
         FROM invitations i WHERE i.id = ANY($1::uuid[]) RETURNING id, revision, subject_id, due_at`,
      [invitations.map((invitation) => invitation.id), dueAt, spreadMs],
    );
    if (enqueue)
      await t.app.get(JobProducer).enqueueMany(
        FireReminderJob,
        reminders.map((reminder) => ({ reminderId: reminder.id, revision: reminder.revision, dueAt: reminder.due_at.getTime() })),
      );
    return reminders.map((reminder) => ({ id: reminder.id, invitationId: reminder.subject_id }));
  }

  const deliveriesOf = (ids: string[]) => {
    const wanted = new Set(ids);
    return sink.withHeader('X-Ngayhoi-Reminder').filter((mail) => wanted.has(String(mail.parsed.headers.get('x-ngayhoi-reminder'))));
  };
  const statuses = async (ids: string[]) =>
    Object.fromEntries(
      (await t.dataSource.query(`SELECT status, count(*)::int AS n FROM reminders WHERE id = ANY($1::uuid[]) GROUP BY status`, [ids])).map(
        (row: { status: string; n: number }) => [row.status, row.n],
      ),
    );

  it('sends each of 500 due reminders once across a SIGKILL of the worker mid-batch', async () => {
    const reminders = await remindersDueAt(500, new Date());
    const ids = reminders.map((reminder) => reminder.id);
    worker = startWorkerProcess(workerEnv);
    await worker.ready();
    await until(async () => deliveriesOf(ids).length >= 100, 30_000, '100 deliveries');
    await worker.kill('SIGKILL');
    const atKill = deliveriesOf(ids).length;
    expect(atKill).toBeLessThan(500);

    worker = startWorkerProcess(workerEnv);
    await worker.ready();
    await until(async () => (await statuses(ids)).sent === 500, 60_000, 'all 500 reminders marked sent');

    const deliveries = deliveriesOf(ids);
    const distinct = new Set(deliveries.map((mail) => String(mail.parsed.headers.get('x-ngayhoi-reminder'))));
    expect(distinct.size).toBe(500); // every reminder delivered
    // Only a reminder whose SMTP answer came back in the instant before the kill can go out again,
    // and then with the same Message-ID (recipients' mailboxes fold such duplicates).
    expect(deliveries.length - 500).toBeLessThanOrEqual(CONCURRENCY);
    const messageIds = new Map<string, Set<string>>();
    for (const mail of deliveries) {
      const id = String(mail.parsed.headers.get('x-ngayhoi-reminder'));
      messageIds.set(id, (messageIds.get(id) ?? new Set()).add(String(mail.parsed.messageId)));
    }
    expect([...messageIds.values()].every((set) => set.size === 1)).toBe(true);
    const [first] = deliveries;
    expect(first.parsed.subject).toContain('Nhắc lịch');
    expect(first.parsed.text).toContain('/api/rsvp/');
  }, 120_000);

  it('fires all of 1,000 pending reminders once and on time after Redis is flushed', async () => {
    // Falling due over 10 s from 20 s from now (100 a second), after the worker is back.
    const reminders = await remindersDueAt(1000, new Date(Date.now() + 20_000), 10);
    const ids = reminders.map((reminder) => reminder.id);
    // The worker stops first: a live one writes Redis on its own (stalled checks, the reconcilers' runs),
    // which could land between the flush and the check.
    await worker?.kill('SIGTERM');
    await redis.flushdb(); // every job, and the reconcilers' schedulers, gone
    expect(await redis.dbsize()).toBe(0);

    worker = startWorkerProcess(workerEnv);
    await worker.ready(); // reconciles at start: Postgres is the truth
    const readyAt = new Date();
    // Its 1,000 at least: pending reminders an earlier suite of the run left are Postgres's truth too.
    const requeued = /re-enqueued \d+ e-mail\(s\) and (\d+) reminder\(s\)/.exec(worker.output());
    expect(Number(requeued?.[1])).toBeGreaterThanOrEqual(1000);

    await until(async () => (await statuses(ids)).sent === 1000, 60_000, 'all 1000 reminders marked sent');
    const deliveries = deliveriesOf(ids);
    expect(deliveries).toHaveLength(1000);
    expect(new Set(deliveries.map((mail) => String(mail.parsed.headers.get('x-ngayhoi-reminder')))).size).toBe(1000);
    // Lateness counted from when the reminder could first fire: its due time, or the worker's start when
    // a loaded machine starts the worker after the first fell due (then they all fire at once, at start).
    const [{ p99, early }] = await t.dataSource.query(
      `SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - greatest(due_at, $2::timestamptz)) * 1000) AS p99,
              count(*) FILTER (WHERE sent_at < due_at)::int AS early
         FROM reminders WHERE id = ANY($1::uuid[])`,
      [ids, readyAt],
    );
    expect(early).toBe(0);
    // Enqueued again by the start-up reconciliation, so fired at its time — not a minute later at the
    // next scheduled reconciliation. (How late exactly is bench/reminders' business, not a test's.)
    expect(p99).toBeLessThan(15_000);
  }, 120_000);

  it('delivers every reminder once after the mail server refused connections for a while', async () => {
    await sink.stop();
    const reminders = await remindersDueAt(50, new Date());
    const ids = reminders.map((reminder) => reminder.id);
    await until(
      async () =>
        Number((await t.dataSource.query(`SELECT count(*) AS n FROM reminders WHERE id = ANY($1::uuid[]) AND last_error IS NOT NULL`, [ids]))[0].n) > 0,
      20_000,
      'a refused attempt',
    );
    expect((await statuses(ids)).sent ?? 0).toBe(0);
    await new Promise((done) => setTimeout(done, 2_000));
    await sink.start(sink.port);

    await until(async () => (await statuses(ids)).sent === 50, 60_000, 'all 50 reminders sent after the outage');
    const deliveries = deliveriesOf(ids);
    expect(deliveries).toHaveLength(50);
    expect(new Set(deliveries.map((mail) => String(mail.parsed.headers.get('x-ngayhoi-reminder')))).size).toBe(50);
  }, 90_000);

  it('sends nothing for the old time of a rescheduled venue or for a withdrawn invitation, even when their jobs fall due', async () => {
    const planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    const moving = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-05` });
    const previousVenue = venue;
    venue = moving;
    const dueSoon = new Date(Date.now() + 6_000);
    const toMove = await remindersDueAt(20, dueSoon);
    venue = previousVenue;
    const toCancel = await remindersDueAt(20, dueSoon);

    // Race the due jobs: move the venue (its reminders move with it) and withdraw the other invitations.
    await t.http
      .post(`/api/venues/${moving.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: moving.version, date: `${edition.year}-08-16`, startTime: '08:00', endTime: '11:30' })
      .expect(200);
    await Promise.all(
      toCancel.map((reminder) =>
        t.http.post(`/api/invitations/${reminder.invitationId}/withdraw`).set('Authorization', planner).send({ reason: 'Thay đổi đoàn' }).expect(202),
      ),
    );
    expect(Date.now()).toBeLessThan(dueSoon.getTime()); // the race is real only if the changes landed before the jobs fell due
    await new Promise((done) => setTimeout(done, dueSoon.getTime() - Date.now() + 4_000)); // well past the old due time

    const ids = [...toMove, ...toCancel].map((reminder) => reminder.id);
    expect(deliveriesOf(ids)).toHaveLength(0);
    const moved = await t.dataSource.query(`SELECT status, revision, due_at FROM reminders WHERE id = ANY($1::uuid[])`, [toMove.map((r) => r.id)]);
    const newDue = new Date(`${edition.year}-08-16T01:00:00.000Z`).getTime() - 120 * 60_000; // 08:00 local − 2 h
    expect(
      moved.every(
        (row: { status: string; revision: number; due_at: Date }) => row.status === 'pending' && row.revision === 2 && row.due_at.getTime() === newDue,
      ),
    ).toBe(true);
    expect(await statuses(toCancel.map((reminder) => reminder.id))).toEqual({ cancelled: 20 });
  }, 60_000);
  it('gives a reminder its first job as it comes within the horizon, re-enqueues a lost one, and one left mid-send for when its lease ends', async () => {
    const config = t.app.get(AppConfig);
    const producer = t.app.get(JobProducer);
    const horizonMs = config.REMINDER_RECONCILE_HORIZON_HOURS * 3_600_000;
    // Rows without jobs: one just come within the horizon, one due in an hour (its job lost), one a
    // worker was sending when it died after its job had completed (its lease runs another hour).
    const [arriving] = await remindersDueAt(1, new Date(Date.now() + horizonMs - 30_000), 0, false);
    const [lost] = await remindersDueAt(1, new Date(Date.now() + 3_600_000), 0, false);
    const [midSend] = await remindersDueAt(1, new Date(Date.now() - 1_000), 0, false);
    await t.dataSource.query(`UPDATE reminders SET status = 'sending', lease_until = now() + interval '1 hour' WHERE id = $1`, [midSend.id]);

    const result = await new ReconcileRemindersHandler(t.dataSource, producer, config).handle();
    expect(result.arrived).toBeGreaterThanOrEqual(1);
    expect(result.requeued).toBeGreaterThanOrEqual(2);
    const jobOf = (id: string) => producer.queue(FireReminderJob.queue).getJob(`reminder-${id}-r1`);
    for (const reminder of [arriving, lost, midSend]) expect(await jobOf(reminder.id)).toBeDefined();
    // The one mid-send fires when the lease ends, not at its due time (its sender may still answer).
    const delay = (await jobOf(midSend.id))!.opts.delay!;
    expect(delay).toBeGreaterThan(3_500_000);
    expect(delay).toBeLessThanOrEqual(3_600_000);
    // A second run leaves their jobs as they are (other suites' reminders share the database, so its
    // counts are not this test's to assert).
    const jobTimestamps = async () => Promise.all([arriving, lost, midSend].map(async (reminder) => (await jobOf(reminder.id))?.timestamp));
    const first = await jobTimestamps();
    await new ReconcileRemindersHandler(t.dataSource, producer, config).handle();
    expect(await jobTimestamps()).toEqual(first);
    await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [[arriving.id, lost.id, midSend.id]]);
  });
});
