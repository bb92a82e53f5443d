import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { Leader } from '@app/leaders/leader.entities';
import { RankTier } from '@app/leaders';
import { Venue } from '@app/venues/venue.entity';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';

interface Entry {
  attendeeKey: string;
  name: string;
  position: number;
  group: string;
  deputy: boolean;
  guestId: string | null;
  guestVersion: number | null;
  overrideReason: string | null;
}

/**
 * Issue 20, protocol (lễ tân): the order of precedence of a venue's attendees (accepted delegates
 * through the real RSVP and substitution endpoints, the province's guests), planners' overrides, the
 * front rows drawn from it, hand edits under optimistic locking, and what a substitution flags.
 */
describe('Protocol: order of precedence and seating plan', () => {
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
  afterAll(async () => {
    // Other suites count pending reminders across the shared test database: leave none of this suite's.
    await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    await t.close();
  });

  const rsvp = (invitationId: string) => `/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`;
  const protocolOf = async (venue: Venue, as = organizer) => (await t.http.get(`/api/venues/${venue.id}/protocol`).set('Authorization', as).expect(200)).body;
  const names = (precedence: Entry[]) => precedence.map((entry) => entry.name);

  /** Assigns the leaders to the venue, invites in bulk (queued: no worker here) and accepts each on its RSVP page. */
  async function acceptedLeaders(venue: Venue, leaders: Array<{ leader: Leader; role: 'chief_guest' | 'accompanying' }>): Promise<Map<string, string>> {
    for (const { leader, role } of leaders) {
      await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role }).expect(201);
    }
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitations = new Map<string, string>();
    for (const { leader } of leaders) {
      const [row] = await t.dataSource.query(`SELECT id FROM invitations WHERE leader_id = $1 AND venue_id = $2`, [leader.id, venue.id]);
      await t.http.post(rsvp(row.id)).type('form').send({ answer: 'accept' }).expect(200);
      invitations.set(leader.id, row.id);
    }
    return invitations;
  }

  it('orders delegates by tier (chief guest first among equals), then the province’s leaders by its rank, local officials and guests; fills the front row from the centre', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    const minister = await createLeader(t.dataSource, { fullName: 'Lê Văn Bộ', rankTier: RankTier.Ministerial });
    const politburo = await createLeader(t.dataSource, { fullName: 'Trần Văn Chính', rankTier: RankTier.Politburo });
    await acceptedLeaders(venue, [
      { leader: minister, role: 'chief_guest' },
      { leader: politburo, role: 'accompanying' },
    ]);
    const guest = (body: Record<string, unknown>) => t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send(body).expect(201);
    await guest({ name: 'Hoàng Thị Khách', group: 'guest' });
    await guest({ name: 'Vàng A Chủ', title: 'Chủ tịch UBND tỉnh', group: 'provincial_leader', rank: 2 });
    await guest({ name: 'Giàng Thị Bí', title: 'Bí thư Tỉnh ủy', group: 'provincial_leader', rank: 1 });
    await guest({ name: 'Lò Văn Xã', title: 'Chủ tịch UBND xã', group: 'local_official' });

    const view = await protocolOf(venue);
    expect(names(view.precedence)).toEqual(['Trần Văn Chính', 'Lê Văn Bộ', 'Giàng Thị Bí', 'Vàng A Chủ', 'Lò Văn Xã', 'Hoàng Thị Khách']);
    expect(view.precedence[2]).toMatchObject({ position: 3, group: 'provincial_leader', groupName: 'Lãnh đạo tỉnh' });
    expect(view.seating).toBeNull();

    const drawn = (await t.http.post(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send({ rows: 1, seatsPerRow: 5 }).expect(201))
      .body;
    expect(drawn.seating.seats.map((seat: { seat: number; name: string }) => [seat.seat, seat.name])).toEqual([
      [1, 'Lò Văn Xã'],
      [2, 'Giàng Thị Bí'],
      [3, 'Trần Văn Chính'],
      [4, 'Lê Văn Bộ'],
      [5, 'Vàng A Chủ'],
    ]);
    // The guest who did not fit is simply not in the front row: nothing flagged.
    expect(drawn.changes).toEqual([]);
  });

  it('lets only planners override the order, with a reason, audited; flags who the override moves; redraws only with the version', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-13` });
    const leader = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn Trung', rankTier: RankTier.Secretariat });
    await acceptedLeaders(venue, [{ leader, role: 'chief_guest' }]);
    await t.http
      .post(`/api/venues/${venue.id}/guests`)
      .set('Authorization', organizer)
      .send({ name: 'Mẹ Việt Nam anh hùng Lý Thị Mai', group: 'guest' })
      .expect(201);
    const first = (await t.http.post(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send({ rows: 1, seatsPerRow: 3 }).expect(201))
      .body;
    const hero = first.precedence.find((entry: Entry) => entry.group === 'guest') as Entry;

    const path = `/api/venues/${venue.id}/protocol/overrides/${hero.attendeeKey}`;
    await t.http.put(path).set('Authorization', organizer).send({ position: 1, reason: 'Khách danh dự của Ngày hội' }).expect(403);
    const noReason = await t.http.put(path).set('Authorization', planner).send({ position: 1 }).expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .put(`/api/venues/${venue.id}/protocol/overrides/khong-phai-ma`)
      .set('Authorization', planner)
      .send({ position: 1, reason: 'Thử mã sai' })
      .expect(400);
    const stranger = await t.http
      .put(`/api/venues/${venue.id}/protocol/overrides/guest:00000000-0000-4000-8000-000000000000`)
      .set('Authorization', planner)
      .send({ position: 1, reason: 'Không có trong danh sách' })
      .expect(404);
    expect(stranger.body.code).toBe('ATTENDEE_NOT_FOUND');

    const overridden = (await t.http.put(path).set('Authorization', planner).send({ position: 1, reason: 'Khách danh dự của Ngày hội' }).expect(200)).body;
    expect(overridden.precedence.map((entry: Entry) => [entry.name, entry.overrideReason])).toEqual([
      ['Mẹ Việt Nam anh hùng Lý Thị Mai', 'Khách danh dự của Ngày hội'],
      ['Nguyễn Văn Trung', null],
    ]);
    // The drawn plan still seats the leader in the centre: both moves are flagged, naming people and seats.
    expect(overridden.changes.map((change: { kind: string; message: string }) => change.kind)).toEqual(['moved', 'moved']);
    expect(overridden.changes[0].message).toBe('Mẹ Việt Nam anh hùng Lý Thị Mai: theo thứ tự lễ tân mới chuyển từ hàng 1, ghế 3 sang hàng 1, ghế 2.');
    const audit = await auditEntriesFor(t.dataSource, 'venue', venue.id);
    expect(audit.map((entry: { note: string | null }) => entry.note)).toContain('Điều chỉnh thứ tự lễ tân: vị trí 1 — Khách danh dự của Ngày hội');

    const redraw = (body: Record<string, unknown>) => t.http.post(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send(body);
    expect((await redraw({ rows: 1, seatsPerRow: 3 }).expect(428)).body.code).toBe('VERSION_REQUIRED');
    expect((await redraw({ rows: 1, seatsPerRow: 3, version: first.seating.version + 5 }).expect(409)).body.code).toBe('VERSION_CONFLICT');
    const redrawn = (await redraw({ rows: 1, seatsPerRow: 3, version: first.seating.version }).expect(201)).body;
    expect(redrawn.changes).toEqual([]);
    expect(redrawn.seating.seats.find((seat: { seat: number }) => seat.seat === 2).name).toBe('Mẹ Việt Nam anh hùng Lý Thị Mai');

    await t.http.delete(path).set('Authorization', planner).expect(200);
    expect(names((await protocolOf(venue)).precedence)).toEqual(['Nguyễn Văn Trung', 'Mẹ Việt Nam anh hùng Lý Thị Mai']);
  });

  it('recomputes after a substitution: the deputy takes the leader’s tier after its leaders, the leader’s seat is flagged, the deputy has none yet', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-14` });
    const chief = await createLeader(t.dataSource, { fullName: 'Phạm Văn Trưởng', rankTier: RankTier.Ministerial });
    const absent = await createLeader(t.dataSource, { fullName: 'Đỗ Văn Vắng', rankTier: RankTier.Ministerial });
    const invitations = await acceptedLeaders(venue, [
      { leader: chief, role: 'chief_guest' },
      { leader: absent, role: 'accompanying' },
    ]);
    await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name: 'Giàng A Tỉnh', group: 'provincial_leader' }).expect(201);
    await t.http.post(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send({ rows: 1, seatsPerRow: 3 }).expect(201);

    const original = invitations.get(absent.id)!;
    await t.http
      .post(rsvp(original))
      .type('form')
      .send({
        answer: 'substitute',
        substituteName: 'Bùi Thị Phó',
        substitutePosition: 'Thứ trưởng',
        substituteEmail: 'pho.bt@bo.example.vn',
        substitutePhone: '',
      })
      .expect(200);
    const approved = await t.http.post(`/api/invitations/${original}/substitute/approve`).set('Authorization', planner).expect(202);
    await t.http.post(rsvp(approved.body.substitute.id)).type('form').send({ answer: 'accept' }).expect(200);

    const view = await protocolOf(venue);
    expect(view.precedence.map((entry: Entry) => [entry.name, entry.deputy])).toEqual([
      ['Phạm Văn Trưởng', false],
      ['Bùi Thị Phó', true],
      ['Giàng A Tỉnh', false],
    ]);
    expect(view.seating.seats.find((seat: { seat: number }) => seat.seat === 3)).toMatchObject({ name: null });
    expect(view.changes.map((change: { kind: string }) => change.kind)).toEqual(['left', 'unseated']);
    expect(view.changes[0].message).toBe('Ghế hàng 1, ghế 3 đang xếp cho người không còn trong danh sách dự.');
    expect(view.changes[1].message).toBe('Bùi Thị Phó chưa có ghế; theo thứ tự lễ tân ngồi hàng 1, ghế 3 (1 hàng × 3 ghế).');
  });

  it('saves hand edits under optimistic locking (two organizers: the second gets 409, nothing lost) and refuses a plan that breaks the rules', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-15` });
    for (const name of ['Khách Một', 'Khách Hai']) {
      await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name, group: 'guest' }).expect(201);
    }
    const drawn = (await t.http.post(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send({ rows: 2, seatsPerRow: 2 }).expect(201))
      .body;
    const keyOf = (name: string) => (drawn.precedence as Entry[]).find((entry) => entry.name === name)!.attendeeKey;
    const [one, two] = [keyOf('Khách Một'), keyOf('Khách Hai')];
    const edit = (version: number, seats: Array<{ row: number; seat: number; attendeeKey: string }>) =>
      t.http.put(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send({ version, seats });

    const mine = await edit(drawn.seating.version, [
      { row: 2, seat: 1, attendeeKey: one },
      { row: 1, seat: 1, attendeeKey: two },
    ]).expect(200);
    expect(mine.body.seating).toMatchObject({ editedByHand: true, version: drawn.seating.version + 1 });
    const theirs = await edit(drawn.seating.version, [{ row: 1, seat: 2, attendeeKey: one }]).expect(409);
    expect(theirs.body.code).toBe('VERSION_CONFLICT');
    const kept = await protocolOf(venue);
    expect(kept.seating.seats.map((seat: { row: number; seat: number; name: string }) => [seat.row, seat.seat, seat.name])).toEqual([
      [1, 1, 'Khách Hai'],
      [2, 1, 'Khách Một'],
    ]);
    // A hand-edited plan keeps its choices: nothing flagged although precedence would seat them otherwise.
    expect(kept.changes).toEqual([]);

    const outside = await edit(kept.seating.version, [{ row: 3, seat: 1, attendeeKey: one }]).expect(422);
    expect(outside.body).toMatchObject({ code: 'SEATING_PLAN_INVALID', message: 'Ghế hàng 3, số 1 nằm ngoài sơ đồ (2 hàng × 2 ghế).' });
    const twice = await edit(kept.seating.version, [
      { row: 1, seat: 1, attendeeKey: one },
      { row: 1, seat: 1, attendeeKey: two },
    ]).expect(422);
    expect(twice.body.message).toBe('Ghế hàng 1, số 1 được xếp cho hai người.');
    const badKey = await edit(kept.seating.version, [{ row: 1, seat: 1, attendeeKey: 'nobody' }]).expect(400);
    expect(badKey.body.code).toBe('VALIDATION_FAILED');
  });

  it('keeps a venue’s protocol to its province and planners; guests are removed only with their version', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-16` });
    const added = (
      await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name: 'Khách Riêng', group: 'guest' }).expect(201)
    ).body;
    const entry = added.precedence[0] as Entry;

    await t.http.get(`/api/venues/${venue.id}/protocol`).set('Authorization', otherOrganizer).expect(403);
    await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', otherOrganizer).send({ name: 'Khách Lạ', group: 'guest' }).expect(403);
    await t.http.get(`/api/venues/${venue.id}/protocol`).set('Authorization', viewer).expect(403);
    await protocolOf(venue, planner);
    const badGroup = await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name: 'Khách', group: 'central' }).expect(400);
    expect(badGroup.body.code).toBe('VALIDATION_FAILED');
    await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name: 'Khách', group: 'guest', extra: 1 }).expect(400);

    const renamed = await t.http
      .patch(`/api/venues/${venue.id}/guests/${entry.guestId}`)
      .set('Authorization', organizer)
      .send({ version: entry.guestVersion, name: 'Khách Riêng (đổi tên)' })
      .expect(200);
    expect(renamed.body.precedence[0]).toMatchObject({ name: 'Khách Riêng (đổi tên)', guestVersion: entry.guestVersion! + 1 });
    await t.http.delete(`/api/venues/${venue.id}/guests/${entry.guestId}`).set('Authorization', organizer).expect(428);
    await t.http.delete(`/api/venues/${venue.id}/guests/${entry.guestId}?version=${entry.guestVersion}`).set('Authorization', organizer).expect(409);
    await t.http
      .delete(`/api/venues/${venue.id}/guests/${entry.guestId}?version=${entry.guestVersion! + 1}`)
      .set('Authorization', organizer)
      .expect(204);
    expect((await protocolOf(venue)).precedence).toEqual([]);
  });

  describe('guest list and check-in at the door', () => {
    it('lets each attendee in once by pass code (typed any way), answers a repeat with the first time, and takes a late-sent scan at its own time', async () => {
      const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-17` });
      const leader = await createLeader(t.dataSource, { fullName: 'Vũ Văn Đến', position: 'Bộ trưởng', rankTier: RankTier.Ministerial });
      await acceptedLeaders(venue, [{ leader, role: 'chief_guest' }]);
      await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name: 'Lý Thị Xã', group: 'local_official' }).expect(201);

      const list = (await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', organizer).expect(200)).body;
      expect(list).toMatchObject({ total: 2, checkedIn: 0 });
      expect(list.entries.map((entry: { name: string }) => entry.name)).toEqual(['Vũ Văn Đến', 'Lý Thị Xã']);
      const [leaderPass, guestPass] = list.entries.map((entry: { passCode: string }) => entry.passCode);
      expect(leaderPass).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      const checkIn = (body: Record<string, unknown>, as = organizer) => t.http.post(`/api/venues/${venue.id}/check-ins`).set('Authorization', as).send(body);
      const first = (await checkIn({ code: leaderPass.toLowerCase().replace('-', ' ') }).expect(200)).body;
      expect(first).toMatchObject({ name: 'Vũ Văn Đến', alreadyCheckedIn: false, message: 'Đã điểm danh: Vũ Văn Đến — Bộ trưởng.' });
      const again = (await checkIn({ code: leaderPass }, planner).expect(200)).body;
      expect(again.alreadyCheckedIn).toBe(true);
      expect(again.checkedInAt).toBe(first.checkedInAt);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
        new Date(first.checkedInAt),
      );
      expect(again.message).toBe(`Vũ Văn Đến đã điểm danh lúc ${local}.`);

      // Queued on a phone without signal, sent later (twice, as a retry would): one check-in, at the scan's time.
      const scannedAt = new Date(Date.now() - 20 * 60_000).toISOString();
      const late = (await checkIn({ code: guestPass, scannedAt }).expect(200)).body;
      expect(late).toMatchObject({ alreadyCheckedIn: false });
      expect(new Date(late.checkedInAt).toISOString()).toBe(scannedAt);
      expect((await checkIn({ code: guestPass, scannedAt }).expect(200)).body).toMatchObject({ alreadyCheckedIn: true, checkedInAt: late.checkedInAt });
      expect((await checkIn({ code: guestPass, scannedAt: new Date(Date.now() - 72 * 3600_000).toISOString() }).expect(200)).body.alreadyCheckedIn).toBe(true);

      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE venue_id = $1`, [venue.id]);
      expect(rows[0].n).toBe(2);
      expect((await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', planner).expect(200)).body).toMatchObject({ total: 2, checkedIn: 2 });
    });

    it("refuses another venue's code, a malformed one and a stale offline scan alike — “không hợp lệ”, naming nobody — and keeps the door to the province", async () => {
      const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-19` });
      const other = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-20` });
      await t.http.post(`/api/venues/${other.id}/guests`).set('Authorization', organizer).send({ name: 'Khách Điểm Khác', group: 'guest' }).expect(201);
      await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send({ name: 'Khách Điểm Này', group: 'guest' }).expect(201);
      const otherPass = (await t.http.get(`/api/venues/${other.id}/guest-list`).set('Authorization', organizer).expect(200)).body.entries[0].passCode;
      const ownPass = (await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', organizer).expect(200)).body.entries[0].passCode;
      const checkIn = (body: Record<string, unknown>, as = organizer) => t.http.post(`/api/venues/${venue.id}/check-ins`).set('Authorization', as).send(body);

      for (const code of [otherPass, 'ABCD-EFG', 'not a code at all']) {
        const refused = await checkIn({ code }).expect(404);
        expect(refused.body).toMatchObject({ code: 'PASS_INVALID', message: 'Mã thẻ không hợp lệ cho điểm tổ chức này.' });
        expect(JSON.stringify(refused.body)).not.toContain('Khách Điểm Khác');
      }
      const stale = await checkIn({ code: ownPass, scannedAt: new Date(Date.now() - 72 * 3600_000).toISOString() }).expect(422);
      expect(stale.body.code).toBe('CHECK_IN_TOO_OLD');
      expect((await checkIn({ code: ownPass, scannedAt: 'hôm qua' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      await checkIn({ code: ownPass }, otherOrganizer).expect(403);
      await checkIn({ code: ownPass }, viewer).expect(403);
      await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', otherOrganizer).expect(403);
      const none = await t.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE venue_id = $1`, [venue.id]);
      expect(none[0].n).toBe(0);
    });
  });
});
