import type { AddressInfo } from 'node:net';
import { Role } from '@app/auth';
import { todayInFestivalZone } from '@app/common';
import type { Edition } from '@app/editions/edition.entity';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { SseClient } from './utils/sse-client';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 20, the live board of the festival day: each venue's state set from its organizers' phones
 * (their province only, from the venue's day on, along the state machine, version-checked, a retry
 * answered unchanged, audited) and the planners' board, live across API instances.
 */
describe('the festival day’s live board', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let organizer: string;
  let otherOrganizer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '14'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(() => t.close());

  const today = () => todayInFestivalZone();
  const setState = (venueId: string, body: Record<string, unknown>, as = organizer) =>
    t.http.put(`/api/venues/${venueId}/day-state`).set('Authorization', as).send(body);

  it('moves a point along its day from the phone: forward only, an incident with its note, a retry answered unchanged, every change audited', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: today() });
    const initial = await t.http.get(`/api/venues/${venue.id}/day-state`).set('Authorization', organizer).expect(200);
    expect(initial.body).toMatchObject({
      state: 'not_started',
      stateName: 'Chưa bắt đầu',
      version: 0,
      canSet: true,
      nextStates: ['leader_arrived', 'started'],
    });

    const arrived = await setState(venue.id, { state: 'leader_arrived' }).expect(200);
    expect(arrived.body).toMatchObject({ state: 'leader_arrived', stateName: 'Lãnh đạo đã đến', version: 1, nextStates: ['started', 'incident'] });
    expect(arrived.body.leaderArrivedAt).not.toBeNull();
    // The phone sends it again (its answer was lost): the same answer, nothing written twice.
    const retried = await setState(venue.id, { state: 'leader_arrived' }).expect(200);
    expect(retried.body).toMatchObject({ state: 'leader_arrived', version: 1, leaderArrivedAt: arrived.body.leaderArrivedAt });

    const early = await setState(venue.id, { state: 'finished', version: 1 }).expect(409);
    expect(early.body).toMatchObject({ code: 'DAY_STATE_TRANSITION', message: 'Chưa khai mạc thì không thể chuyển sang “đã kết thúc”.' });
    expect(early.body.details).toMatchObject({ state: 'leader_arrived', allowed: ['started', 'incident'] });
    expect((await setState(venue.id, { state: 'started' }).expect(428)).body.code).toBe('VERSION_REQUIRED');
    expect((await setState(venue.id, { state: 'started', version: 0 }).expect(409)).body.code).toBe('VERSION_CONFLICT');

    await setState(venue.id, { state: 'started', version: 1 }).expect(200);
    const noNote = await setState(venue.id, { state: 'incident', note: '   ', version: 2 }).expect(422);
    expect(noNote.body).toMatchObject({ code: 'DAY_STATE_NOTE_REQUIRED', message: 'Báo sự cố cần ghi rõ nội dung sự cố.' });
    const incident = await setState(venue.id, { state: 'incident', note: 'Mưa lớn, chuyển phần lễ vào hội trường', version: 2 }).expect(200);
    expect(incident.body).toMatchObject({
      state: 'incident',
      note: 'Mưa lớn, chuyển phần lễ vào hội trường',
      version: 3,
      nextStates: ['started', 'finished', 'incident'],
    });
    const back = await setState(venue.id, { state: 'not_started', version: 3 }).expect(409);
    expect(back.body.message).toBe('Không thể chuyển từ “sự cố” về “chưa bắt đầu”.');
    await setState(venue.id, { state: 'finished', version: 3 }).expect(200);
    const done = await setState(venue.id, { state: 'incident', note: 'Thất lạc đồ', version: 4 }).expect(409);
    expect(done.body.message).toBe('Điểm tổ chức đã kết thúc Ngày hội; không thể thay đổi tình hình.');

    const audit = await auditEntriesFor(t.dataSource, 'venue', venue.id);
    expect(audit.map((entry: { note: string | null }) => entry.note).filter((note: string | null) => note?.startsWith('Tình hình'))).toEqual(
      expect.arrayContaining([
        'Tình hình Ngày hội: Lãnh đạo đã đến',
        'Tình hình Ngày hội: Đã khai mạc',
        'Tình hình Ngày hội: Sự cố — Mưa lớn, chuyển phần lễ vào hội trường',
        'Tình hình Ngày hội: Đã kết thúc',
      ]),
    );
    expect(audit.filter((entry: { note: string | null }) => entry.note?.startsWith('Tình hình')).length).toBe(4);
  });

  it('lets only the province’s organizers and planners set it (another province 403, a viewer 403), and only from the venue’s day on', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: today() });
    const foreign = await setState(venue.id, { state: 'started' }, otherOrganizer).expect(403);
    expect(foreign.body.code).toBe('PROVINCE_SCOPE');
    expect((await t.http.get(`/api/venues/${venue.id}/day-state`).set('Authorization', otherOrganizer).expect(403)).body.code).toBe('PROVINCE_SCOPE');
    await setState(venue.id, { state: 'started' }, viewer).expect(403);
    await setState(venue.id, { state: 'started' }, planner).expect(200);
    await setState(venue.id, { state: 'started', version: 1, note: 'x'.repeat(1001) }).expect(400);
    await setState('00000000-0000-4000-8000-000000000000', { state: 'started' }).expect(404);

    const unscheduled = await createVenue(t.dataSource, edition, '12');
    expect((await setState(unscheduled.id, { state: 'started' }).expect(409)).body.code).toBe('DAY_STATE_VENUE_NOT_SCHEDULED');
    const nothing = await setState(unscheduled.id, { state: 'not_started' }).expect(200); // nothing to change
    expect(nothing.body).toMatchObject({ state: 'not_started', version: 0, canSet: false, nextStates: [] });

    const later = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-12-30` });
    const tooEarly = await setState(later.id, { state: 'leader_arrived' }).expect(409);
    expect(tooEarly.body).toMatchObject({ code: 'DAY_STATE_BEFORE_DAY', message: `Chỉ cập nhật tình hình từ ngày tổ chức (30/12/${edition.year}) trở đi.` });
    const phone = await t.http.get(`/api/venues/${later.id}/day-state`).set('Authorization', organizer).expect(200);
    expect(phone.body).toMatchObject({ canSet: false, nextStates: [], refusal: tooEarly.body.message });
  });

  it('shows planners every point with counts per state, organizers their province only', async () => {
    const own = await createEdition(t.dataSource);
    const laiChau = await createVenue(t.dataSource, own, '12', { scheduleOn: today(), name: 'Ngày hội tại bản Nậm Cang' });
    const dienBien = await createVenue(t.dataSource, own, '14', { scheduleOn: today(), name: 'Ngày hội tại bản Huổi Lếch' });
    await createVenue(t.dataSource, own, '12'); // nominated only: not on the board
    await setState(dienBien.id, { state: 'leader_arrived' }, otherOrganizer).expect(200);

    const board = await t.http.get(`/api/editions/${own.id}/day-board`).set('Authorization', planner).expect(200);
    expect(board.body.entries.map((entry: { venueId: string }) => entry.venueId).sort()).toEqual([laiChau.id, dienBien.id].sort());
    expect(board.body.counts).toEqual({ not_started: 1, leader_arrived: 1, started: 0, finished: 0, incident: 0 });
    expect(board.body.entries.find((entry: { venueId: string }) => entry.venueId === dienBien.id)).toMatchObject({
      name: 'Ngày hội tại bản Huổi Lếch',
      provinceCode: '14',
      state: 'leader_arrived',
      stateName: 'Lãnh đạo đã đến',
      latitude: 22.1,
      longitude: 103.2,
    });
    const mine = await t.http.get(`/api/editions/${own.id}/day-board`).set('Authorization', organizer).expect(200);
    expect(mine.body.entries.map((entry: { venueId: string }) => entry.venueId)).toEqual([laiChau.id]);
    expect(mine.body.counts.leader_arrived).toBe(0);
    expect((await t.http.get(`/api/editions/${own.id}/day-board?date=2000-01-01`).set('Authorization', planner).expect(200)).body.entries).toEqual([]);
    await t.http.get(`/api/editions/00000000-0000-4000-8000-000000000000/day-board`).set('Authorization', planner).expect(404);
  });

  it('streams each change live to the boards that may see it, on another API instance too', async () => {
    const other = await createTestApp();
    try {
      await other.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(other.app.getHttpServer().address() as AddressInfo).port}/api/editions/${edition.id}/day-board/stream`;
      const ticket = async (as: string) => (await t.http.post('/api/notifications/stream-tickets').set('Authorization', as).expect(201)).body.ticket as string;
      const bad = await SseClient.open(`${base}?ticket=nope`);
      expect(bad.status).toBe(401);
      const planners = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticket(planner))}`);
      const foreign = await SseClient.open(`${base}?ticket=${encodeURIComponent(await ticket(otherOrganizer))}`);
      try {
        expect([planners.status, foreign.status]).toEqual([200, 200]);
        await planners.waitFor(1);
        await foreign.waitFor(1);
        expect(planners.events[0].event).toBe('ready');

        // Set on this instance; the stream is held by the other one (told through Redis).
        const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: today(), name: 'Ngày hội tại bản Pa Tần' });
        await setState(venue.id, { state: 'leader_arrived' }).expect(200);
        const [, change] = await planners.waitFor(2, 10_000);
        expect(change.event).toBe('day-state');
        expect(JSON.parse(change.data)).toMatchObject({ venueId: venue.id, name: 'Ngày hội tại bản Pa Tần', state: 'leader_arrived', version: 1 });
        // Another province's organizer is not told of it (need to know); their own province's change reaches them.
        const theirs = await createVenue(t.dataSource, edition, '14', { scheduleOn: today() });
        await setState(theirs.id, { state: 'started' }, otherOrganizer).expect(200);
        const [, own] = await foreign.waitFor(2, 10_000);
        expect(JSON.parse(own.data)).toMatchObject({ venueId: theirs.id, state: 'started' });
        await planners.waitFor(3, 10_000);
        expect(foreign.events.map((event) => JSON.parse(event.data).venueId)).not.toContain(venue.id);
      } finally {
        planners.close();
        foreign.close();
      }
    } finally {
      await other.close();
    }
  });
});
