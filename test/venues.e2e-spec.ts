import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

describe('Venues (workflow, filters, audit)', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let laiChau: string;
  let laiChauUser: { id: string; fullName: string };

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    laiChauUser = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    laiChau = `Bearer ${await t.tokenFor(laiChauUser)}`;
  });
  afterAll(() => t.close());

  const nomination = (overrides: Record<string, unknown> = {}) => ({
    editionId: edition.id,
    name: `Ngày hội tại bản Nậm Cang ${Math.random().toString(36).slice(2, 7)}`,
    tier: 'central',
    provinceCode: '12',
    communeName: 'Xã Sìn Hồ',
    hamletName: 'Bản Nậm Cang',
    hostKind: 'ban',
    address: 'Bản Nậm Cang, xã Sìn Hồ, tỉnh Lai Châu',
    latitude: 22.36,
    longitude: 103.24,
    areaFlags: ['bien_gioi', 'dan_toc_thieu_so'],
    expectedAttendance: 800,
    candidateDates: [`${edition.year}-08-12`, `${edition.year}-08-10`],
    ...overrides,
  });

  const transition = (id: string, body: Record<string, unknown>, token = planner) =>
    t.http.post(`/api/venues/${id}/transitions`).set('Authorization', token).send(body);

  it('runs nominated → shortlisted → approved → scheduled, each step checked and audited', async () => {
    const created = await t.http.post('/api/venues').set('Authorization', laiChau).send(nomination()).expect(201);
    expect(created.body).toMatchObject({ status: 'nominated', version: 1, region: 'tay_bac', nominatedBy: laiChauUser.id });
    expect(created.body.candidateDates).toEqual([`${edition.year}-08-10`, `${edition.year}-08-12`]);
    const id = created.body.id;

    const skipped = await transition(id, { to: 'approved', version: 1 }).expect(409);
    expect(skipped.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'nominated', allowed: ['shortlisted', 'rejected', 'cancelled'] } });
    expect(skipped.body.message).toContain('Không thể chuyển');

    // A central-tier venue is the committee's choice: its province cannot shortlist it.
    await transition(id, { to: 'shortlisted', version: 1 }, laiChau).expect(403);

    await transition(id, { to: 'shortlisted', version: 1 }).expect(200);
    await transition(id, { to: 'approved', version: 2 }).expect(200);

    const outside = await transition(id, { to: 'scheduled', version: 3, date: `${edition.year}-09-02`, startTime: '07:30', endTime: '11:30' }).expect(422);
    expect(outside.body.code).toBe('DATE_OUTSIDE_WINDOW');
    const incomplete = await transition(id, { to: 'scheduled', version: 3, date: `${edition.year}-08-12` }).expect(422);
    expect(incomplete.body).toMatchObject({ code: 'SCHEDULE_INCOMPLETE', details: { fields: ['startTime', 'endTime'] } });

    const scheduled = await transition(id, { to: 'scheduled', version: 3, date: `${edition.year}-08-12`, startTime: '07:30', endTime: '11:30' }).expect(200);
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      scheduledDate: `${edition.year}-08-12`,
      startsAt: `${edition.year}-08-12T00:30:00.000Z`, // 07:30 in Asia/Ho_Chi_Minh (UTC+7)
      endsAt: `${edition.year}-08-12T04:30:00.000Z`,
      startTime: '07:30',
      endTime: '11:30',
      version: 4,
    });

    const notYet = await transition(id, { to: 'held', version: 4 }).expect(422);
    expect(notYet.body.code).toBe('NOT_YET_HELD');

    const entries = await auditEntriesFor(t.dataSource, 'venue', id);
    // Approval also started the venue's preparation checklist, recorded on the venue.
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['create', 'transition', 'transition', 'update', 'transition']);
    expect(entries[3].note).toContain('công việc hậu cần');
    expect(entries[1]).toMatchObject({ changes: { status: { before: 'nominated', after: 'shortlisted' } } });
    expect(entries[0].actor_id).toBe(laiChauUser.id);

    const listed = await t.http.get('/api/audit').query({ entityType: 'venue', entityId: id }).set('Authorization', planner).expect(200);
    expect(listed.body.total).toBe(5);
    expect(listed.body.items[0].action).toBe('transition');
    // Named for people (issue 18): the actor by full name, the venue by the name its creation recorded.
    expect(listed.body.items.at(-1)).toMatchObject({ action: 'create', actorName: laiChauUser.fullName, subjectName: created.body.name });
    expect(listed.body.items[0]).toMatchObject({ subjectName: created.body.name, names: {} });
  });

  it('keeps contact e-mails in one form, on creation and on edit', async () => {
    const { body: venue } = await t.http
      .post('/api/venues')
      .set('Authorization', planner)
      .send({ ...nomination(), contactEmail: 'CA.Xa@LaiChau.Example.vn' })
      .expect(201);
    expect(venue.contactEmail).toBe('ca.xa@laichau.example.vn');
    const edited = await t.http
      .patch(`/api/venues/${venue.id}`)
      .set('Authorization', planner)
      .send({ version: venue.version, contactEmail: 'Doan.CongTac@LaiChau.Example.vn' })
      .expect(200);
    expect(edited.body.contactEmail).toBe('doan.congtac@laichau.example.vn');
  });

  it('clears an optional field sent as null (as the document says), and refuses null for a required one', async () => {
    const { body: venue } = await t.http
      .post('/api/venues')
      .set('Authorization', planner)
      .send({ ...nomination(), coHost: 'Đồn Biên phòng', contactEmail: 'ca.xa@laichau.example.vn' })
      .expect(201);
    const cleared = await t.http
      .patch(`/api/venues/${venue.id}`)
      .set('Authorization', planner)
      .send({ version: venue.version, coHost: null, contactEmail: null })
      .expect(200);
    expect([cleared.body.coHost, cleared.body.contactEmail]).toEqual([null, null]);
    const refused = await t.http
      .patch(`/api/venues/${venue.id}`)
      .set('Authorization', planner)
      .send({ version: cleared.body.version, communeName: null })
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
  });

  it('rejects only with a reason, and then refuses every edit', async () => {
    const { body: venue } = await t.http.post('/api/venues').set('Authorization', planner).send(nomination()).expect(201);
    const noReason = await transition(venue.id, { to: 'rejected', version: 1 }).expect(422);
    expect(noReason.body.code).toBe('REASON_REQUIRED');

    const rejected = await transition(venue.id, { to: 'rejected', version: 1, reason: 'Trùng địa bàn với điểm khác' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'Trùng địa bàn với điểm khác' });

    const edit = await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: 2, expectedAttendance: 900 }).expect(409);
    expect(edit.body.code).toBe('VENUE_FINAL');
    await transition(venue.id, { to: 'shortlisted', version: 2 }).expect(409);

    const [entry] = (await auditEntriesFor(t.dataSource, 'venue', venue.id)).slice(-1);
    expect(entry.note).toBe('Trùng địa bàn với điểm khác');
  });

  it('refuses edits to a held venue', async () => {
    const held = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-01` });
    await t.dataSource.query(`UPDATE venues SET status = 'held' WHERE id = $1`, [held.id]);
    const response = await t.http.patch(`/api/venues/${held.id}`).set('Authorization', planner).send({ version: held.version, name: 'Đổi tên' }).expect(409);
    expect(response.body.code).toBe('VENUE_FINAL');
    await transition(held.id, { to: 'cancelled', version: held.version, reason: 'Thử hủy' }).expect(409);
  });

  it('lets an organizer withdraw their own nomination and schedule a non-central venue of their province', async () => {
    const { body: own } = await t.http
      .post('/api/venues')
      .set('Authorization', laiChau)
      .send(nomination({ tier: 'commune', hostKind: 'xa' }))
      .expect(201);
    await transition(own.id, { to: 'shortlisted', version: 1 }, laiChau).expect(200);
    await transition(own.id, { to: 'approved', version: 2 }, laiChau).expect(200);
    await transition(own.id, { to: 'scheduled', version: 3, date: `${edition.year}-07-20`, startTime: '08:00', endTime: '11:00' }, laiChau).expect(200);

    const { body: withdrawn } = await t.http.post('/api/venues').set('Authorization', laiChau).send(nomination()).expect(201);
    await transition(withdrawn.id, { to: 'cancelled', version: 1, reason: 'Tỉnh rút đề xuất' }, laiChau).expect(200);
  });

  it('filters by province, region, status and date range, and paginates', async () => {
    const filtered = await createEdition(t.dataSource);
    await createVenue(t.dataSource, filtered, '12', { scheduleOn: `${filtered.year}-08-05` });
    await createVenue(t.dataSource, filtered, '12', { scheduleOn: `${filtered.year}-08-15` });
    await createVenue(t.dataSource, filtered, '66', { region: 'tay_nguyen' as never, scheduleOn: `${filtered.year}-08-10` });
    await createVenue(t.dataSource, filtered, '91', { region: 'tay_nam_bo' as never });

    const get = (query: Record<string, unknown>) =>
      t.http
        .get('/api/venues')
        .query({ editionId: filtered.id, ...query })
        .set('Authorization', planner)
        .expect(200);

    expect((await get({})).body.total).toBe(4);
    expect((await get({ provinceCode: '12' })).body.total).toBe(2);
    expect((await get({ region: 'tay_nguyen' })).body.items.map((venue: { provinceCode: string }) => venue.provinceCode)).toEqual(['66']);
    expect((await get({ status: 'nominated' })).body.total).toBe(1);
    expect((await get({ status: 'nominated,scheduled' })).body.total).toBe(4);
    const range = await get({ dateFrom: `${filtered.year}-08-06`, dateTo: `${filtered.year}-08-15` });
    expect(range.body.items.map((venue: { scheduledDate: string }) => venue.scheduledDate)).toEqual([`${filtered.year}-08-10`, `${filtered.year}-08-15`]);

    const page = await get({ pageSize: 3, page: 2 });
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.body.items).toHaveLength(1);

    const tooBig = await t.http.get('/api/venues').query({ pageSize: 1000 }).set('Authorization', planner).expect(400);
    expect(tooBig.body.code).toBe('VALIDATION_FAILED');
  });
});
