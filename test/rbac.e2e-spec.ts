import { randomUUID } from 'node:crypto';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { Venue } from '@app/venues/venue.entity';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

describe('RBAC: province scope, viewers, need-to-know', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let organizerA: string; // Lai Châu (12)
  let viewer: string;
  let venueA: Venue;
  let venueB: Venue; // Đắk Lắk (66)
  let itemB: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizerA = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
    venueA = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-10` });
    venueB = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-11` });
    const { body } = await t.http
      .post(`/api/venues/${venueB.id}/programme`)
      .set('Authorization', planner)
      .send({ part: 'ceremony', title: 'Chào cờ', startTime: '07:30', endTime: '07:40' })
      .expect(201);
    itemB = body;
  });
  afterAll(() => t.close());

  const nominationIn = (provinceCode: string) => ({
    editionId: edition.id,
    name: `Đề xuất ${Math.random().toString(36).slice(2, 8)}`,
    tier: 'commune',
    provinceCode,
    communeName: 'Xã Ea Súp',
    hostKind: 'xa',
    address: 'Xã Ea Súp',
    latitude: 13.1,
    longitude: 107.9,
    expectedAttendance: 300,
  });

  it('gives an organizer of province A 403 on every write to province B', async () => {
    const writes = [
      t.http.post('/api/venues').send(nominationIn('66')),
      t.http.patch(`/api/venues/${venueB.id}`).send({ version: venueB.version, expectedAttendance: 1 }),
      t.http.post(`/api/venues/${venueB.id}/transitions`).send({ to: 'cancelled', version: venueB.version, reason: 'Thử quyền' }),
      t.http.post(`/api/venues/${venueB.id}/programme`).send({ part: 'ceremony', title: 'Văn nghệ', startTime: '08:00', endTime: '08:10' }),
      t.http.patch(`/api/venues/${venueB.id}/programme/${itemB.id}`).send({ version: itemB.version, title: 'Đổi' }),
      t.http.delete(`/api/venues/${venueB.id}/programme/${itemB.id}`),
      t.http.post(`/api/venues/${venueB.id}/programme/from-template`).send({ replace: true }),
      // moving one's own venue into another province is a write to that province too
      t.http.patch(`/api/venues/${venueA.id}`).send({ version: venueA.version, provinceCode: '66' }),
      // a stale version or an impossible transition must not describe another province's venue either
      t.http.patch(`/api/venues/${venueB.id}`).send({ version: 99, expectedAttendance: 1 }),
      t.http.post(`/api/venues/${venueB.id}/transitions`).send({ to: 'held', version: 99 }),
    ];
    for (const write of writes) {
      const response = await write.set('Authorization', organizerA);
      expect(response.status).toBe(403);
      expect(response.body.code).toMatch(/PROVINCE_SCOPE|TRANSITION_FORBIDDEN/);
      expect(response.body.message).toMatch(/tỉnh|quyền/);
    }
    const untouched = await t.dataSource.getRepository(Venue).findOneByOrFail({ id: venueB.id });
    expect(untouched).toMatchObject({ version: venueB.version, expectedAttendance: venueB.expectedAttendance, status: 'scheduled' });
  });

  it('lets the organizer write in their own province, but not change a venue tier', async () => {
    await t.http.post('/api/venues').set('Authorization', organizerA).send(nominationIn('12')).expect(201);
    await t.http.patch(`/api/venues/${venueA.id}`).set('Authorization', organizerA).send({ version: venueA.version, expectedAttendance: 650 }).expect(200);
    // Demoting a central venue would let the province move it through the committee's workflow.
    const demote = await t.http
      .patch(`/api/venues/${venueA.id}`)
      .set('Authorization', organizerA)
      .send({ version: venueA.version + 1, tier: 'provincial' })
      .expect(403);
    expect(demote.body.code).toBe('PLANNER_ONLY');
  });

  it('keeps an organizer to their own province when reading', async () => {
    await t.http.get(`/api/venues/${venueB.id}`).set('Authorization', organizerA).expect(403);
    await t.http.get(`/api/venues/${venueB.id}/programme`).set('Authorization', organizerA).expect(403);
    await t.http.get('/api/venues').query({ provinceCode: '66' }).set('Authorization', organizerA).expect(403);
    const own = await t.http.get('/api/venues').query({ editionId: edition.id }).set('Authorization', organizerA).expect(200);
    expect(new Set(own.body.items.map((venue: Venue) => venue.provinceCode))).toEqual(new Set(['12']));
  });

  it('lets a viewer read but never write', async () => {
    await t.http.get(`/api/venues/${venueB.id}`).set('Authorization', viewer).expect(200);
    const writes = [
      t.http.post('/api/venues').send(nominationIn('12')),
      t.http.patch(`/api/venues/${venueA.id}`).send({ version: 1, expectedAttendance: 1 }),
      t.http.post(`/api/venues/${venueA.id}/transitions`).send({ to: 'cancelled', version: 1, reason: 'Thử quyền' }),
      t.http.post(`/api/venues/${venueA.id}/programme`).send({ part: 'ceremony', title: 'Văn nghệ', startTime: '08:00', endTime: '08:10' }),
      t.http.post('/api/editions').send({ year: 2099, theme: 'Không được phép' }),
      t.http.post('/api/leaders').send({}),
      t.http.get('/api/audit'),
      t.http.get('/api/invitations'), // invitations carry leaders' office contacts
      t.http.get(`/api/invitations/${randomUUID()}/history`),
      t.http.post(`/api/invitations/${randomUUID()}/substitute/approve`),
      t.http.post(`/api/invitations/${randomUUID()}/substitute/refuse`).send({ reason: 'Thử quyền' }),
    ];
    for (const write of writes) {
      const response = await write.set('Authorization', viewer);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
  });

  it('shows leaders on a need-to-know basis', async () => {
    const leader = await createLeader(t.dataSource, { fullName: 'Trần Văn Bình' });
    await t.http.post(`/api/venues/${venueA.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);

    // The organizer of the venue's province sees who comes, without contacts…
    const own = await t.http.get(`/api/venues/${venueA.id}/leaders`).set('Authorization', organizerA).expect(200);
    expect(own.body).toEqual([expect.objectContaining({ fullName: 'Trần Văn Bình', role: 'chief_guest' })]);
    expect(own.body[0]).not.toHaveProperty('officeEmail');
    // …but cannot browse the leaders' list or see other provinces' venues.
    await t.http.get('/api/leaders').set('Authorization', organizerA).expect(403);
    await t.http.get(`/api/venues/${venueB.id}/leaders`).set('Authorization', organizerA).expect(403);
    await t.http.post(`/api/venues/${venueA.id}/leaders`).set('Authorization', organizerA).send({ leaderId: leader.id, role: 'accompanying' }).expect(403);
    // The answers to the venue's invitations: the organizer of its province, never another province nor viewers.
    await t.http.get(`/api/venues/${venueA.id}/invitation-answers`).set('Authorization', organizerA).expect(200);
    await t.http.get(`/api/venues/${venueA.id}/invitation-answers`).set('Authorization', viewer).expect(403);
    await t.http.get(`/api/venues/${venueB.id}/invitation-answers`).set('Authorization', organizerA).expect(403);
    for (const route of [`/api/invitations/${randomUUID()}/history`, `/api/invitations/${randomUUID()}/substitute/approve`]) {
      const write = route.endsWith('approve') ? t.http.post(route) : t.http.get(route);
      expect((await write.set('Authorization', organizerA)).status).toBe(403);
    }

    // Viewers see names and positions but no contacts or availability, and not who goes where; planners see everything.
    await t.http.get(`/api/venues/${venueA.id}/leaders`).set('Authorization', viewer).expect(403);
    const forViewer = await t.http.get(`/api/leaders/${leader.id}`).set('Authorization', viewer).expect(200);
    expect(Object.keys(forViewer.body).sort()).toEqual(['fullName', 'id', 'organisation', 'position', 'rankTier']);
    const forPlanner = await t.http.get(`/api/leaders/${leader.id}`).set('Authorization', planner).expect(200);
    expect(forPlanner.body).toMatchObject({ officeEmail: leader.officeEmail, officePhone: '024 3823 0001', unavailability: [] });
  });

  it('keeps account administration to planners, and lets every role end its own session or change its own password', async () => {
    const target = await createUser(t.dataSource, Role.Viewer);
    const [{ version }] = await t.dataSource.query(`SELECT version FROM users WHERE id = $1`, [target.id]);
    const administration = [
      () => t.http.get('/api/users'),
      () => t.http.post('/api/users').send({ email: 'moi@test.ngayhoi.vn', fullName: 'Cán bộ mới', password: 'một-mật-khẩu-dài', role: 'viewer' }),
      () => t.http.post(`/api/users/${target.id}/deactivate`).send({ version }),
      () => t.http.post(`/api/users/${target.id}/reactivate`).send({ version }),
      () => t.http.post(`/api/users/${target.id}/require-password-change`).send({ version }),
    ];
    for (const call of administration) {
      for (const auth of [organizerA, viewer]) {
        const response = await call().set('Authorization', auth);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
      expect((await call()).status).toBe(401);
    }
    expect((await t.dataSource.query(`SELECT active, must_change_password, version FROM users WHERE id = $1`, [target.id]))[0]).toEqual({
      active: true,
      must_change_password: false,
      version,
    });
    await t.http.post(`/api/users/${target.id}/require-password-change`).set('Authorization', planner).send({ version }).expect(200);

    // Self-service needs a session, and any role has one.
    await t.http.post('/api/auth/logout').expect(401);
    await t.http.post('/api/auth/password').send({ currentPassword: 'x', newPassword: 'một-mật-khẩu-dài' }).expect(401);
    for (const role of [Role.CentralPlanner, Role.ProvincialOrganizer, Role.Viewer]) {
      const own = `Bearer ${await t.tokenFor(await createUser(t.dataSource, role, role === Role.ProvincialOrganizer ? '12' : null))}`;
      const wrong = await t.http.post('/api/auth/password').set('Authorization', own).send({ currentPassword: 'không-đúng', newPassword: 'một-mật-khẩu-dài' });
      expect(wrong.status).toBe(422);
      await t.http.post('/api/auth/logout').set('Authorization', own).expect(204);
      await t.http.get('/api/auth/me').set('Authorization', own).expect(401);
    }
  });

  it('shows health details to planners only', async () => {
    for (const auth of [organizerA, viewer]) expect((await t.http.get('/api/health').set('Authorization', auth).expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/api/health').set('Authorization', planner).expect(200)).body).toHaveProperty('info.database.status', 'up');
  });

  it('lets only planners list, issue, re-issue and revoke calendar feeds', async () => {
    const leader = await createLeader(t.dataSource, { fullName: 'Lý Văn Lịch' });
    const issued = await t.http.post('/api/calendar-feeds').set('Authorization', planner).send({ editionId: edition.id, leaderId: leader.id }).expect(200);
    const feedId: string = issued.body.id;
    for (const who of [organizerA, viewer]) {
      const attempts = [
        t.http.get('/api/calendar-feeds').query({ leaderId: leader.id }),
        t.http.post('/api/calendar-feeds').send({ editionId: edition.id, leaderId: leader.id }),
        t.http.post(`/api/calendar-feeds/${feedId}/reissue`),
        t.http.post(`/api/calendar-feeds/${feedId}/revoke`),
      ];
      for (const attempt of attempts) {
        const response = await attempt.set('Authorization', who);
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    }
    await t.http.post(`/api/calendar-feeds/${feedId}/revoke`).expect(401);
    const [feed] = await t.dataSource.query(`SELECT status, generation, revoked_at FROM calendar_feeds WHERE id = $1`, [feedId]);
    expect(feed).toEqual({ status: 'pending', generation: 1, revoked_at: null });
    await t.http.post(`/api/calendar-feeds/${feedId}/revoke`).set('Authorization', planner).expect(200);
    await t.http.post(`/api/calendar-feeds/${feedId}/reissue`).set('Authorization', planner).expect(200);
  });

  it('refuses requests without a valid token', async () => {
    const none = await t.http.get('/api/venues').expect(401);
    expect(none.body).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringContaining('đăng nhập') });
    await t.http.get('/api/venues').set('Authorization', 'Bearer not-a-token').expect(401);
  });
});
