import { randomUUID } from 'node:crypto';
import { Role } from '@app/auth';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

describe('Editions and leaders', () => {
  let t: TestApp;
  let planner: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(() => t.close());

  it('creates an edition with the 1 July – 19 August window by default and moves it forward one step at a time', async () => {
    const year = 2029;
    const created = await t.http.post('/api/editions').set('Authorization', planner).send({ year, theme: 'Toàn dân bảo vệ an ninh Tổ quốc' }).expect(201);
    expect(created.body).toMatchObject({
      year,
      windowStart: '2029-07-01',
      windowEnd: '2029-08-19',
      nationalDay: '2029-08-19',
      status: 'planning',
      timeZone: 'Asia/Ho_Chi_Minh',
      version: 1,
    });
    const duplicate = await t.http.post('/api/editions').set('Authorization', planner).send({ year, theme: 'Trùng năm' }).expect(409);
    expect(duplicate.body.code).toBe('EDITION_YEAR_TAKEN');

    const id = created.body.id;
    const skip = await t.http.post(`/api/editions/${id}/transitions`).set('Authorization', planner).send({ to: 'running', version: 1 }).expect(409);
    expect(skip.body.code).toBe('INVALID_TRANSITION');
    await t.http.post(`/api/editions/${id}/transitions`).set('Authorization', planner).send({ to: 'inviting', version: 1 }).expect(200);

    const badWindow = await t.http.patch(`/api/editions/${id}`).set('Authorization', planner).send({ version: 2, windowStart: '2029-08-20' }).expect(422);
    // An update may leave a field out, not empty it: null is a validation failure, not a crash.
    const emptied = await t.http.patch(`/api/editions/${id}`).set('Authorization', planner).send({ version: 2, windowStart: null, theme: null }).expect(400);
    expect(emptied.body.details.map((issue: { field: string }) => issue.field).sort()).toEqual(['theme', 'windowStart']);
    expect(badWindow.body.code).toBe('INVALID_WINDOW');
    expect((await auditEntriesFor(t.dataSource, 'edition', id)).map((entry: { action: string }) => entry.action)).toEqual(['create', 'transition']);
  });

  it('refuses to narrow the window past a scheduled venue, and all writes once closed', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-07-05` });
    const narrowed = await t.http
      .patch(`/api/editions/${edition.id}`)
      .set('Authorization', planner)
      .send({ version: 1, windowStart: `${edition.year}-07-15` })
      .expect(422);
    expect(narrowed.body).toMatchObject({ code: 'VENUES_OUTSIDE_WINDOW', details: { venues: [{ id: venue.id, date: `${edition.year}-07-05` }] } });

    await t.dataSource.query(`UPDATE editions SET status = 'closed' WHERE id = $1`, [edition.id]);
    const closed = await t.http
      .patch(`/api/venues/${venue.id}`)
      .set('Authorization', planner)
      .send({ version: venue.version, expectedAttendance: 10 })
      .expect(409);
    expect(closed.body.code).toBe('EDITION_CLOSED');
  });

  it('keeps a leader with availability, an edition title, and assigns chief guests under the rules', async () => {
    const edition = await createEdition(t.dataSource);
    const created = await t.http
      .post('/api/leaders')
      .set('Authorization', planner)
      .send({
        fullName: 'Lê Thị Thử Nghiệm',
        position: 'Phó Chủ tịch nước',
        rankTier: 'politburo',
        organisation: 'Văn phòng Chủ tịch nước',
        officeEmail: 'VP.PhoChuTich@vanphong.example.vn',
        homeProvinceCode: '40',
        preferredDates: [`${edition.year}-08-19`],
        unavailability: [{ startDate: `${edition.year}-08-01`, endDate: `${edition.year}-08-05`, reason: 'Công tác nước ngoài' }],
      })
      .expect(201);
    expect(created.body).toMatchObject({
      officeEmail: 'vp.phochutich@vanphong.example.vn',
      unavailability: [{ startDate: `${edition.year}-08-01`, endDate: `${edition.year}-08-05` }],
    });
    const leaderId = created.body.id;

    const overlapping = await t.http
      .patch(`/api/leaders/${leaderId}`)
      .set('Authorization', planner)
      .send({
        version: 1,
        unavailability: [
          { startDate: `${edition.year}-08-01`, endDate: `${edition.year}-08-05` },
          { startDate: `${edition.year}-08-04`, endDate: `${edition.year}-08-06` },
        ],
      })
      .expect(422);
    expect(overlapping.body.code).toBe('INVALID_DATE_RANGES');

    await t.http
      .put(`/api/editions/${edition.id}/leaders/${leaderId}`)
      .set('Authorization', planner)
      .send({ title: 'Ủy viên Bộ Chính trị, Phó Chủ tịch nước', maxAppearances: 2 })
      .expect(200);

    const busyDay = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-03` });
    const unavailable = await t.http
      .post(`/api/venues/${busyDay.id}/leaders`)
      .set('Authorization', planner)
      .send({ leaderId, role: 'chief_guest' })
      .expect(422);
    expect(unavailable.body).toMatchObject({ code: 'LEADER_UNAVAILABLE', message: `Lê Thị Thử Nghiệm bận vào ngày tổ chức (03/08/${edition.year}).` });

    const first = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-10` });
    const assigned = await t.http.post(`/api/venues/${first.id}/leaders`).set('Authorization', planner).send({ leaderId, role: 'chief_guest' }).expect(201);
    expect(assigned.body).toEqual([
      { leaderId, fullName: 'Lê Thị Thử Nghiệm', title: 'Ủy viên Bộ Chính trị, Phó Chủ tịch nước', rankTier: 'politburo', role: 'chief_guest' },
    ]);

    const other = await createLeader(t.dataSource);
    const secondChief = await t.http
      .post(`/api/venues/${first.id}/leaders`)
      .set('Authorization', planner)
      .send({ leaderId: other.id, role: 'chief_guest' })
      .expect(409);
    expect(secondChief.body.code).toBe('CHIEF_GUEST_TAKEN');
    const withCompanion = await t.http
      .post(`/api/venues/${first.id}/leaders`)
      .set('Authorization', planner)
      .send({ leaderId: other.id, role: 'accompanying' })
      .expect(201);
    expect(withCompanion.body.map((view: { role: string }) => view.role)).toEqual(['chief_guest', 'accompanying']); // the chief guest first
    await t.http.delete(`/api/venues/${first.id}/leaders/${other.id}`).set('Authorization', planner).expect(204);

    const sameDay = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-10` });
    expect(
      (await t.http.post(`/api/venues/${sameDay.id}/leaders`).set('Authorization', planner).send({ leaderId, role: 'chief_guest' }).expect(422)).body,
    ).toMatchObject({
      code: 'LEADER_DOUBLE_BOOKED',
      message: expect.stringContaining(`cùng ngày 10/08/${edition.year}`),
    });

    const second = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-12` });
    await t.http.post(`/api/venues/${second.id}/leaders`).set('Authorization', planner).send({ leaderId, role: 'chief_guest' }).expect(201);
    const third = await createVenue(t.dataSource, edition, '91', { scheduleOn: `${edition.year}-08-14` });
    expect(
      (await t.http.post(`/api/venues/${third.id}/leaders`).set('Authorization', planner).send({ leaderId, role: 'chief_guest' }).expect(422)).body.code,
    ).toBe('LEADER_MAX_APPEARANCES');

    await t.http.delete(`/api/venues/${second.id}/leaders/${leaderId}`).set('Authorization', planner).expect(204);
    await t.http.post(`/api/venues/${third.id}/leaders`).set('Authorization', planner).send({ leaderId, role: 'chief_guest' }).expect(201);

    const search = await t.http.get('/api/leaders').query({ q: 'thị thử nghiệm', rankTier: 'politburo' }).set('Authorization', planner).expect(200);
    expect(search.body.items.map((leader: { id: string }) => leader.id)).toEqual([leaderId]);

    // Taking the leader out of the edition waits until they attend none of its venues.
    const [{ id: participationId, version }] = await t.dataSource.query(
      `SELECT id, version FROM leader_participations WHERE edition_id = $1 AND leader_id = $2`,
      [edition.id, leaderId],
    );
    // A removal says which version it saw: none is 428, a stale one 409.
    const unversioned = await t.http.delete(`/api/editions/${edition.id}/leaders/${leaderId}`).set('Authorization', planner).expect(428);
    expect(unversioned.body.code).toBe('VERSION_REQUIRED');
    await t.http
      .delete(`/api/editions/${edition.id}/leaders/${leaderId}`)
      .query({ version: version + 1 })
      .set('Authorization', planner)
      .expect(409);
    const stillAssigned = await t.http.delete(`/api/editions/${edition.id}/leaders/${leaderId}`).query({ version }).set('Authorization', planner).expect(409);
    expect(stillAssigned.body).toMatchObject({ code: 'LEADER_STILL_ASSIGNED', details: { venues: 2 } });
    for (const venue of [first, third]) await t.http.delete(`/api/venues/${venue.id}/leaders/${leaderId}`).set('Authorization', planner).expect(204);
    await t.http.delete(`/api/editions/${edition.id}/leaders/${leaderId}`).query({ version }).set('Authorization', planner).expect(204);
    const participants = await t.http.get(`/api/editions/${edition.id}/leaders`).set('Authorization', planner).expect(200);
    expect(participants.body.map((participation: { leaderId: string }) => participation.leaderId)).not.toContain(leaderId);
    expect((await auditEntriesFor(t.dataSource, 'leader_participation', participationId)).map((entry: { action: string }) => entry.action)).toEqual([
      'create',
      'delete',
    ]);
    await t.http.delete(`/api/editions/${edition.id}/leaders/${leaderId}`).set('Authorization', planner).expect(404);

    // An assignment at a cancelled venue (which can no longer be edited) does not keep a leader in the edition.
    const dropped = await createVenue(t.dataSource, edition, '91', { scheduleOn: `${edition.year}-08-16` });
    await t.http.put(`/api/editions/${edition.id}/leaders/${other.id}`).set('Authorization', planner).send({ title: 'Bộ trưởng' }).expect(200);
    await t.http.post(`/api/venues/${dropped.id}/leaders`).set('Authorization', planner).send({ leaderId: other.id, role: 'chief_guest' }).expect(201);
    await t.http
      .post(`/api/venues/${dropped.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'cancelled', version: dropped.version, reason: 'Mưa lũ' })
      .expect(200);
    await t.http.delete(`/api/editions/${edition.id}/leaders/${other.id}`).query({ version: 1 }).set('Authorization', planner).expect(204);
  });

  it('refuses to schedule a venue on a day its assigned leader cannot come', async () => {
    const edition = await createEdition(t.dataSource);
    const leader = await createLeader(t.dataSource, { fullName: 'Hoàng Văn Lâm' }, [[`${edition.year}-08-01`, `${edition.year}-08-03`]]);
    const approved = await createVenue(t.dataSource, edition, '12', { status: 'approved' as never });
    await t.http.post(`/api/venues/${approved.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    const busy = await t.http
      .post(`/api/venues/${approved.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: approved.version, date: `${edition.year}-08-02`, startTime: '07:30', endTime: '11:30' })
      .expect(422);
    expect(busy.body).toMatchObject({ code: 'ASSIGNED_LEADERS_UNAVAILABLE', details: { leaders: [{ fullName: 'Hoàng Văn Lâm', reason: 'unavailable' }] } });

    const elsewhere = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-10` });
    const other = await createVenue(t.dataSource, edition, '91', { status: 'approved' as never });
    const second = await createLeader(t.dataSource, { fullName: 'Vũ Thị Mai' });
    await t.http
      .put(`/api/editions/${edition.id}/leaders/${second.id}`)
      .set('Authorization', planner)
      .send({ title: 'Bộ trưởng', maxAppearances: 2 })
      .expect(200);
    await t.http.post(`/api/venues/${elsewhere.id}/leaders`).set('Authorization', planner).send({ leaderId: second.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/venues/${other.id}/leaders`).set('Authorization', planner).send({ leaderId: second.id, role: 'chief_guest' }).expect(201);
    const doubled = await t.http
      .post(`/api/venues/${other.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: other.version, date: `${edition.year}-08-10`, startTime: '07:30', endTime: '11:30' })
      .expect(422);
    expect(doubled.body.details.leaders).toEqual([{ fullName: 'Vũ Thị Mai', reason: 'double_booked', otherVenue: elsewhere.name }]);
    await t.http
      .post(`/api/venues/${approved.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: approved.version, date: `${edition.year}-08-04`, startTime: '07:30', endTime: '11:30' })
      .expect(200);
  });

  it('pages leaders by leader, however many unavailability ranges each has, ranges earliest first', async () => {
    const tag = randomUUID().slice(0, 6);
    // Seven leaders, B with none and the others with three ranges each, written latest first.
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((letter) => `Phân trang ${tag} ${letter}`);
    for (const [index, fullName] of names.entries()) {
      const ranges: Array<[string, string]> =
        index === 1
          ? []
          : [
              ['2031-09-20', '2031-09-21'],
              ['2031-07-01', '2031-07-03'],
              ['2031-08-10', '2031-08-12'],
            ];
      await createLeader(t.dataSource, { fullName }, ranges);
    }
    const pageOf = (page: number) =>
      t.http
        .get('/api/leaders')
        .query({ q: `phân trang ${tag}`, pageSize: 5, page })
        .set('Authorization', planner)
        .expect(200);

    const first = await pageOf(1);
    expect(first.body).toMatchObject({ total: 7, page: 1, pageSize: 5 });
    expect(first.body.items.map((leader: { fullName: string }) => leader.fullName)).toEqual(names.slice(0, 5));
    expect(first.body.items[0].unavailability.map((range: { startDate: string }) => range.startDate)).toEqual(['2031-07-01', '2031-08-10', '2031-09-20']);
    expect(first.body.items[1].unavailability).toEqual([]);
    const second = await pageOf(2);
    expect(second.body).toMatchObject({ total: 7, page: 2 });
    expect(second.body.items.map((leader: { fullName: string }) => leader.fullName)).toEqual(names.slice(5));
  });

  it('lists the 34 provinces and the 63 former ones', async () => {
    const provinces = await t.http.get('/api/provinces').set('Authorization', planner).expect(200);
    expect(provinces.body).toHaveLength(34);
    expect(provinces.body.find((province: { code: string }) => province.code === '12')).toMatchObject({ name: 'Lai Châu', defaultRegion: 'tay_bac' });
    const former = await t.http.get('/api/provinces/former').set('Authorization', planner).expect(200);
    expect(former.body).toHaveLength(63);
    expect(former.body.find((entry: { name: string }) => entry.name === 'Kon Tum')).toMatchObject({ provinceCode: '51', region: 'tay_nguyen' });
  });
});
