import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Role } from '@app/auth';
import { Notifier } from '@app/common';
import { addDays, instantToLocalDate, localToInstant } from '@app/common';
import { Edition } from '@app/editions/edition.entity';
import { NotificationEmailTickHandler, NotificationEmailTickJob } from '@app/notifications';
import { JobProducer } from '@app/queue';
import { TEST_ENV } from './test-env';
import { createEdition, createUser, createVenue } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

type User = { id: string; email: string };

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

const kindOf = (mail: ReceivedMail) => mail.parsed.headers.get('x-ngayhoi-notification-email');

describe('Notification e-mails (preferences, immediate e-mails, the daily digest with two workers)', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  const workers: INestApplicationContext[] = [];
  let edition: Edition;
  let planner: User;
  let chooser: User;
  let organizer: User;
  let viewer: User;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    await sink.start();
    t = await createTestApp();
    // Digest hour 0: the digest of today (local) is due whenever the test runs, covering yesterday.
    for (let i = 0; i < 2; i += 1) workers.push(await createTestWorker({ SMTP_URL: sink.url, NOTIFICATION_DIGEST_HOUR: '0' }));
    edition = await createEdition(t.dataSource);
    planner = await createUser(t.dataSource, Role.CentralPlanner);
    chooser = await createUser(t.dataSource, Role.CentralPlanner);
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    viewer = await createUser(t.dataSource, Role.Viewer);
    for (const user of [planner, chooser, organizer, viewer]) bearer[user.id] = `Bearer ${await t.tokenFor(user)}`;
  });
  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await t.close();
    await sink.stop();
  });

  const preferences = (user: User) => t.http.get('/api/notifications/preferences').set('Authorization', bearer[user.id]);
  const save = (user: User, body: Record<string, unknown>) => t.http.put('/api/notifications/preferences').set('Authorization', bearer[user.id]).send(body);
  const outboxOf = (userId: string): Promise<Array<{ status: string; notification_id: string | null; digest_date: string | null }>> =>
    t.dataSource.query(`SELECT status, notification_id, digest_date::text AS digest_date FROM notification_emails WHERE user_id = $1`, [userId]);
  const settled = async (...users: User[]) =>
    until(async () => {
      const [{ open }] = await t.dataSource.query(
        `SELECT count(*)::int AS open FROM notification_emails WHERE user_id = ANY($1) AND status IN ('pending', 'sending')`,
        [users.map((user) => user.id)],
      );
      return open === 0;
    }, 'the outbox of these accounts to be sent');

  describe('preferences', () => {
    it("answers the role's defaults while none are saved: the digest for planners and organizers, not viewers; nothing at once", async () => {
      const mine = (await preferences(planner).expect(200)).body;
      expect(mine).toMatchObject({ dailyDigest: true, immediateKinds: [], version: null, digestHour: expect.any(Number) });
      expect(mine.availableKinds).toEqual(expect.arrayContaining(['venue_nominated', 'planning_run_failed', 'task_overdue']));
      expect(mine.availableKinds).not.toContain('venue_approved');
      expect((await preferences(organizer).expect(200)).body).toMatchObject({ dailyDigest: true, immediateKinds: [] });
      expect((await preferences(organizer).expect(200)).body.availableKinds).not.toContain('venue_nominated');
      expect((await preferences(viewer).expect(200)).body).toMatchObject({ dailyDigest: false, availableKinds: [] });
      await t.http.get('/api/notifications/preferences').expect(401);
    });

    it('refuses unknown kinds, kinds the role never receives, missing and unknown fields with 400 and the usual body', async () => {
      const unknown = await save(planner, { dailyDigest: true, immediateKinds: ['venue_exploded'] }).expect(400);
      expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
      expect(JSON.stringify(unknown.body.details)).toContain('immediateKinds');
      const foreign = await save(organizer, { dailyDigest: true, immediateKinds: ['venue_nominated'] }).expect(400);
      expect(foreign.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(foreign.body.details)).toContain('venue_nominated');
      await save(planner, { immediateKinds: [] }).expect(400);
      await save(planner, { dailyDigest: 'yes', immediateKinds: [] }).expect(400);
      await save(planner, { dailyDigest: true, immediateKinds: 'venue_nominated' }).expect(400);
      await save(planner, { dailyDigest: true, immediateKinds: [], colour: 'đỏ' }).expect(400);
      await save(planner, { dailyDigest: true, immediateKinds: [], version: 0 }).expect(400);
      expect((await preferences(planner).expect(200)).body.version).toBeNull(); // nothing was saved
    });

    it('saves, answers the same PUT again unchanged, and needs the version read for a change (428 without, 409 stale)', async () => {
      const first = (await save(organizer, { dailyDigest: true, immediateKinds: ['venue_cancelled', 'task_blocked'] }).expect(200)).body;
      // Stored as a set, in the kinds' own order.
      expect(first).toMatchObject({ dailyDigest: true, immediateKinds: ['venue_cancelled', 'task_blocked'], version: 1 });
      // The same again (kinds in another order), with or without a version: nothing changes.
      expect((await save(organizer, { dailyDigest: true, immediateKinds: ['task_blocked', 'venue_cancelled'] }).expect(200)).body.version).toBe(1);
      expect((await save(organizer, { dailyDigest: true, immediateKinds: ['venue_cancelled', 'task_blocked'], version: 1 }).expect(200)).body.version).toBe(1);
      const missing = await save(organizer, { dailyDigest: false, immediateKinds: [] }).expect(428);
      expect(missing.body.code).toBe('VERSION_REQUIRED');
      const changed = (await save(organizer, { dailyDigest: false, immediateKinds: [], version: 1 }).expect(200)).body;
      expect(changed).toMatchObject({ dailyDigest: false, immediateKinds: [], version: 2 });
      const stale = await save(organizer, { dailyDigest: true, immediateKinds: [], version: 1 }).expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      expect((await preferences(organizer).expect(200)).body).toMatchObject({ dailyDigest: false, version: 2 });
      const audited = await t.dataSource.query(
        `SELECT action, changes FROM audit_entries WHERE entity_type = 'notification_preferences' AND entity_id = $1 ORDER BY id`,
        [organizer.id],
      );
      expect(audited.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update']);
    });
  });

  it('e-mails a new entry at once only to the readers who chose its kind, with a link to its console page', async () => {
    await save(chooser, { dailyDigest: true, immediateKinds: ['venue_nominated'] }).expect(200);
    const nominator = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    const created = await t.http
      .post('/api/venues')
      .set('Authorization', `Bearer ${await t.tokenFor(nominator)}`)
      .send({
        editionId: edition.id,
        name: 'Điểm bản Nà Tăm',
        tier: 'provincial',
        provinceCode: '12',
        communeName: 'Xã Bản Bo',
        hostKind: 'ban',
        address: 'Bản Nà Tăm, xã Bản Bo',
        latitude: 22.3,
        longitude: 103.4,
        expectedAttendance: 200,
        candidateDates: [`${edition.year}-08-12`],
      })
      .expect(201);
    const [notification] = await t.dataSource.query(`SELECT id FROM notifications WHERE user_id = $1 AND subject_id = $2`, [chooser.id, created.body.id]);
    expect(notification).toBeDefined();
    const [mail] = await sink.waitFor(
      1,
      (received) => kindOf(received) === 'immediate' && received.parsed.headers.get('x-ngayhoi-notification') === notification.id,
    );
    expect(sink.to(chooser.email)).toContain(mail);
    expect(mail.parsed.subject).toBe('[Ngày hội] Lai Châu đề xuất điểm “Điểm bản Nà Tăm”');
    expect(mail.parsed.text).toContain(`${TEST_ENV.PUBLIC_BASE_URL}/diem/${created.body.id}`);
    expect(mail.parsed.text).toContain('Kính gửi: Người dùng thử central_planner.');
    expect(mail.parsed.html).toContain(`href="${TEST_ENV.PUBLIC_BASE_URL}/diem/${created.body.id}"`);
    // The other planner holds the same notification but chose nothing: no outbox row, no e-mail.
    expect(await t.dataSource.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND subject_id = $2`, [planner.id, created.body.id])).toHaveLength(1);
    await settled(chooser, planner);
    expect(await outboxOf(planner.id)).toEqual([]);
    expect(sink.to(planner.email).filter((received) => kindOf(received) === 'immediate')).toEqual([]);
    // Nobody at all was e-mailed about it but the one who chose the kind.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notification_emails e JOIN notifications n ON n.id = e.notification_id WHERE n.subject_id = $1`,
      [created.body.id],
    );
    expect(n).toBe(1);
  });

  it('e-mails nothing for a change that rolled back, and a grouped overdue entry once when first written, not per task', async () => {
    const notifier = t.app.get(Notifier);
    const venue = await createVenue(t.dataSource, edition, '12');
    await expect(
      t.dataSource.transaction(async (manager) => {
        await notifier.notify(manager, { kind: 'venue_nominated', venueId: venue.id, actorId: organizer.id }, null);
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    const [{ rolledBack }] = await t.dataSource.query(
      `SELECT count(*)::int AS "rolledBack" FROM notification_emails e JOIN notifications n ON n.id = e.notification_id WHERE n.subject_id = $1`,
      [venue.id],
    );
    expect(rolledBack).toBe(0);

    const overdue = await createUser(t.dataSource, Role.CentralPlanner);
    bearer[overdue.id] = `Bearer ${await t.tokenFor(overdue)}`;
    await save(overdue, { dailyDigest: true, immediateKinds: ['task_overdue'] }).expect(200);
    // Three tasks of the same province escalated the same day: one grouped entry, raised in place.
    for (let task = 0; task < 3; task += 1) {
      await notifier.notify(t.dataSource.manager, { kind: 'task_overdue', venueId: venue.id, taskId: randomUUID(), audience: 'planners' }, null);
    }
    // The entry is the planners' of Lai Châu today: an earlier suite of the run may have counted tasks in it already.
    const [entry] = await t.dataSource.query(`SELECT id, item_count FROM notifications WHERE user_id = $1 AND kind = 'task_overdue'`, [overdue.id]);
    const [{ counted }] = await t.dataSource.query(
      `SELECT count(*)::int AS counted FROM notification_group_items WHERE group_key = (SELECT group_key FROM notifications WHERE id = $1)`,
      [entry.id],
    );
    expect(entry.item_count).toBe(counted);
    expect(counted).toBeGreaterThanOrEqual(3);
    const [mail] = await sink.waitFor(1, (received) => received.parsed.headers.get('x-ngayhoi-notification') === entry.id);
    expect(mail.parsed.subject).toMatch(/^\[Ngày hội\] \d+ việc quá hạn ở Lai Châu$/);
    expect(mail.parsed.text).toContain(`${TEST_ENV.PUBLIC_BASE_URL}/san-sang?tinh=12`);
    await settled(overdue);
    expect(await outboxOf(overdue.id)).toEqual([{ status: 'sent', notification_id: entry.id, digest_date: null }]);
    expect(sink.to(overdue.email).filter((received) => kindOf(received) === 'immediate')).toHaveLength(1);
  });

  it('sends an outbox e-mail whose job Redis never got (an API that died after commit) at the next tick', async () => {
    const lost = await createUser(t.dataSource, Role.CentralPlanner);
    const [entry] = await t.dataSource.query(
      `INSERT INTO notifications (user_id, kind, title, link) VALUES ($1, 'planning_run_failed', 'Lập phương án phân công bị lỗi', '/lap-ke-hoach') RETURNING id`,
      [lost.id],
    );
    await t.dataSource.query(`INSERT INTO notification_emails (user_id, notification_id) VALUES ($1, $2)`, [lost.id, entry.id]);
    const { requeued } = await workers[0].get(NotificationEmailTickHandler).handle({});
    expect(requeued).toBeGreaterThanOrEqual(1);
    const [mail] = await sink.waitFor(1, (received) => received.parsed.headers.get('x-ngayhoi-notification') === entry.id);
    expect(mail.parsed.subject).toBe('[Ngày hội] Lập phương án phân công bị lỗi');
    expect(mail.parsed.text).toContain(`${TEST_ENV.PUBLIC_BASE_URL}/lap-ke-hoach`);
    await settled(lost);
    expect(await outboxOf(lost.id)).toEqual([{ status: 'sent', notification_id: entry.id, digest_date: null }]);
  });

  it('sends the digest once per account and local day with two workers both running the scheduled job, and none when nothing is unread', async () => {
    const today = instantToLocalDate(new Date());
    const yesterdayEvening = localToInstant(addDays(today, -1), '21:30'); // inside the window of today's digest at hour 0
    const digester = await createUser(t.dataSource, Role.CentralPlanner);
    const allRead = await createUser(t.dataSource, Role.CentralPlanner);
    const optedOut = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    bearer[optedOut.id] = `Bearer ${await t.tokenFor(optedOut)}`;
    await save(optedOut, { dailyDigest: false, immediateKinds: [] }).expect(200);
    const entry = (userId: string, title: string, read = false, extra: { groupKey?: string; count?: number } = {}) =>
      t.dataSource.query(
        `INSERT INTO notifications (user_id, kind, title, body, link, group_key, item_count, read_at, created_at, updated_at)
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $8)`,
        [
          userId,
          extra.groupKey ? 'task_overdue' : 'venue_nominated',
          title,
          extra.groupKey ? '/san-sang?tinh=12' : '/diem/00000000-0000-4000-8000-000000000001',
          extra.groupKey ?? null,
          extra.count ?? 1,
          read ? yesterdayEvening : null,
          yesterdayEvening,
        ],
      );
    await entry(digester.id, '37 việc quá hạn ở Lai Châu', false, { groupKey: `task_overdue|planners|12|${addDays(today, -1)}|${digester.id}`, count: 37 });
    await entry(digester.id, 'Lai Châu đề xuất điểm “Bản Hon”');
    await entry(digester.id, 'Đã đọc rồi', true);
    await entry(allRead.id, 'Lai Châu đề xuất điểm “Bản Giang”', true);
    await entry(optedOut.id, 'Điểm “Bản Lướt” đã được phê duyệt');

    // The scheduler fires on both workers at once, twice, and once more through the queue each.
    for (let round = 0; round < 2; round += 1) await Promise.all(workers.map((worker) => worker.get(NotificationEmailTickHandler).handle({})));
    const producer = t.app.get(JobProducer);
    await producer.enqueue(NotificationEmailTickJob, {});
    await producer.enqueue(NotificationEmailTickJob, {});
    const [digest] = await sink.waitFor(1, (mail) => kindOf(mail) === 'digest' && sink.to(digester.email).includes(mail));
    await until(
      async () => (await producer.queue(NotificationEmailTickJob.queue).getJobCounts('waiting', 'active', 'delayed')).waiting === 0,
      'the queued ticks to run',
    );
    await Promise.all(workers.map((worker) => worker.get(NotificationEmailTickHandler).handle({})));
    await settled(digester, allRead, optedOut);

    const digests = (user: User) => sink.to(user.email).filter((mail) => kindOf(mail) === 'digest');
    expect(digests(digester)).toEqual([digest]);
    expect(digest.parsed.headers.get('x-ngayhoi-digest-date')).toBe(today);
    const [y, m, d] = today.split('-');
    expect(digest.parsed.subject).toBe(`[Ngày hội] Tổng hợp thông báo ngày ${d}/${m}/${y}: 2 thông báo chưa đọc`);
    expect(digest.parsed.text).toContain('37 việc quá hạn ở Lai Châu');
    expect(digest.parsed.text).toContain('Lai Châu đề xuất điểm “Bản Hon”');
    expect(digest.parsed.text).not.toContain('Đã đọc rồi');
    expect(digest.parsed.text).toContain(`${TEST_ENV.PUBLIC_BASE_URL}/san-sang?tinh=12`);
    expect(await outboxOf(digester.id)).toEqual([{ status: 'sent', notification_id: null, digest_date: today }]);
    // Nothing unread: no e-mail (and no outbox row); the digest turned off: none either.
    expect(digests(allRead)).toEqual([]);
    expect(await outboxOf(allRead.id)).toEqual([]);
    expect(digests(optedOut)).toEqual([]);
    expect(await outboxOf(optedOut.id)).toEqual([]);
  });
});
