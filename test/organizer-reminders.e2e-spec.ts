/**
 * Organizer reminders end to end: planned from logistics changes in the same transaction (task
 * deadlines, overdue escalation, venue key dates), following the policy, and sent by the real worker
 * (a child process) through a real SMTP sink to the recipients resolved at send time.
 */
import Redis from 'ioredis';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { JobProducer } from '@app/queue';
import { addDays, todayInFestivalZone } from '@app/common';
import { AppConfig } from '@app/config';
import { FireReminderJob, nextSlot, ReconcileRemindersHandler } from '@app/reminders';
import { createEdition, createUser, createVenue } from './utils/factories';
import { SmtpSink } from './utils/smtp-sink';
import { ownRedisUrl, TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { startWorkerProcess, WorkerProcess } from './utils/worker-process';

const REDIS_URL = ownRedisUrl(13);

interface ReminderRow {
  id: string;
  kind: string;
  subject_id: string;
  recipient_group: string | null;
  recipient_email: string | null;
  offset_minutes: number;
  due_at: Date;
  status: string;
  revision: number;
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

describe('Organizer reminders: task deadlines, escalation, venue key dates', () => {
  const sink = new SmtpSink();
  const redis = new Redis(REDIS_URL);
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let worker: WorkerProcess | undefined;
  const emails = { organizer: '', otherOrganizer: '', inactive: '', otherProvince: '', planner: '' };
  /** A province no other test (or the demo seed) gave accounts to, so its organizers are exactly ours. */
  let province: string;

  beforeAll(async () => {
    redis.on('error', () => undefined);
    await redis.flushdb();
    await sink.start();
    t = await createTestApp({ REDIS_URL });
    edition = await createEdition(t.dataSource);
    const plannerUser = await createUser(t.dataSource, Role.CentralPlanner);
    planner = `Bearer ${await t.tokenFor(plannerUser)}`;
    emails.planner = plannerUser.email;
    [{ code: province }] = await t.dataSource.query(
      `SELECT p.code FROM provinces p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.province_code = p.code) AND p.code <> '66' ORDER BY p.code DESC LIMIT 1`,
    );
    emails.organizer = (await createUser(t.dataSource, Role.ProvincialOrganizer, province)).email;
    emails.otherOrganizer = (await createUser(t.dataSource, Role.ProvincialOrganizer, province)).email;
    emails.inactive = (await createUser(t.dataSource, Role.ProvincialOrganizer, province, { active: false })).email;
    emails.otherProvince = (await createUser(t.dataSource, Role.ProvincialOrganizer, '66')).email;
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await t.close();
    await sink.stop();
    await redis.flushdb();
    await redis.quit();
  });

  const remindersOf = async (subjectIds: string[], status?: string): Promise<ReminderRow[]> =>
    t.dataSource.query(
      `SELECT id, kind, subject_id, recipient_group, recipient_email, offset_minutes, due_at, status, revision FROM reminders
        WHERE subject_id = ANY($1::uuid[]) AND ($2::text IS NULL OR status::text = $2) ORDER BY due_at, kind`,
      [subjectIds, status ?? null],
    );
  const transition = async (venueId: string, body: Record<string, unknown>) =>
    (await t.http.post(`/api/venues/${venueId}/transitions`).set('Authorization', planner).send(body).expect(200)).body;
  const tasksOf = async (venueId: string) => (await t.http.get(`/api/venues/${venueId}/tasks`).set('Authorization', planner).expect(200)).body;
  /** Bring one reminder's moment to now (as the clock would) and hand its job to the worker. */
  const fireNow = async (reminderId: string) => {
    const [[row]] = await t.dataSource.query(`UPDATE reminders SET due_at = now(), revision = revision + 1 WHERE id = $1 RETURNING id, revision, due_at`, [
      reminderId,
    ]);
    await t.app.get(JobProducer).enqueue(FireReminderJob, { reminderId: row.id, revision: row.revision, dueAt: new Date(row.due_at).getTime() });
  };
  const mailFor = (reminderId: string) => sink.withHeader('X-Ngayhoi-Reminder').filter((mail) => mail.parsed.headers.get('x-ngayhoi-reminder') === reminderId);
  const recipientsOf = (reminderId: string) =>
    mailFor(reminderId)
      .flatMap((mail) => [mail.parsed.to].flat())
      .flatMap((to) => to?.value ?? [])
      .map((address) => address.address)
      .sort();

  it('plans deadline reminders and escalations for every dated task when a venue is approved, in local time', async () => {
    const venue = await createVenue(t.dataSource, edition, province, { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-15`] });
    await transition(venue.id, { to: 'approved', version: venue.version });
    const tasks: { id: string; templateCode: string; dueDate: string }[] = await tasksOf(venue.id);
    const security = tasks.find((task) => task.templateCode === 'phuong-an-bao-ve')!;
    expect(security.dueDate).toBe(`${edition.year}-07-16`);

    const reminders = await remindersOf([security.id]);
    expect(reminders.map((r) => [r.kind, new Date(r.due_at).toISOString(), r.recipient_group, r.status])).toEqual([
      ['task_deadline', `${edition.year}-07-13T01:00:00.000Z`, `province:${province}`, 'pending'], // 08:00 local, 3 days before
      ['task_deadline', `${edition.year}-07-15T01:00:00.000Z`, `province:${province}`, 'pending'],
      ['task_deadline', `${edition.year}-07-16T01:00:00.000Z`, `province:${province}`, 'pending'], // on the day
      ['task_overdue', `${edition.year}-07-17T10:00:00.000Z`, `province:${province}`, 'pending'], // 17:00 deadline + 24 h
      ['task_overdue', `${edition.year}-07-18T10:00:00.000Z`, 'planners', 'pending'], // + 48 h: the centre
    ]);
    expect(reminders.every((r) => r.recipient_email === null)).toBe(true);
    const all = await remindersOf(
      tasks.map((task) => task.id),
      'pending',
    );
    expect(all).toHaveLength(tasks.length * 5);
    // Due years ahead, beyond the horizon (48 h): rows only, no delayed job in Redis yet…
    const producer = t.app.get(JobProducer);
    const jobsOf = (rows: typeof all) => rows.map((r) => ({ reminderId: r.id, revision: r.revision, dueAt: new Date(r.due_at).getTime() }));
    expect(await producer.missingJobs(FireReminderJob, jobsOf(all))).toHaveLength(all.length);
    // …until they come within it: then the reconciler's run enqueues every one (a horizon reaching them stands in for the wait).
    const reachingThem = Object.assign(Object.create(AppConfig.prototype) as AppConfig, t.app.get(AppConfig), {
      REMINDER_RECONCILE_HORIZON_HOURS: Math.ceil((new Date(`${edition.year + 1}-01-01`).getTime() - Date.now()) / 3_600_000),
    });
    const reconciled = await new ReconcileRemindersHandler(t.dataSource, producer, reachingThem).handle();
    expect(reconciled.requeued + reconciled.arrived).toBeGreaterThanOrEqual(all.length);
    expect(await producer.missingJobs(FireReminderJob, jobsOf(all))).toEqual([]);
    // Approved but not scheduled: no festival-day reminders yet.
    expect(await remindersOf([venue.id])).toEqual([]);
  });

  it('follows the task: done cancels, reopened plans again, a new due date moves them', async () => {
    const venue = await createVenue(t.dataSource, edition, province, { scheduleOn: `${edition.year}-08-10` });
    const task = (
      await t.http
        .post(`/api/venues/${venue.id}/tasks`)
        .set('Authorization', planner)
        .send({ title: 'Dựng sân khấu', responsibleUnit: 'Phòng Hậu cần', offsetDays: -7 })
        .expect(201)
    ).body;
    expect(await remindersOf([task.id], 'pending')).toHaveLength(5);

    const done = (
      await t.http.patch(`/api/venues/${venue.id}/tasks/${task.id}`).set('Authorization', planner).send({ version: task.version, status: 'done' }).expect(200)
    ).body;
    expect(await remindersOf([task.id], 'pending')).toEqual([]);
    expect(await remindersOf([task.id], 'cancelled')).toHaveLength(5);

    const reopened = (
      await t.http
        .patch(`/api/venues/${venue.id}/tasks/${task.id}`)
        .set('Authorization', planner)
        .send({ version: done.version, status: 'in_progress' })
        .expect(200)
    ).body;
    expect(await remindersOf([task.id], 'pending')).toHaveLength(5);

    await t.http
      .patch(`/api/venues/${venue.id}/tasks/${task.id}`)
      .set('Authorization', planner)
      .send({ version: reopened.version, dueDate: `${edition.year}-07-20` })
      .expect(200);
    const moved = await remindersOf([task.id], 'pending');
    expect(moved).toHaveLength(5);
    expect(new Date(moved[0].due_at).toISOString()).toBe(`${edition.year}-07-17T01:00:00.000Z`);
    expect(moved.every((r) => r.revision >= 3)).toBe(true);
  });

  it('plans festival-day reminders for a scheduled venue, moves them with its date and drops them all when it is cancelled', async () => {
    const venue = await createVenue(t.dataSource, edition, province, {
      status: 'shortlisted' as never,
      candidateDates: [`${edition.year}-08-12`, `${edition.year}-08-14`],
    });
    const approved = await transition(venue.id, { to: 'approved', version: venue.version });
    const scheduled = await transition(venue.id, {
      to: 'scheduled',
      version: approved.version,
      date: `${edition.year}-08-14`,
      startTime: '07:30',
      endTime: '11:30',
    });
    const keyDates = await remindersOf([venue.id], 'pending');
    expect(keyDates.map((r) => [r.kind, new Date(r.due_at).toISOString(), r.recipient_group])).toEqual([
      ['venue_key_date', `${edition.year}-08-07T01:00:00.000Z`, `province:${province}`],
      ['venue_key_date', `${edition.year}-08-13T01:00:00.000Z`, `province:${province}`],
    ]);
    const tasks: { id: string; templateCode: string; dueDate: string }[] = await tasksOf(venue.id);
    const rehearsal = tasks.find((task) => task.templateCode === 'tong-duyet')!;
    expect(rehearsal.dueDate).toBe(`${edition.year}-08-13`);
    expect(new Date((await remindersOf([rehearsal.id], 'pending'))[0].due_at).toISOString()).toBe(`${edition.year}-08-10T01:00:00.000Z`);

    await transition(venue.id, { to: 'cancelled', version: scheduled.version, reason: 'Thiên tai' });
    expect(await remindersOf([venue.id, ...tasks.map((task) => task.id)], 'pending')).toEqual([]);
  });

  it('re-plans the whole edition when planners change the policy', async () => {
    const venue = await createVenue(t.dataSource, edition, province, { scheduleOn: `${edition.year}-08-05` });
    const task = (
      await t.http
        .post(`/api/venues/${venue.id}/tasks`)
        .set('Authorization', planner)
        .send({ title: 'Tổ y tế trực', responsibleUnit: 'Trung tâm y tế', offsetDays: -3 })
        .expect(201)
    ).body;
    const before = await t.http.get(`/api/editions/${edition.id}/reminder-policy`).set('Authorization', planner).expect(200);
    expect(before.body).toMatchObject({ taskOffsetsDays: [3, 1, 0], venueOffsetsDays: [7, 1], escalationHours: 24, isDefault: true });

    const bad = await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ taskOffsetsDays: [-1], escalationHours: 'x' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const saved = await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ taskOffsetsDays: [2], escalationHours: 0 })
      .expect(200);
    expect(saved.body).toMatchObject({
      taskOffsetsDays: [2],
      venueOffsetsDays: [7, 1],
      escalationHours: 0,
      delegateOffsetsMinutes: [10080, 1440, 120],
      isDefault: false,
    });
    const pending = await remindersOf([task.id], 'pending');
    expect(pending.map((r) => [r.kind, new Date(r.due_at).toISOString()])).toEqual([['task_deadline', `${edition.year}-07-31T01:00:00.000Z`]]);
    expect((await remindersOf([task.id], 'cancelled')).map((r) => r.kind).sort()).toEqual([
      'task_deadline',
      'task_deadline',
      'task_deadline',
      'task_overdue',
      'task_overdue',
    ]);
    await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ taskOffsetsDays: [3, 1, 0], escalationHours: 24, version: saved.body.version })
      .expect(200);
    expect(await remindersOf([task.id], 'pending')).toHaveLength(5);
  });

  it("sends them through the worker to today's active organizers of the province, and escalations to the centre", async () => {
    const venue = await createVenue(t.dataSource, edition, province, { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-18`] });
    const approved = await transition(venue.id, { to: 'approved', version: venue.version });
    await transition(venue.id, { to: 'scheduled', version: approved.version, date: `${edition.year}-08-18`, startTime: '07:30', endTime: '11:30' });
    const task = (
      await t.http
        .post(`/api/venues/${venue.id}/tasks`)
        .set('Authorization', planner)
        .send({ title: 'Phương án bảo vệ', responsibleUnit: 'Công an tỉnh', offsetDays: -10, ownerName: 'Đại úy Lò Văn Sáng' })
        .expect(201)
    ).body;
    const reminders = await remindersOf([task.id], 'pending');
    const deadline = reminders.find((r) => r.kind === 'task_deadline')!;
    const toCentre = reminders.find((r) => r.recipient_group === 'planners')!;
    const keyDate = (await remindersOf([venue.id], 'pending'))[0];

    worker = startWorkerProcess({ ...TEST_ENV, REDIS_URL, SMTP_URL: sink.url, LOG_LEVEL: 'info' });
    await worker.ready();
    for (const reminder of [deadline, toCentre, keyDate]) await fireNow(reminder.id);
    await until(async () => (await remindersOf([task.id, venue.id], 'sent')).length === 3, 20_000, 'three reminders sent');

    expect(recipientsOf(deadline.id)).toEqual([emails.organizer, emails.otherOrganizer].sort()); // not the inactive one, not Đắk Lắk's
    const [deadlineMail] = mailFor(deadline.id);
    expect(deadlineMail.parsed.subject).toBe(`[Ngày hội ${edition.year}] Nhắc hạn công việc: Phương án bảo vệ — ${venue.name} (hạn 08/08/${edition.year})`);
    expect(deadlineMail.parsed.text).toContain(`- Hạn hoàn thành: 17:00 ngày 08/08/${edition.year} (giờ Việt Nam)`);
    expect(deadlineMail.parsed.text).toContain('- Người phụ trách: Đại úy Lò Văn Sáng');
    expect(deadlineMail.parsed.text).toContain(`${TEST_ENV.PUBLIC_BASE_URL}/diem/${venue.id}?viec=${task.id}#nhiem-vu`);

    expect(recipientsOf(toCentre.id)).toContain(emails.planner);
    expect(recipientsOf(toCentre.id)).not.toContain(emails.organizer);
    expect(mailFor(toCentre.id)[0].parsed.subject).toContain('Báo cáo công việc quá hạn tại');
    // The escalation also reaches the planners' inboxes, grouped per province and day (issue 17); not the organizers'.
    const inboxes = await t.dataSource.query(
      `SELECT u.email, n.item_count, n.link FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'task_overdue' AND n.group_key LIKE $1`,
      [`task_overdue|%|${province}|%`],
    );
    expect(inboxes.map((row: { email: string }) => row.email)).toContain(emails.planner);
    expect(inboxes.map((row: { email: string }) => row.email)).not.toContain(emails.organizer);
    expect(inboxes[0]).toMatchObject({ item_count: 1, link: `/san-sang?tinh=${province}` });

    const [keyDateMail] = mailFor(keyDate.id);
    expect(keyDateMail.parsed.subject).toBe(`[Ngày hội ${edition.year}] Còn 7 ngày đến Ngày hội tại ${venue.name} (18/08/${edition.year})`);
    expect(keyDateMail.parsed.text).toContain('- Chuẩn bị: đã hoàn thành 0% khối lượng công việc; còn 12 việc chưa xong, 0 việc quá hạn, 0 việc vướng mắc.');
  }, 60_000);

  it("sends a province's reminder to the centre when the province has no organizer account, greeting the planners and saying what they are asked to do", async () => {
    const [{ code }] = await t.dataSource.query(
      `SELECT p.code FROM provinces p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.role = 'provincial_organizer' AND u.province_code = p.code AND u.active) ORDER BY p.code LIMIT 1`,
    );
    const venue = await createVenue(t.dataSource, edition, code, { scheduleOn: `${edition.year}-08-16` });
    const task = (
      await t.http
        .post(`/api/venues/${venue.id}/tasks`)
        .set('Authorization', planner)
        .send({ title: 'Quà tặng', responsibleUnit: 'Mặt trận', offsetDays: -5 })
        .expect(201)
    ).body;
    const [reminder] = await remindersOf([task.id], 'pending');
    expect(reminder.recipient_group).toBe(`province:${code}`);
    await fireNow(reminder.id);
    await until(async () => mailFor(reminder.id).length === 1, 20_000, 'the reminder delivered');
    expect(recipientsOf(reminder.id)).toContain(emails.planner);
    const text = mailFor(reminder.id)[0].parsed.text!;
    // It greets the planners who read it, says why it reached them and what they are asked to do.
    expect(text).toContain('Kính gửi: Ban Chỉ đạo Trung ương (Cục Xây dựng phong trào bảo vệ An ninh Tổ quốc).');
    expect(text).not.toContain('Kính gửi: Ban Tổ chức Ngày hội');
    expect(text).toMatch(/chưa có tài khoản Ban Tổ chức trên hệ thống, nên thư nhắc gửi Ban Tổ chức Ngày hội .+ được chuyển đến Ban Chỉ đạo Trung ương\./);
    expect(text).toMatch(
      /Đề nghị Ban Chỉ đạo: \(1\) thông báo cho Ban Tổ chức Ngày hội .+ để hoàn thành công việc dưới đây đúng hạn; \(2\) tạo tài khoản Ban Tổ chức/,
    );
  }, 30_000);

  /** The slot a late escalation planned between `before` and now may have taken (a slot boundary may pass meanwhile). */
  const slotsBetween = (before: Date) => [nextSlot(before).toISOString(), nextSlot(new Date()).toISOString()];
  const localToday = () => todayInFestivalZone();

  it('escalates at the next slot the tasks already overdue when their venue is approved late, once', async () => {
    const venue = await createVenue(t.dataSource, edition, province, { status: 'shortlisted' as never, candidateDates: [addDays(localToday(), 10)] });
    const before = new Date();
    await transition(venue.id, { to: 'approved', version: venue.version });
    const tasks: { id: string; templateCode: string; dueDate: string; status: string }[] = await tasksOf(venue.id);
    const overdue = tasks.filter((task) => task.dueDate < localToday());
    expect(overdue.length).toBeGreaterThan(0);
    // Readiness calls it late; until issue 17 its overdue tasks had no reminder at all.
    const readiness = (await t.http.get(`/api/venues/${venue.id}/readiness`).set('Authorization', planner).expect(200)).body;
    expect(readiness).toMatchObject({ status: 'late', overdue: overdue.length });

    const security = overdue.find((task) => task.templateCode === 'phuong-an-bao-ve') ?? overdue[0];
    const escalations = (await remindersOf([security.id])).filter((r) => r.kind === 'task_overdue');
    expect(escalations.map((r) => [r.recipient_group, r.status])).toEqual([
      [`province:${province}`, 'pending'],
      ['planners', 'pending'],
    ]);
    const [toProvince, toCentre] = escalations;
    expect(slotsBetween(before)).toContain(new Date(toProvince.due_at).toISOString());
    // The centre hears 24 h (the policy's delay) after the province, not at the same slot.
    expect(new Date(toCentre.due_at).getTime() - new Date(toProvince.due_at).getTime()).toBe(24 * 3_600_000);
    // Every overdue task has its escalation, every one with its delayed job.
    const all = (
      await remindersOf(
        overdue.map((task) => task.id),
        'pending',
      )
    ).filter((r) => r.kind === 'task_overdue');
    expect(all).toHaveLength(overdue.length * 2);
    expect(
      await t.app.get(JobProducer).missingJobs(
        FireReminderJob,
        all.map((r) => ({ reminderId: r.id, revision: r.revision, dueAt: new Date(r.due_at).getTime() })),
      ),
    ).toEqual([]);

    // Sent by the real worker (its slot brought to now, as the clock would)…
    worker ??= startWorkerProcess({ ...TEST_ENV, REDIS_URL, SMTP_URL: sink.url, LOG_LEVEL: 'info' });
    await worker.ready();
    await fireNow(toProvince.id);
    await until(async () => (await remindersOf([security.id], 'sent')).length === 1, 20_000, 'the late escalation sent');
    expect(recipientsOf(toProvince.id)).toEqual([emails.organizer, emails.otherOrganizer].sort());
    expect(mailFor(toProvince.id)[0].parsed.text).toMatch(/Công việc dưới đây đã quá hạn \d+ ngày mà chưa hoàn thành/);

    // …and not again when the task is re-planned (another change to it): the centre's step keeps its moment.
    await t.http
      .patch(`/api/venues/${venue.id}/tasks/${security.id}`)
      .set('Authorization', planner)
      .send({ version: (await tasksOf(venue.id)).find((task: { id: string }) => task.id === security.id).version, ownerName: 'Thượng úy Hà Văn Lực' })
      .expect(200);
    const after = await remindersOf([security.id]);
    expect(after.find((r) => r.id === toProvince.id)).toMatchObject({ status: 'sent' });
    expect(after.find((r) => r.id === toCentre.id)).toMatchObject({ status: 'pending', revision: toCentre.revision, due_at: toCentre.due_at });
    expect(mailFor(toProvince.id)).toHaveLength(1);
  }, 60_000);

  it('sends at the next slot an escalation a policy change moved into the past', async () => {
    const own = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, own, province, { scheduleOn: addDays(localToday(), 3) });
    const lax = await t.http
      .put(`/api/editions/${own.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ escalationHours: 10 * 24 })
      .expect(200);
    // Due 3 days ago: with a 10-day delay its escalation is still a week ahead.
    const task = (
      await t.http
        .post(`/api/venues/${venue.id}/tasks`)
        .set('Authorization', planner)
        .send({ title: 'Băng rôn, khẩu hiệu', responsibleUnit: 'Đoàn Thanh niên', offsetDays: -6 })
        .expect(201)
    ).body;
    expect(task.dueDate).toBe(addDays(localToday(), -3));
    const [pendingBefore] = (await remindersOf([task.id], 'pending')).filter((r) => r.kind === 'task_overdue');
    expect(pendingBefore).toMatchObject({ recipient_group: `province:${province}`, offset_minutes: -14400 });
    expect(new Date(pendingBefore.due_at).getTime()).toBeGreaterThan(Date.now());

    // Planners shorten it to 24 h: the escalation's moment is now in the past — it goes at the next slot.
    const before = new Date();
    await t.http
      .put(`/api/editions/${own.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ escalationHours: 24, version: lax.body.version })
      .expect(200);
    const escalations = (await remindersOf([task.id], 'pending')).filter((r) => r.kind === 'task_overdue');
    expect(escalations.map((r) => [r.recipient_group, r.offset_minutes])).toEqual([
      [`province:${province}`, -1440],
      ['planners', -2880],
    ]);
    expect(slotsBetween(before)).toContain(new Date(escalations[0].due_at).toISOString());
    expect((await remindersOf([task.id], 'cancelled')).map((r) => r.id)).toContain(pendingBefore.id);

    worker ??= startWorkerProcess({ ...TEST_ENV, REDIS_URL, SMTP_URL: sink.url, LOG_LEVEL: 'info' });
    await worker.ready();
    await fireNow(escalations[0].id);
    await until(async () => mailFor(escalations[0].id).length === 1, 20_000, 'the escalation delivered');
    expect(recipientsOf(escalations[0].id)).toEqual([emails.organizer, emails.otherOrganizer].sort());
    expect(mailFor(escalations[0].id)[0].parsed.subject).toBe(`[Ngày hội ${own.year}] Công việc quá hạn: Băng rôn, khẩu hiệu — ${venue.name}`);
  }, 60_000);
});
