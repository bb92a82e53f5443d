import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

describe('Validation errors and optimistic locking', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  const valid = () => ({
    editionId: edition.id,
    name: `Điểm ${Math.random().toString(36).slice(2, 8)}`,
    tier: 'central',
    provinceCode: '11',
    communeName: 'Xã Mường Nhé',
    hostKind: 'ban',
    address: 'Bản Huổi Lếch, xã Mường Nhé',
    latitude: 22.19,
    longitude: 102.45,
    expectedAttendance: 700,
    candidateDates: [`${edition.year}-08-15`],
  });
  const venueCount = async () => Number((await t.dataSource.query(`SELECT count(*) FROM venues WHERE edition_id = $1`, [edition.id]))[0].count);

  it.each([
    ['an unknown field', { budget: 1000 }, 'budget', 'trường này không được phép'],
    ['an impossible date', { candidateDates: ['2030-02-30'] }, 'candidateDates', 'phải là ngày hợp lệ dạng YYYY-MM-DD'],
    ['a bad enum', { tier: 'national' }, 'tier', 'giá trị không thuộc danh sách cho phép'],
    ['a latitude off the globe', { latitude: 123 }, 'latitude', 'vĩ độ không hợp lệ'],
  ])('answers 400 with a code for %s, and writes nothing', async (_case, change, field, message) => {
    const before = await venueCount();
    const response = await t.http
      .post('/api/venues')
      .set('Authorization', planner)
      .send({ ...valid(), ...change })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toBe('Dữ liệu gửi lên không hợp lệ.');
    expect(response.body.details).toContainEqual({ field, messages: expect.arrayContaining([message]) });
    expect(await venueCount()).toBe(before);
  });

  it('answers 400, not 500, to null for a required field on PATCH, and clears an optional one', async () => {
    const venue = await createVenue(t.dataSource, edition, '11');
    const nulls = await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: 1, name: null, latitude: null }).expect(400);
    expect(nulls.body.details.map((issue: { field: string }) => issue.field).sort()).toEqual(['latitude', 'name']);
    const cleared = await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: 1, hamletName: null }).expect(200);
    expect(cleared.body.hamletName).toBeNull();
  });

  it('answers 422 for a candidate date outside the window, and writes nothing', async () => {
    const before = await venueCount();
    const response = await t.http
      .post('/api/venues')
      .set('Authorization', planner)
      .send({ ...valid(), candidateDates: [`${edition.year}-09-01`] })
      .expect(422);
    expect(response.body).toMatchObject({ code: 'DATE_OUTSIDE_WINDOW', details: { dates: [`${edition.year}-09-01`] } });
    expect(await venueCount()).toBe(before);
  });

  it('answers 400 for a malformed id and a malformed JSON body', async () => {
    expect((await t.http.get('/api/venues/not-a-uuid').set('Authorization', planner).expect(400)).body.code).toBe('BAD_REQUEST');
    const broken = await t.http.post('/api/venues').set('Authorization', planner).set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(broken.body).toEqual({ code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' });
  });

  it('lets one of two concurrent updates of the same version win and answers 409 to the other', async () => {
    const venue = await createVenue(t.dataSource, edition, '11');
    const update = (expectedAttendance: number) =>
      t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: venue.version, expectedAttendance });

    const responses = await Promise.all([update(1111), update(2222)]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = responses.find((response) => response.status === 200)!;
    const loser = responses.find((response) => response.status === 409)!;
    expect(loser.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } });

    const [stored] = await t.dataSource.query(`SELECT expected_attendance, version FROM venues WHERE id = $1`, [venue.id]);
    expect(stored).toEqual({ expected_attendance: winner.body.expectedAttendance, version: 2 });
    const updates = (await auditEntriesFor(t.dataSource, 'venue', venue.id)).filter((entry: { action: string }) => entry.action === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0].changes).toEqual({ expectedAttendance: { before: 500, after: winner.body.expectedAttendance } });
  });

  it('answers 409 to a stale version even without concurrency', async () => {
    const venue = await createVenue(t.dataSource, edition, '11');
    await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: 1, name: 'Tên mới hợp lệ' }).expect(200);
    const stale = await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: 1, name: 'Tên khác' }).expect(409);
    expect(stale.body.message).toContain('tải lại');
  });
});
