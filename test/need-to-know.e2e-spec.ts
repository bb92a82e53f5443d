import { Role } from '@app/auth';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 16, item 10: a refused scheduling tells an organizer neither another province's venue nor a
 * leader's reason for being away; viewers do not read leaders' movements venue by venue (the export's rule).
 */
describe('Need to know: refusals and leaders’ movements per role', () => {
  let t: TestApp;
  let planner: string;
  let organizer: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(() => t.close());

  it('tells an organizer only that the leader is engaged elsewhere; the planner gets the details', async () => {
    const edition = await createEdition(t.dataSource);
    const day = `${edition.year}-08-10`;
    const away = await createLeader(t.dataSource, { fullName: 'Đỗ Văn Vắng' }, [[day, day]]);
    await t.dataSource.query(`UPDATE leader_unavailability SET reason = 'Khám sức khỏe định kỳ tại Bệnh viện 108' WHERE leader_id = $1`, [away.id]);
    const elsewhereLeader = await createLeader(t.dataSource, { fullName: 'Lê Thị Bận' });
    await t.http.put(`/api/editions/${edition.id}/leaders/${elsewhereLeader.id}`).set('Authorization', planner).send({ title: 'Bộ trưởng', maxAppearances: 2 });
    const elsewhere = await createVenue(t.dataSource, edition, '79', { scheduleOn: day, name: 'Điểm bí mật Thành phố Hồ Chí Minh' });
    await t.http
      .post(`/api/venues/${elsewhere.id}/leaders`)
      .set('Authorization', planner)
      .send({ leaderId: elsewhereLeader.id, role: 'chief_guest' })
      .expect(201);

    const schedule = { to: 'scheduled', date: day, startTime: '07:30', endTime: '11:30' };
    const ownA = await createVenue(t.dataSource, edition, '12', { tier: 'provincial' as never, status: 'approved' as never });
    const ownB = await createVenue(t.dataSource, edition, '12', { tier: 'provincial' as never, status: 'approved' as never });
    await t.http.post(`/api/venues/${ownA.id}/leaders`).set('Authorization', planner).send({ leaderId: away.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/venues/${ownB.id}/leaders`).set('Authorization', planner).send({ leaderId: elsewhereLeader.id, role: 'chief_guest' }).expect(201);

    const unavailable = await t.http
      .post(`/api/venues/${ownA.id}/transitions`)
      .set('Authorization', organizer)
      .send({ ...schedule, version: ownA.version })
      .expect(422);
    expect(unavailable.body).toEqual({
      code: 'ASSIGNED_LEADERS_UNAVAILABLE',
      message: `Không thể xếp lịch ngày ${day}: lãnh đạo đã có lịch khác (Đỗ Văn Vắng).`,
      details: { leaders: [{ fullName: 'Đỗ Văn Vắng', reason: 'busy' }] },
    });
    expect(JSON.stringify(unavailable.body)).not.toMatch(/Khám sức khỏe|unavailable/);

    const doubled = await t.http
      .post(`/api/venues/${ownB.id}/transitions`)
      .set('Authorization', organizer)
      .send({ ...schedule, version: ownB.version })
      .expect(422);
    expect(doubled.body.message).toContain('lãnh đạo đã có lịch khác');
    expect(doubled.body.details).toEqual({ leaders: [{ fullName: 'Lê Thị Bận', reason: 'busy' }] });
    expect(JSON.stringify(doubled.body)).not.toMatch(/Điểm bí mật|Hồ Chí Minh|double_booked/);

    // The planner who sorts it out sees why.
    const forPlanner = await t.http
      .post(`/api/venues/${ownA.id}/transitions`)
      .set('Authorization', planner)
      .send({ ...schedule, version: ownA.version })
      .expect(422);
    expect(forPlanner.body.details.leaders).toEqual([
      { fullName: 'Đỗ Văn Vắng', reason: 'unavailable', otherVenue: null, note: 'Khám sức khỏe định kỳ tại Bệnh viện 108' },
    ]);
    const doubledForPlanner = await t.http
      .post(`/api/venues/${ownB.id}/transitions`)
      .set('Authorization', planner)
      .send({ ...schedule, version: ownB.version })
      .expect(422);
    expect(doubledForPlanner.body.details.leaders).toEqual([
      { fullName: 'Lê Thị Bận', reason: 'double_booked', otherVenue: 'Điểm bí mật Thành phố Hồ Chí Minh' },
    ]);
  });

  it('keeps leaders’ movements from viewers venue by venue, as from the export', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    const leader = await createLeader(t.dataSource, { fullName: 'Phan Văn Đi' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);

    const refused = await t.http.get(`/api/venues/${venue.id}/leaders`).set('Authorization', viewer).expect(403);
    expect(refused.body.code).toBe('NEED_TO_KNOW');
    await t.http.get(`/api/editions/${edition.id}/export?format=csv`).set('Authorization', viewer).expect(403);
    // Planners and the province's organizer still see who comes.
    const forPlanner = await t.http.get(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).expect(200);
    expect(forPlanner.body.map((row: { fullName: string }) => row.fullName)).toEqual(['Phan Văn Đi']);
    const forOrganizer = await t.http.get(`/api/venues/${venue.id}/leaders`).set('Authorization', organizer).expect(200);
    expect(forOrganizer.body.map((row: { fullName: string }) => row.fullName)).toEqual(['Phan Văn Đi']);
    // The venue itself stays readable to the viewer.
    await t.http.get(`/api/venues/${venue.id}`).set('Authorization', viewer).expect(200);
  });
});
