import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { Venue } from '@app/venues/venue.entity';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

const DIEN_BIEN_PHU = { latitude: 21.386, longitude: 103.023 };
const LAI_CHAU = { latitude: 22.396, longitude: 103.458 };

describe('Logistics: shared resources and their bookings', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let viewer: string;
  let laiChau: string;
  let dienBien: string;

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
    laiChau = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    dienBien = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '11'))}`;
  });
  afterAll(() => t.close());

  const at = (day: string, time: string) => `${edition.year}-08-${day}T${time}:00+07:00`;
  const createResource = async (name: string, body: Record<string, unknown> = {}) =>
    (
      await t.http
        .post(`/api/editions/${edition.id}/resources`)
        .set('Authorization', planner)
        .send({ name, kind: 'art_troupe', ownerUnit: 'Cục Công tác Đảng và công tác chính trị', ...body })
        .expect(201)
    ).body;
  const book = (resourceId: string, body: Record<string, unknown>, token = planner) =>
    t.http.post(`/api/resources/${resourceId}/bookings`).set('Authorization', token).send(body);
  const bookingCount = async (resourceId: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM resource_bookings WHERE resource_id = $1`, [resourceId]))[0].n);
  const dienBienVenue = (name: string) => createVenue(t.dataSource, edition, '11', { name, ...DIEN_BIEN_PHU, scheduleOn: `${edition.year}-08-15` });
  const laiChauVenue = (name: string) =>
    createVenue(t.dataSource, edition, '12', { name, ...LAI_CHAU, scheduleOn: `${edition.year}-08-15`, hours: ['17:00', '21:00'] });

  it('lets planners create, list and edit resources with a version check; others may not write', async () => {
    const troupe = await createResource('Đội văn nghệ Quân khu 2');
    expect(troupe).toMatchObject({ editionId: edition.id, kind: 'art_troupe', travelSpeedKmh: 40, bufferMinutes: 60, notes: null, version: 1 });
    await t.http
      .post(`/api/editions/${edition.id}/resources`)
      .set('Authorization', laiChau)
      .send({ name: 'Xe của tỉnh', kind: 'vehicle', ownerUnit: 'Công an tỉnh' })
      .expect(403);
    const taken = await t.http
      .post(`/api/editions/${edition.id}/resources`)
      .set('Authorization', planner)
      .send({ name: 'Đội văn nghệ Quân khu 2', kind: 'art_troupe', ownerUnit: 'Quân khu 2' })
      .expect(409);
    expect(taken.body.code).toBe('RESOURCE_NAME_TAKEN');

    const list = (await t.http.get(`/api/editions/${edition.id}/resources`).set('Authorization', viewer).expect(200)).body;
    expect(list.items.map((resource: { id: string }) => resource.id)).toContain(troupe.id);
    await t.http.get(`/api/editions/${edition.id}/resources`).set('Authorization', laiChau).expect(403);

    const edited = (
      await t.http.patch(`/api/resources/${troupe.id}`).set('Authorization', planner).send({ version: 1, travelSpeedKmh: 35, notes: 'Đường đèo' }).expect(200)
    ).body;
    expect(edited).toMatchObject({ travelSpeedKmh: 35, notes: 'Đường đèo', version: 2 });
    const stale = await t.http.patch(`/api/resources/${troupe.id}`).set('Authorization', planner).send({ version: 1, bufferMinutes: 30 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } });
    await t.http.patch(`/api/resources/${troupe.id}`).set('Authorization', laiChau).send({ version: 2, notes: 'Không được' }).expect(403);
    expect((await auditEntriesFor(t.dataSource, 'shared_resource', troupe.id)).map((entry: { action: string }) => entry.action)).toEqual(['create', 'update']);
    // A field left out stays; set to null it is refused under its name (never a 500), and nothing is written.
    const emptied = await t.http
      .patch(`/api/resources/${troupe.id}`)
      .set('Authorization', planner)
      .send({ version: 2, name: null, kind: null, travelSpeedKmh: null })
      .expect(400);
    expect(emptied.body.details.map((issue: { field: string }) => issue.field).sort()).toEqual(['kind', 'name', 'travelSpeedKmh']);
    const cleared = (await t.http.patch(`/api/resources/${troupe.id}`).set('Authorization', planner).send({ version: 2, notes: null }).expect(200)).body;
    expect(cleared).toMatchObject({ notes: null, version: 3, travelSpeedKmh: 35 });
  });

  it('books venues far apart with enough road between them, refuses overlaps and tight travel unless accepted', async () => {
    const troupe = await createResource('Đội văn nghệ Trung ương');
    const muongPhang = await dienBienVenue('Ngày hội bản Mường Phăng');
    const namCang = await laiChauVenue('Ngày hội bản Nậm Cang');
    const sinHo = await laiChauVenue('Ngày hội xã Sìn Hồ');

    const morning = (
      await book(troupe.id, { venueId: muongPhang.id, startsAt: at('15', '07:30'), endsAt: at('15', '11:30'), note: 'Biểu diễn chào mừng' }).expect(201)
    ).body;
    expect(morning).toMatchObject({
      venueName: 'Ngày hội bản Mường Phăng',
      startDate: `${edition.year}-08-15`,
      startTime: '07:30',
      endTime: '11:30',
      travelWarning: null,
    });
    expect(morning.startsAt).toBe(`${edition.year}-08-15T00:30:00.000Z`);
    // Điện Biên Phủ → Lai Châu: ~170 km of road at 40 km/h + 1 h buffer = 5 h 15; 11:30 → 17:00 leaves 5 h 30.
    const evening = (await book(troupe.id, { venueId: namCang.id, startsAt: at('15', '17:00'), endsAt: at('15', '21:00') }).expect(201)).body;
    expect(evening.travelWarning).toBeNull();

    const overlap = await book(troupe.id, { venueId: sinHo.id, startsAt: at('15', '11:00'), endsAt: at('15', '13:00') }).expect(409);
    expect(overlap.body.code).toBe('RESOURCE_OVERLAP');
    expect(overlap.body.message).toBe(`Đội văn nghệ Trung ương đã được đặt cho điểm "Ngày hội bản Mường Phăng" từ 07:30 đến 11:30 ngày 15/08/${edition.year}.`);
    expect(overlap.body.details).toMatchObject({ bookingId: morning.id, venueId: muongPhang.id, startTime: '07:30', endTime: '11:30' });
    // Overlaps are refused even when the planner accepts tight travel.
    await book(troupe.id, { venueId: sinHo.id, startsAt: at('15', '11:00'), endsAt: at('15', '13:00'), acceptTightTravel: true }).expect(409);

    // A rehearsal at Nậm Cang in the afternoon: only 2 h 30 after Mường Phăng.
    const rehearsal = { venueId: namCang.id, startsAt: at('15', '14:00'), endsAt: at('15', '16:00') };
    const tight = await book(troupe.id, rehearsal).expect(409);
    expect(tight.body.code).toBe('RESOURCE_TRAVEL_TIME');
    expect(tight.body.message).toContain('"Ngày hội bản Mường Phăng" (đã đặt từ 07:30 đến 11:30 ngày');
    expect(tight.body.message).toContain('cần 5 giờ 15 phút');
    expect(tight.body.message).toContain('chỉ còn 2 giờ 30 phút');
    expect(tight.body.details).toMatchObject({
      bookingId: morning.id,
      position: 'before',
      requiredMinutes: 315,
      availableMinutes: 150,
      requiredHours: 5.25,
      availableHours: 2.5,
    });
    expect(await bookingCount(troupe.id)).toBe(2);

    const flagged = (await book(troupe.id, { ...rehearsal, acceptTightTravel: true }).expect(201)).body;
    expect(flagged.travelWarning).toContain('Ngày hội bản Mường Phăng');
    expect(flagged.travelWarning).toContain('chỉ còn 2 giờ 30 phút');
    const audit = await auditEntriesFor(t.dataSource, 'resource_booking', flagged.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'create', note: expect.stringContaining('Chấp nhận thời gian di chuyển gấp') })]);

    const all = (await t.http.get(`/api/resources/${troupe.id}/bookings`).set('Authorization', viewer).expect(200)).body;
    expect(all.map((booking: { id: string }) => booking.id)).toEqual([morning.id, flagged.id, evening.id]);
  });

  it("lets organizers read their own venues' bookings only, and never book", async () => {
    const stage = await createResource('Sân khấu lưu động số 1', { kind: 'mobile_stage', travelSpeedKmh: 30, bufferMinutes: 180 });
    const venue = await laiChauVenue('Ngày hội bản Tà Mung');
    await book(stage.id, { venueId: venue.id, startsAt: at('14', '18:00'), endsAt: at('15', '22:00') }).expect(201);

    const own = (await t.http.get(`/api/venues/${venue.id}/bookings`).set('Authorization', laiChau).expect(200)).body;
    expect(own).toEqual([
      expect.objectContaining({
        resourceName: 'Sân khấu lưu động số 1',
        resourceKind: 'mobile_stage',
        startDate: `${edition.year}-08-14`,
        endDate: `${edition.year}-08-15`,
      }),
    ]);
    await t.http.get(`/api/venues/${venue.id}/bookings`).set('Authorization', dienBien).expect(403);
    await t.http.get(`/api/resources/${stage.id}/bookings`).set('Authorization', laiChau).expect(403);
    await book(stage.id, { venueId: venue.id, startsAt: at('16', '07:00'), endsAt: at('16', '12:00') }, laiChau).expect(403);
    await book(stage.id, { venueId: venue.id, startsAt: at('16', '07:00'), endsAt: at('16', '12:00') }, viewer).expect(403);
    const booking = own[0];
    await t.http.delete(`/api/resources/${stage.id}/bookings/${booking.id}`).set('Authorization', laiChau).expect(403);
    expect(await bookingCount(stage.id)).toBe(1);

    await t.http.delete(`/api/resources/${stage.id}/bookings/${booking.id}`).set('Authorization', planner).expect(204);
    await t.http.delete(`/api/resources/${stage.id}/bookings/${booking.id}`).set('Authorization', planner).expect(404);
    expect(await bookingCount(stage.id)).toBe(0);
    expect((await auditEntriesFor(t.dataSource, 'resource_booking', booking.id)).map((entry: { action: string }) => entry.action)).toEqual([
      'create',
      'delete',
    ]);
  });

  it('releases the bookings of a cancelled venue in the same transaction, audited', async () => {
    const press = await createResource('Ê-kíp Truyền hình Công an nhân dân', { kind: 'press_crew' });
    const kept = await dienBienVenue('Ngày hội phường Him Lam');
    const dropped = await laiChauVenue('Ngày hội bản Hua Bum');
    const keep = (await book(press.id, { venueId: kept.id, startsAt: at('15', '07:00'), endsAt: at('15', '11:30') }).expect(201)).body;
    const release = (await book(press.id, { venueId: dropped.id, startsAt: at('15', '17:00'), endsAt: at('15', '21:00') }).expect(201)).body;

    await t.http
      .post(`/api/venues/${dropped.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'cancelled', version: dropped.version, reason: 'Mưa lũ, sạt lở đường vào bản' })
      .expect(200);
    const left = (await t.http.get(`/api/resources/${press.id}/bookings`).set('Authorization', planner).expect(200)).body;
    expect(left.map((booking: { id: string }) => booking.id)).toEqual([keep.id]);
    const audit = await auditEntriesFor(t.dataSource, 'resource_booking', release.id);
    expect(audit.at(-1)).toMatchObject({ action: 'delete', note: expect.stringContaining('Mưa lũ, sạt lở đường vào bản') });
    expect(audit.at(-1).note).toContain('bị hủy');

    // The slot is free again, and a cancelled venue cannot be booked.
    const other = await laiChauVenue('Ngày hội bản Nà Tăm');
    await book(press.id, { venueId: other.id, startsAt: at('15', '17:00'), endsAt: at('15', '21:00') }).expect(201);
    const refused = await book(press.id, { venueId: dropped.id, startsAt: at('16', '17:00'), endsAt: at('16', '21:00') }).expect(422);
    expect(refused.body.code).toBe('VENUE_NOT_LIVE');
  });

  it("moves a rescheduled venue's bookings with it, flagging a move that now overlaps or leaves too little road, audited", async () => {
    const troupe = await createResource('Đội tuyên truyền lưu động Quân khu 2');
    const namTam = await laiChauVenue('Ngày hội bản Nậm Tăm'); // 15/08 17:00–21:00
    let huoiLeng = await createVenue(t.dataSource, edition, '11', { name: 'Ngày hội bản Huổi Lèng', ...DIEN_BIEN_PHU, scheduleOn: `${edition.year}-08-16` });
    const evening = (await book(troupe.id, { venueId: namTam.id, startsAt: at('15', '17:00'), endsAt: at('15', '21:00') }).expect(201)).body;
    // Arrives an hour before the 07:30 opening, leaves an hour after 11:30.
    const moving = (await book(troupe.id, { venueId: huoiLeng.id, startsAt: at('16', '06:30'), endsAt: at('16', '12:30') }).expect(201)).body;
    const reschedule = async (day: string, startTime: string, endTime: string) => {
      const { body } = await t.http
        .post(`/api/venues/${huoiLeng.id}/transitions`)
        .set('Authorization', planner)
        .send({ to: 'scheduled', version: huoiLeng.version, date: `${edition.year}-08-${day}`, startTime, endTime })
        .expect(200);
      huoiLeng = body;
      const bookings = (await t.http.get(`/api/resources/${troupe.id}/bookings`).set('Authorization', planner).expect(200)).body;
      return {
        moved: bookings.find((booking: { id: string }) => booking.id === moving.id),
        other: bookings.find((booking: { id: string }) => booking.id === evening.id),
      };
    };

    // A day later and half an hour later: the arrival and the departure keep their hour.
    let { moved, other } = await reschedule('17', '08:00', '12:00');
    expect(moved).toMatchObject({ startDate: `${edition.year}-08-17`, startTime: '07:00', endTime: '13:00', travelWarning: null, version: 2 });
    expect(other).toMatchObject({ startTime: '17:00', endTime: '21:00', travelWarning: null, version: 1 });

    // Onto the afternoon before Nậm Tăm's evening: moved, and flagged for the ~170 km it no longer has time for.
    ({ moved } = await reschedule('15', '13:00', '16:00'));
    expect(moved).toMatchObject({ startDate: `${edition.year}-08-15`, startTime: '12:00', endTime: '17:00' });
    expect(moved.travelWarning).toMatch(
      /^Điểm "Ngày hội bản Huổi Lèng" đã đổi lịch: Đội tuyên truyền lưu động Quân khu 2 không kịp di chuyển đến điểm "Ngày hội bản Nậm Tăm"/,
    );
    expect(moved.travelWarning).toContain('chỉ còn 0 phút');

    // Onto Nậm Tăm's own evening: the two bookings overlap, which is flagged too (the venue's date is not refused).
    ({ moved } = await reschedule('15', '18:00', '20:00'));
    expect(moved).toMatchObject({ startTime: '17:00', endTime: '21:00' });
    expect(moved.travelWarning).toContain('trùng thời gian với lượt đã đặt cho điểm "Ngày hội bản Nậm Tăm" từ 17:00 đến 21:00');

    // Back where it was: it fits again and the flag goes.
    ({ moved, other } = await reschedule('16', '07:30', '11:30'));
    expect(moved).toMatchObject({ startDate: `${edition.year}-08-16`, startTime: '06:30', endTime: '12:30', travelWarning: null, version: 5 });
    expect(other).toMatchObject({ startTime: '17:00', endTime: '21:00', travelWarning: null, version: 1 });
    const audit = await auditEntriesFor(t.dataSource, 'resource_booking', moving.id);
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'update', 'update', 'update']);
    expect(audit[1].note).toBe('Đội tuyên truyền lưu động Quân khu 2: theo lịch mới của điểm "Ngày hội bản Huổi Lèng"');
    expect(audit[1].changes.startsAt).toEqual({ before: `${edition.year}-08-15T23:30:00.000Z`, after: `${edition.year}-08-17T00:00:00.000Z` });
  });

  it('lets a booking and a reschedule of its venue wait for each other without a deadlock: both bookings move with the venue', async () => {
    const stage = await createResource('Sân khấu lưu động số 2', { kind: 'mobile_stage' });
    const venue = await dienBienVenue('Ngày hội bản Pa Thơm'); // 15/08 07:30–11:30
    const setUp = (await book(stage.id, { venueId: venue.id, startsAt: at('15', '05:30'), endsAt: at('15', '07:30') }).expect(201)).body;
    const waiting = async (count: number) => {
      for (let tries = 0; tries < 100; tries += 1) {
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (n >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`fewer than ${count} statements waiting for a lock`);
    };
    // Hold the resource so that the second booking, then the reschedule (which moves the first), are both
    // under way before either finishes: each then needs what the other may hold.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    let booking: Promise<{ status: number; body: { id: string } }> | undefined;
    let rescheduling: Promise<{ status: number }> | undefined;
    try {
      await holder.startTransaction();
      await holder.query(`SELECT 1 FROM shared_resources WHERE id = $1 FOR UPDATE`, [stage.id]);
      booking = book(stage.id, { venueId: venue.id, startsAt: at('15', '07:30'), endsAt: at('15', '11:30') }).then((response) => response);
      await waiting(1);
      rescheduling = t.http
        .post(`/api/venues/${venue.id}/transitions`)
        .set('Authorization', planner)
        .send({ to: 'scheduled', version: venue.version, date: `${edition.year}-08-16`, startTime: '07:30', endTime: '11:30' })
        .then((response) => response);
      await waiting(2);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const [booked, moved] = await Promise.all([booking, rescheduling]);
    expect([booked.status, moved.status]).toEqual([201, 200]);
    const rows = await t.dataSource.query(`SELECT id, starts_at FROM resource_bookings WHERE resource_id = $1 ORDER BY starts_at`, [stage.id]);
    expect(rows.map((row: { id: string; starts_at: Date }) => [row.id, row.starts_at.toISOString()])).toEqual([
      [setUp.id, `${edition.year}-08-15T22:30:00.000Z`],
      [booked.body.id, `${edition.year}-08-16T00:30:00.000Z`],
    ]);
  });

  it('refuses bad input with 400 and venues that are not live or of another edition with 422, writing nothing', async () => {
    const escort = await createResource('Tổ dẫn đường CSGT số 3', { kind: 'escort_team' });
    const venue = await dienBienVenue('Ngày hội bản Na Sang');
    const start = at('15', '07:30');
    const end = at('15', '11:30');
    const bad: Array<Record<string, unknown>> = [
      {},
      { venueId: venue.id, startsAt: `${edition.year}-08-15T07:30:00`, endsAt: end }, // no offset: ambiguous
      { venueId: venue.id, startsAt: start, endsAt: at('15', '07:30') }, // empty span
      { venueId: venue.id, startsAt: end, endsAt: start }, // backwards
      { venueId: 'not-a-uuid', startsAt: start, endsAt: end },
      { venueId: venue.id, startsAt: `${edition.year}-02-30T07:30:00+07:00`, endsAt: end },
      { venueId: venue.id, startsAt: start, endsAt: end, acceptTightTravel: 'có' },
      { venueId: venue.id, startsAt: start, endsAt: end, travelWarning: 'tự đặt' }, // not a field
    ];
    for (const body of bad) {
      const response = await book(escort.id, body).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    const backwards = await book(escort.id, { venueId: venue.id, startsAt: end, endsAt: start }).expect(400);
    expect(backwards.body.details).toEqual([{ field: 'endsAt', messages: ['phải sau thời điểm bắt đầu'] }]);

    const nominated = await createVenue(t.dataSource, edition, '11', { ...DIEN_BIEN_PHU });
    expect((await book(escort.id, { venueId: nominated.id, startsAt: start, endsAt: end }).expect(422)).body.code).toBe('VENUE_NOT_LIVE');
    const elsewhere = await createVenue(t.dataSource, await createEdition(t.dataSource), '11', { scheduleOn: `${edition.year}-08-15` });
    expect((await book(escort.id, { venueId: elsewhere.id, startsAt: start, endsAt: end }).expect(422)).body.code).toBe('EDITION_MISMATCH');
    await book(escort.id, { venueId: '00000000-0000-4000-8000-000000000000', startsAt: start, endsAt: end }).expect(404);
    await book('00000000-0000-4000-8000-000000000000', { venueId: venue.id, startsAt: start, endsAt: end }).expect(404);
    await t.http.post(`/api/editions/${edition.id}/resources`).set('Authorization', planner).send({ name: 'Xe', kind: 'tàu bay', ownerUnit: 'C' }).expect(400);
    await t.http.patch(`/api/resources/${escort.id}`).set('Authorization', planner).send({ version: 1, travelSpeedKmh: 0 }).expect(400);

    expect(await bookingCount(escort.id)).toBe(0);
    expect(await auditEntriesFor(t.dataSource, 'shared_resource', escort.id)).toHaveLength(1);
  });

  it('lets exactly one of several simultaneous overlapping bookings of a resource through', async () => {
    const vehicle = await createResource('Xe chỉ huy số 1', { kind: 'vehicle', bufferMinutes: 0 });
    const venues: Venue[] = [];
    for (const name of ['Điểm A', 'Điểm B', 'Điểm C', 'Điểm D', 'Điểm E']) venues.push(await dienBienVenue(`Ngày hội ${name} Điện Biên`));
    const responses = await Promise.all(venues.map((venue) => book(vehicle.id, { venueId: venue.id, startsAt: at('17', '08:00'), endsAt: at('17', '10:00') })));
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.status === 201)!.body;
    for (const response of responses.filter((response) => response.status === 409)) {
      expect(response.body).toMatchObject({ code: 'RESOURCE_OVERLAP', details: { bookingId: winner.id } });
    }
    expect(await bookingCount(vehicle.id)).toBe(1);
  });
});
