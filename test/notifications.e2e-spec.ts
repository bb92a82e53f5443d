import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Role } from '@app/auth';
import { AfterCommit, Notifier } from '@app/common';
import { Edition } from '@app/editions/edition.entity';
import { PurgeNotificationsHandler } from '@app/notifications';
import { createEdition, createUser, createVenue } from './utils/factories';
import { SseClient } from './utils/sse-client';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

type User = { id: string };

describe('Notifications (need-to-know, grouping, transactions, live streams)', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: User;
  let planner2: User;
  let formerPlanner: User;
  let laiChauA: User;
  let laiChauB: User;
  let dienBien: User;
  let viewer: User;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = await createUser(t.dataSource, Role.CentralPlanner);
    planner2 = await createUser(t.dataSource, Role.CentralPlanner);
    formerPlanner = await createUser(t.dataSource, Role.CentralPlanner, null, { active: false });
    laiChauA = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    laiChauB = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    dienBien = await createUser(t.dataSource, Role.ProvincialOrganizer, '11');
    viewer = await createUser(t.dataSource, Role.Viewer);
    for (const user of [planner, planner2, laiChauA, laiChauB, dienBien, viewer]) bearer[user.id] = `Bearer ${await t.tokenFor(user)}`;
  });
  afterAll(() => t.close());

  /** Who holds a notification of this kind about this subject (every account in the database). */
  const readersOf = async (kind: string, subjectId: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT user_id FROM notifications WHERE kind = $1 AND subject_id = $2 ORDER BY user_id`, [kind, subjectId])).map(
      (row: { user_id: string }) => row.user_id,
    );
  const activePlanners = async (): Promise<string[]> =>
    (await t.dataSource.query(`SELECT id FROM users WHERE role = 'central_planner' AND active ORDER BY id`)).map((row: { id: string }) => row.id);
  /**
   * Lai Châu's active organizers but `except` (the one who made the change): this suite's two, and any
   * an earlier suite of the same run created in that province — they are that province's organizers too.
   */
  const laiChauOrganizers = async (...except: User[]): Promise<string[]> => {
    const rows: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM users WHERE role = 'provincial_organizer' AND province_code = '12' AND active ORDER BY id`,
    );
    const ids = rows.map((row) => row.id).filter((id) => !except.some((user) => user.id === id));
    for (const own of [laiChauA, laiChauB].filter((user) => !except.includes(user))) expect(ids).toContain(own.id);
    return ids;
  };
  const transition = (id: string, body: Record<string, unknown>, as = planner) =>
    t.http.post(`/api/venues/${id}/transitions`).set('Authorization', bearer[as.id]).send(body).expect(200);

  const nomination = (name: string, provinceCode = '12') => ({
    editionId: edition.id,
    name,
    tier: 'provincial',
    provinceCode,
    communeName: 'Xã Sìn Hồ',
    hostKind: 'ban',
    address: 'Bản Nậm Cang, xã Sìn Hồ',
    latitude: 22.36,
    longitude: 103.24,
    expectedAttendance: 300,
    candidateDates: [`${edition.year}-08-12`],
  });

  it('tells every active planner of a nomination, and nobody else (not who nominated it, no organizer, no viewer)', async () => {
    const created = await t.http.post('/api/venues').set('Authorization', bearer[laiChauA.id]).send(nomination('Điểm bản Nậm Cang')).expect(201);
    const readers = await readersOf('venue_nominated', created.body.id);
    expect(readers).toEqual(await activePlanners());
    expect(readers).toEqual(expect.arrayContaining([planner.id, planner2.id]));
    expect(readers).not.toContain(formerPlanner.id);
    for (const other of [laiChauA, laiChauB, dienBien, viewer]) expect(readers).not.toContain(other.id);

    const inbox = await t.http.get('/api/notifications?kind=venue_nominated').set('Authorization', bearer[planner.id]).expect(200);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'venue_nominated',
      title: 'Lai Châu đề xuất điểm “Điểm bản Nậm Cang”',
      link: `/diem/${created.body.id}`,
      itemCount: 1,
      readAt: null,
    });
    expect(inbox.body.items[0].userId).toBeUndefined();
  });

  it("tells only that province's organizers of a venue's approval, rejection, reschedule and cancellation", async () => {
    const approved = await createVenue(t.dataSource, edition, '12', { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-15`] });
    await transition(approved.id, { to: 'approved', version: approved.version });
    expect(await readersOf('venue_approved', approved.id)).toEqual(await laiChauOrganizers());

    const rejected = await createVenue(t.dataSource, edition, '12');
    await transition(rejected.id, { to: 'rejected', version: rejected.version, reason: 'Trùng địa bàn với điểm khác' });
    expect(await readersOf('venue_rejected', rejected.id)).toEqual(await laiChauOrganizers());

    const moved = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-10` });
    await transition(moved.id, { to: 'scheduled', version: moved.version, date: `${edition.year}-08-11`, startTime: '08:00', endTime: '11:00' });
    expect(await readersOf('venue_rescheduled', moved.id)).toEqual(await laiChauOrganizers());
    const [rescheduled] = await t.dataSource.query(`SELECT title, body FROM notifications WHERE kind = 'venue_rescheduled' AND subject_id = $1 LIMIT 1`, [
      moved.id,
    ]);
    expect(rescheduled.body).toBe(`Lịch mới: 08:00 ngày 11/08/${edition.year}.`);

    // An organizer cancelling their own venue is not told of it; the other organizer of the province is.
    const cancelled = await createVenue(t.dataSource, edition, '12');
    await transition(cancelled.id, { to: 'cancelled', version: cancelled.version, reason: 'Địa điểm sạt lở' }, laiChauA);
    expect(await readersOf('venue_cancelled', cancelled.id)).toEqual(await laiChauOrganizers(laiChauA));

    // Điện Biên's organizer, the planners and the viewer heard of none of it.
    const strangers = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1) AND subject_id = ANY($2)`, [
      [dienBien.id, planner.id, planner2.id, viewer.id],
      [approved.id, rejected.id, moved.id, cancelled.id],
    ]);
    expect(strangers[0].n).toBe(0);
  });

  it("tells the province's other organizers when a task goes blocked", async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-16`] });
    await transition(venue.id, { to: 'approved', version: venue.version });
    const [task] = (await t.http.get(`/api/venues/${venue.id}/tasks`).set('Authorization', bearer[laiChauA.id]).expect(200)).body;
    await t.http
      .patch(`/api/venues/${venue.id}/tasks/${task.id}`)
      .set('Authorization', bearer[laiChauA.id])
      .send({ version: task.version, status: 'blocked', blockedReason: 'Chưa có kinh phí' })
      .expect(200);
    expect(await readersOf('task_blocked', venue.id)).toEqual(await laiChauOrganizers(laiChauA));
    const [row] = await t.dataSource.query(`SELECT title, link FROM notifications WHERE kind = 'task_blocked' AND subject_id = $1`, [venue.id]);
    expect(row.title).toBe(`Công việc “${task.title}” ở điểm “${venue.name}” đang vướng mắc`);
    expect(row.link).toBe(`/diem/${venue.id}?viec=${task.id}#nhiem-vu`);
  });

  it('groups overdue escalations into one entry per province and day, counted once per task, updated in place', async () => {
    const notifier = t.app.get(Notifier);
    const venue = await createVenue(t.dataSource, edition, '12');
    const tasks = [randomUUID(), randomUUID(), randomUUID()];
    // Only the entries this test writes count (a newer seq), and the day's Lai Châu group may already hold
    // tasks an earlier suite of the run escalated: the count is that group's, each task once.
    const [{ before }] = await t.dataSource.query(`SELECT coalesce(max(seq), 0)::text AS before FROM notifications`);
    for (const taskId of [...tasks, tasks[0]]) {
      await notifier.notify(t.dataSource.manager, { kind: 'task_overdue', venueId: venue.id, taskId, audience: 'province' }, null);
    }
    const rows = await t.dataSource.query(
      `SELECT user_id, title, item_count, seq, group_key FROM notifications WHERE kind = 'task_overdue' AND seq > $1 ORDER BY user_id`,
      [before],
    );
    expect(rows.map((row: { user_id: string }) => row.user_id)).toEqual(await laiChauOrganizers());
    expect(new Set(rows.map((row: { group_key: string }) => row.group_key))).toEqual(new Set([rows[0].group_key]));
    expect(rows[0].group_key).toMatch(/^task_overdue\|province\|12\|/);
    const [{ counted, ours }] = await t.dataSource.query(
      `SELECT count(*)::int AS counted, count(*) FILTER (WHERE subject_id = ANY($2::uuid[]))::int AS ours FROM notification_group_items WHERE group_key = $1`,
      [rows[0].group_key, tasks],
    );
    expect(ours).toBe(3);
    const mineBefore = rows.find((row: { user_id: string }) => row.user_id === laiChauA.id);
    expect(mineBefore).toMatchObject({ title: `${counted} việc quá hạn ở Lai Châu`, item_count: counted });

    // Read, then one more overdue task: the same entry, unread again, with a newer seq (the stream sends it again).
    await t.http.post('/api/notifications/read-all').set('Authorization', bearer[laiChauA.id]).expect(200);
    await notifier.notify(t.dataSource.manager, { kind: 'task_overdue', venueId: venue.id, taskId: randomUUID(), audience: 'province' }, null);
    const [after] = await t.dataSource.query(`SELECT title, item_count, seq, read_at FROM notifications WHERE kind = 'task_overdue' AND user_id = $1`, [
      laiChauA.id,
    ]);
    expect(after).toMatchObject({ title: `${counted + 1} việc quá hạn ở Lai Châu`, item_count: counted + 1, read_at: null });
    expect(BigInt(after.seq)).toBeGreaterThan(BigInt(mineBefore.seq));

    // Escalated to the centre: every active planner, one entry each; still nothing for Điện Biên. Only the
    // entries this escalation wrote count (a newer seq): an earlier suite of the run may have escalated to
    // planners it has since deactivated.
    const [{ last }] = await t.dataSource.query(`SELECT max(seq)::text AS last FROM notifications`);
    await notifier.notify(t.dataSource.manager, { kind: 'task_overdue', venueId: venue.id, taskId: tasks[1], audience: 'planners' }, null);
    const central = await t.dataSource.query(`SELECT user_id FROM notifications WHERE kind = 'task_overdue' AND seq > $1 ORDER BY user_id`, [last]);
    expect(central.map((row: { user_id: string }) => row.user_id)).toEqual(await activePlanners());
    const mine = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [dienBien.id]);
    expect(mine[0].n).toBe(0);
  });

  it('tells the planner who started a planning run (and only them) that it finished or failed', async () => {
    const notifier = t.app.get(Notifier);
    const runId = randomUUID();
    await notifier.notify(t.dataSource.manager, { kind: 'planning_run_finished', runId, requestedBy: planner2.id }, null);
    expect(await readersOf('planning_run_finished', runId)).toEqual([planner2.id]);
    const failed = randomUUID();
    await notifier.notify(t.dataSource.manager, { kind: 'planning_run_failed', runId: failed, requestedBy: formerPlanner.id }, null);
    expect(await readersOf('planning_run_failed', failed)).toEqual([]); // deactivated since: nobody
  });

  it('writes nothing for a change that rolled back', async () => {
    const notifier = t.app.get(Notifier);
    const venue = await createVenue(t.dataSource, edition, '12');
    await expect(
      t.dataSource.transaction(async (manager) => {
        await notifier.notify(manager, { kind: 'venue_nominated', venueId: venue.id, actorId: laiChauA.id }, null);
        expect((await manager.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [venue.id]))[0].n).toBeGreaterThan(0);
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    expect(await readersOf('venue_nominated', venue.id)).toEqual([]);

    // Through the API: a refused transition (stale version) leaves no notification either.
    const approvedLater = await createVenue(t.dataSource, edition, '12', { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-17`] });
    await t.http
      .post(`/api/venues/${approvedLater.id}/transitions`)
      .set('Authorization', bearer[planner.id])
      .send({ to: 'approved', version: approvedLater.version + 5 })
      .expect(409);
    expect(await readersOf('venue_approved', approvedLater.id)).toEqual([]);
  });

  it('lists, filters, counts and marks read only my own entries', async () => {
    const me = bearer[laiChauB.id];
    const all = await t.http.get('/api/notifications?pageSize=2').set('Authorization', me).expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(6);
    expect(all.body.items).toHaveLength(2);
    expect(BigInt(all.body.items[0].seq)).toBeGreaterThan(BigInt(all.body.items[1].seq)); // newest first

    const kinds = await t.http.get('/api/notifications?kind=venue_approved,venue_rejected').set('Authorization', me).expect(200);
    expect(new Set(kinds.body.items.map((item: { kind: string }) => item.kind))).toEqual(new Set(['venue_approved', 'venue_rejected']));

    const unread = (await t.http.get('/api/notifications/unread-count').set('Authorization', me).expect(200)).body.unread;
    expect(unread).toBe(all.body.total);
    const first = all.body.items[0];
    const read = await t.http.post(`/api/notifications/${first.id}/read`).set('Authorization', me).expect(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await t.http.get('/api/notifications/unread-count').set('Authorization', me).expect(200)).body.unread).toBe(unread - 1);
    const unreadOnly = await t.http.get('/api/notifications?unread=true&pageSize=100').set('Authorization', me).expect(200);
    expect(unreadOnly.body.items.map((item: { id: string }) => item.id)).not.toContain(first.id);

    // Another account's entry is not found (not forbidden: that would confirm it exists).
    const other = await t.http.post(`/api/notifications/${first.id}/read`).set('Authorization', bearer[dienBien.id]).expect(404);
    expect(other.body).toMatchObject({ code: 'NOT_FOUND', message: 'Không tìm thấy thông báo.' });
    await t.http.post(`/api/notifications/${randomUUID()}/read`).set('Authorization', me).expect(404);
    expect((await t.http.post('/api/notifications/not-an-id/read').set('Authorization', me).expect(400)).body.code).toBeDefined();
    const badKind = await t.http.get('/api/notifications?kind=venue_exploded').set('Authorization', me).expect(400);
    expect(badKind.body.code).toBe('VALIDATION_FAILED');
    await t.http.get('/api/notifications?unread=maybe').set('Authorization', me).expect(400);
    await t.http.get('/api/notifications').expect(401);

    const marked = await t.http.post('/api/notifications/read-all').set('Authorization', me).expect(200);
    expect(marked.body.marked).toBe(unread - 1);
    expect((await t.http.get('/api/notifications/unread-count').set('Authorization', me).expect(200)).body.unread).toBe(0);
  });

  it("keeps writing notifications with Redis down, without failing the request; the instance's own streams still hear of them", async () => {
    const offline = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6399/0' }); // nothing listens there
    try {
      await offline.app.listen(0, '127.0.0.1');
      const port = (offline.app.getHttpServer().address() as AddressInfo).port;
      const ticket = (await offline.http.post('/api/notifications/stream-tickets').set('Authorization', bearer[planner.id]).expect(201)).body.ticket;
      const stream = await SseClient.open(`http://127.0.0.1:${port}/api/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
      const created = await offline.http.post('/api/venues').set('Authorization', bearer[laiChauA.id]).send(nomination('Điểm khi Redis nghỉ')).expect(201);
      expect(await readersOf('venue_nominated', created.body.id)).toEqual(await activePlanners());
      const [event] = await stream.waitFor(1, 10_000);
      expect(JSON.parse(event.data).link).toBe(`/diem/${created.body.id}`);
      stream.close();
    } finally {
      await offline.close();
    }
  });

  it("purges entries past the retention period (the worker's scheduled job), keeping newer ones", async () => {
    const venue = await createVenue(t.dataSource, edition, '12');
    await t.app.get(Notifier).notify(t.dataSource.manager, { kind: 'venue_nominated', venueId: venue.id, actorId: laiChauA.id }, null);
    const [old] = await t.dataSource.query(
      `UPDATE notifications SET updated_at = now() - interval '91 days' WHERE subject_id = $1 AND user_id = $2 RETURNING id`,
      [venue.id, planner.id],
    );
    await t.dataSource.query(`INSERT INTO notification_group_items (group_key, subject_id, created_at) VALUES ('old-group', $1, now() - interval '91 days')`, [
      randomUUID(),
    ]);
    const worker = await createTestWorker({ NOTIFICATION_RETENTION_DAYS: '90' });
    try {
      const purged = await worker.get(PurgeNotificationsHandler).handle();
      expect(purged).toMatchObject({ notifications: 1, groupItems: 1 });
    } finally {
      await worker.close();
    }
    const left = await t.dataSource.query(`SELECT id FROM notifications WHERE subject_id = $1`, [venue.id]);
    expect(left.map((row: { id: string }) => row.id)).not.toContain(old.id);
    expect(left.length).toBe((await activePlanners()).length - 1);
  });

  describe('live streams across two API instances', () => {
    let other: TestApp;
    let base: string;

    beforeAll(async () => {
      other = await createTestApp();
      await other.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(other.app.getHttpServer().address() as AddressInfo).port}/api/notifications/stream`;
    });
    afterAll(() => other.close());

    /** The port of an instance, listening from the first call (the suite's own instance is otherwise called through supertest). */
    const listening = async (instance: TestApp): Promise<number> => {
      const server = instance.app.getHttpServer();
      if (!server.listening) await instance.app.listen(0, '127.0.0.1');
      return (server.address() as AddressInfo).port;
    };
    const ticketFor = async (user: User) =>
      (await t.http.post('/api/notifications/stream-tickets').set('Authorization', bearer[user.id]).expect(201)).body.ticket as string;

    it('ends the streams of an account deactivated through the API, on both instances, and only those', async () => {
      const leaving = await createUser(t.dataSource, Role.CentralPlanner);
      const leavingBearer = `Bearer ${await t.tokenFor(leaving)}`;
      const ticket = async () => (await t.http.post('/api/notifications/stream-tickets').set('Authorization', leavingBearer).expect(201)).body.ticket as string;
      const ownBase = `http://127.0.0.1:${await listening(t)}/api/notifications/stream`;
      const onOther = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticket())}`);
      const onThis = await SseClient.open(`${ownBase}?ticket=${encodeURIComponent(await ticket())}`);
      const stays = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(planner2))}`);
      expect([onOther.status, onThis.status, stays.status]).toEqual([200, 200, 200]);

      const [{ version }] = await t.dataSource.query(`SELECT version FROM users WHERE id = $1`, [leaving.id]);
      await t.http.post(`/api/users/${leaving.id}/deactivate`).set('Authorization', bearer[planner.id]).send({ version }).expect(200);

      // The server ends both (the other instance hears it through Redis), saying why first.
      await onOther.ended(10_000);
      await onThis.ended(10_000);
      expect(onOther.events.map((event) => event.event)).toContain('session-ended');
      expect(onThis.events.map((event) => event.event)).toContain('session-ended');
      // Another account's stream goes on: the next event still reaches it.
      await t.http.post('/api/venues').set('Authorization', bearer[laiChauA.id]).send(nomination('Điểm sau khi khóa')).expect(201);
      await stays.waitFor(1, 10_000);
      expect(stays.endedByServer).toBe(false);
      stays.close();
    });

    it('ends the stream when the account logs out (its token version bumps), and refuses its old ticket', async () => {
      const user = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
      const userBearer = `Bearer ${await t.tokenFor(user)}`;
      const ticket = (await t.http.post('/api/notifications/stream-tickets').set('Authorization', userBearer).expect(201)).body.ticket as string;
      const stream = await SseClient.open(`${base}?ticket=${encodeURIComponent(ticket)}`);
      expect(stream.status).toBe(200);
      await t.http
        .post('/api/auth/logout')
        .set('Authorization', userBearer)
        .expect((response) => expect(response.status).toBeLessThan(300));
      await stream.ended(10_000);
      const again = await SseClient.open(`${base}?ticket=${encodeURIComponent(ticket)}`);
      expect(again.status).toBe(401);
    });

    it('delivers an event caused through one instance to a stream of the other, and replays what a reconnect missed', async () => {
      const stream = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(planner))}`);
      expect(stream.status).toBe(200);
      // How fast is bench/notifications' business (sse_p99_ms); here only that it arrives.
      const created = await t.http.post('/api/venues').set('Authorization', bearer[laiChauA.id]).send(nomination('Điểm trực tiếp')).expect(201);
      const [event] = await stream.waitFor(1, 10_000);
      expect(event.event).toBe('notification');
      const delivered = JSON.parse(event.data);
      expect(delivered).toMatchObject({ kind: 'venue_nominated', link: `/diem/${created.body.id}`, seq: event.id });
      stream.close();

      // Two more while disconnected; a reconnect naming the last event it saw gets exactly those, in order —
      // numerically, across a power of ten (as text, 10000 would sort before 9999): the first nomination's
      // entries (one per active planner) end just below it, the second's start at it.
      const [{ last }] = await t.dataSource.query(`SELECT last_value::text AS last FROM notifications_seq`);
      const boundary = 10n ** BigInt(String(last).length + 1);
      await t.dataSource.query(`SELECT setval('notifications_seq', $1)`, [String(boundary - BigInt((await activePlanners()).length) - 1n)]);
      const missed = [];
      for (const name of ['Điểm lỡ 1', 'Điểm lỡ 2']) {
        missed.push((await t.http.post('/api/venues').set('Authorization', bearer[laiChauA.id]).send(nomination(name)).expect(201)).body.id);
      }
      const again = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(planner))}`, { 'Last-Event-ID': event.id! });
      const replayed = await again.waitFor(2, 10_000);
      expect(replayed.map((e) => JSON.parse(e.data).link)).toEqual(missed.map((id) => `/diem/${id}`));
      expect(BigInt(replayed[0].id!)).toBeGreaterThan(BigInt(event.id!));
      expect(BigInt(replayed[0].id!)).toBeLessThan(boundary);
      expect(BigInt(replayed[1].id!)).toBeGreaterThanOrEqual(boundary);
      const page = await t.http.get('/api/notifications?kind=venue_nominated&pageSize=2').set('Authorization', bearer[planner.id]).expect(200);
      expect(page.body.items.map((item: { link: string }) => item.link)).toEqual(missed.map((id) => `/diem/${id}`).reverse()); // newest first
      again.close();
    });

    it('delivers an entry whose transaction commits after a later entry of the same reader was sent (seq order is not commit order)', async () => {
      const notifier = t.app.get(Notifier);
      const stream = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(planner))}`);
      expect(stream.status).toBe(200);
      const slow = await createVenue(t.dataSource, edition, '12');
      const quick = await createVenue(t.dataSource, edition, '12');
      const afterCommit = new AfterCommit();
      try {
        await t.dataSource.transaction(async (manager) => {
          // The slow cause takes its seq first and stays uncommitted while a quicker one of the same reader is written and sent.
          await notifier.notify(manager, { kind: 'venue_nominated', venueId: slow.id, actorId: laiChauA.id }, afterCommit);
          await notifier.notify(t.dataSource.manager, { kind: 'venue_nominated', venueId: quick.id, actorId: laiChauA.id }, null);
          const [first] = await stream.waitFor(1, 10_000);
          expect(JSON.parse(first.data).link).toBe(`/diem/${quick.id}`);
        });
        await afterCommit.run();
        const [first, late] = await stream.waitFor(2, 10_000);
        const [slowSeq, quickSeq] = [JSON.parse(late.data).seq, JSON.parse(first.data).seq].map(BigInt);
        expect(JSON.parse(late.data).link).toBe(`/diem/${slow.id}`);
        expect(slowSeq).toBeLessThan(quickSeq); // below the cursor the stream had already sent
        // The event id stays the stream's cursor: a reconnect naming it does not get the quick entry again.
        expect(late.id).toBe(first.id);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(stream.events).toHaveLength(2); // each once
      } finally {
        stream.close();
      }
    });

    it('replays to a reconnecting client an entry whose transaction committed late while it was away', async () => {
      const notifier = t.app.get(Notifier);
      const slow = await createVenue(t.dataSource, edition, '12');
      const quick = await createVenue(t.dataSource, edition, '12');
      const stream = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(planner2))}`);
      const afterCommit = new AfterCommit();
      let lastEventId = '';
      try {
        await t.dataSource.transaction(async (manager) => {
          await notifier.notify(manager, { kind: 'venue_nominated', venueId: slow.id, actorId: laiChauA.id }, afterCommit);
          await notifier.notify(t.dataSource.manager, { kind: 'venue_nominated', venueId: quick.id, actorId: laiChauA.id }, null);
          const [first] = await stream.waitFor(1, 10_000);
          expect(JSON.parse(first.data).link).toBe(`/diem/${quick.id}`);
          lastEventId = first.id!;
          stream.close(); // the client goes away before the slow cause commits
        });
      } finally {
        stream.close();
      }
      await afterCommit.run(); // announced while nobody listens for planner2
      await new Promise((resolve) => setTimeout(resolve, 500)); // the other instance hears it through Redis
      const again = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(planner2))}`, { 'Last-Event-ID': lastEventId });
      try {
        // The entry may already be there when the stream has opened: look at what came before waiting for more.
        const links = () => again.events.map((event) => JSON.parse(event.data).link as string);
        while (!links().includes(`/diem/${slow.id}`)) await again.waitFor(again.events.length + 1, 10_000);
        expect(links()).not.toContain(`/diem/${quick.id}`); // what it had is not sent again
        expect(again.events.every((event) => event.id === lastEventId)).toBe(true); // the cursor does not move back
      } finally {
        again.close();
      }
    });

    it("sends nobody else's entries, and refuses a missing, forged or reused-as-bearer ticket", async () => {
      const dien = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticketFor(dienBien))}`);
      await t.http.post('/api/venues').set('Authorization', bearer[laiChauA.id]).send(nomination('Điểm không liên quan')).expect(201);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(dien.events).toEqual([]);
      dien.close();

      const none = await SseClient.open(base);
      expect(none.status).toBe(401);
      expect(JSON.parse(none.errorBody).code).toBe('STREAM_TICKET_INVALID');
      const forged = await SseClient.open(`${base}?ticket=${(await ticketFor(planner)).slice(0, -3)}abc`);
      expect(forged.status).toBe(401);
      // A ticket is not an access token, and an access token is not a ticket.
      await t.http
        .get('/api/notifications')
        .set('Authorization', `Bearer ${await ticketFor(planner)}`)
        .expect(401);
      const bearerAsTicket = await SseClient.open(`${base}?ticket=${bearer[planner.id].slice(7)}`);
      expect(bearerAsTicket.status).toBe(401);
      const badId = await SseClient.open(`${base}?ticket=${await ticketFor(planner)}`, { 'Last-Event-ID': 'drop table' });
      expect(badId.status).toBe(400);
    });
  });
});
