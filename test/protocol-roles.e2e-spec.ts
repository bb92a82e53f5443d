import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { Leader } from '@app/leaders/leader.entities';
import { RankTier } from '@app/leaders';
import { Venue } from '@app/venues/venue.entity';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';

interface Slot {
  programmeItemId: string;
  title: string;
  side: 'central' | 'host';
  speaker: { attendeeKey: string; name: string } | null;
  proposed: boolean;
}
interface DelegateGreeter {
  attendeeKey: string;
  delegateName: string;
  greeter: { name: string; title: string | null; phone: string | null; version: number } | null;
}

/**
 * Issue 20, protocol: the programme's speaking slots (phát biểu) take speakers from the order of
 * precedence unless the province chose one; each central delegate gets a greeter (người đón); a
 * substitution recomputes the proposals and flags what no longer agrees. Accepted delegates come
 * through the real RSVP and substitution endpoints.
 */
describe('Protocol: speakers and greeters', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let organizer: string;
  let otherOrganizer: string;

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '14'))}`;
  });
  afterAll(async () => {
    await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    await t.close();
  });

  const rsvp = (invitationId: string) => `/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`;
  const rolesOf = async (venue: Venue, as = organizer) =>
    (await t.http.get(`/api/venues/${venue.id}/protocol/roles`).set('Authorization', as).expect(200)).body;
  const speakers = (slots: Slot[]) => slots.map((slot) => [slot.title, slot.speaker?.name ?? null, slot.proposed]);

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

  async function programme(venue: Venue, items: Array<[string, string, string]>): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [title, startTime, endTime] of items) {
      const created = await t.http
        .post(`/api/venues/${venue.id}/programme`)
        .set('Authorization', organizer)
        .send({ part: 'ceremony', title, startTime, endTime })
        .expect(201);
      ids.set(title, created.body.id);
    }
    return ids;
  }

  /** A venue of Lai Châu (12) with two central delegates accepted and the province's two leaders listed. */
  async function festivalPoint(day: string) {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-${day}` });
    const politburo = await createLeader(t.dataSource, { fullName: 'Trần Văn Chính', rankTier: RankTier.Politburo });
    const minister = await createLeader(t.dataSource, { fullName: 'Lê Văn Bộ', rankTier: RankTier.Ministerial });
    const invitations = await acceptedLeaders(venue, [
      { leader: politburo, role: 'chief_guest' },
      { leader: minister, role: 'accompanying' },
    ]);
    const guest = (body: Record<string, unknown>) => t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizer).send(body).expect(201);
    await guest({ name: 'Giàng Thị Bí', title: 'Bí thư Tỉnh ủy', group: 'provincial_leader', rank: 1 });
    await guest({ name: 'Vàng A Chủ', title: 'Chủ tịch UBND tỉnh', group: 'provincial_leader', rank: 2 });
    const items = await programme(venue, [
      ['Chào cờ', '07:30', '07:35'],
      ['Phát biểu khai mạc', '07:35', '07:45'],
      ['Phát biểu chỉ đạo', '07:45', '08:05'],
      ['Phát biểu và tặng quà của đại biểu', '08:05', '08:20'],
      ['Phát biểu tiếp thu', '08:20', '08:25'],
    ]);
    return { venue, politburo, minister, invitations, items };
  }

  it('proposes speakers by precedence for every phát biểu item: the host opens and answers, the central delegates speak in order; the other items are not slots', async () => {
    const { venue } = await festivalPoint('08-20');
    const roles = await rolesOf(venue);
    expect(speakers(roles.speakingSlots)).toEqual([
      ['Phát biểu khai mạc', 'Giàng Thị Bí', true],
      ['Phát biểu chỉ đạo', 'Trần Văn Chính', true],
      ['Phát biểu và tặng quà của đại biểu', 'Lê Văn Bộ', true],
      ['Phát biểu tiếp thu', 'Vàng A Chủ', true],
    ]);
    expect(roles.speakingSlots.map((slot: Slot) => slot.side)).toEqual(['host', 'central', 'central', 'host']);
    // Both delegates still need a greeter, in order of precedence.
    expect(roles.greeters.map((entry: DelegateGreeter) => [entry.delegateName, entry.greeter])).toEqual([
      ['Trần Văn Chính', null],
      ['Lê Văn Bộ', null],
    ]);
    expect(roles.changes.map((change: { message: string }) => change.message)).toEqual(['Trần Văn Chính chưa có người đón.', 'Lê Văn Bộ chưa có người đón.']);
  });

  it('keeps a hand-chosen speaker (audited) and steps the proposals round it; refuses a non-speaking item, an unknown attendee and another province', async () => {
    const { venue, items } = await festivalPoint('08-21');
    const roles = await rolesOf(venue);
    const minister = roles.speakingSlots.find((slot: Slot) => slot.speaker?.name === 'Lê Văn Bộ').speaker.attendeeKey;
    const lead = items.get('Phát biểu chỉ đạo')!;
    const choose = (itemId: string, attendeeKey: string, as = organizer) =>
      t.http.put(`/api/venues/${venue.id}/protocol/speakers/${itemId}`).set('Authorization', as).send({ attendeeKey });

    const chosen = (await choose(lead, minister).expect(200)).body;
    expect(speakers(chosen.speakingSlots)).toEqual([
      ['Phát biểu khai mạc', 'Giàng Thị Bí', true],
      ['Phát biểu chỉ đạo', 'Lê Văn Bộ', false],
      ['Phát biểu và tặng quà của đại biểu', 'Trần Văn Chính', true],
      ['Phát biểu tiếp thu', 'Vàng A Chủ', true],
    ]);
    const audit = await auditEntriesFor(t.dataSource, 'venue', venue.id);
    expect(audit.map((entry: { note: string | null }) => entry.note)).toContain('Chọn người phát biểu “Phát biểu chỉ đạo”: Lê Văn Bộ');

    const notSlot = await choose(items.get('Chào cờ')!, minister).expect(422);
    expect(notSlot.body).toMatchObject({ code: 'NOT_A_SPEAKING_SLOT', message: 'Mục “Chào cờ” không phải mục phát biểu (tên mục cần có chữ “phát biểu”).' });
    expect((await choose(lead, 'guest:00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('ATTENDEE_NOT_FOUND');
    expect((await choose(lead, 'khong-phai-ma').expect(400)).body.code).toBe('VALIDATION_FAILED');
    await choose(lead, minister, otherOrganizer).expect(403);
    await t.http.get(`/api/venues/${venue.id}/protocol/roles`).set('Authorization', otherOrganizer).expect(403);
    expect((await choose('00000000-0000-4000-8000-000000000000', minister).expect(404)).body.code).toBe('NOT_FOUND');

    const cleared = (await t.http.delete(`/api/venues/${venue.id}/protocol/speakers/${lead}`).set('Authorization', organizer).expect(200)).body;
    expect(cleared.speakingSlots[1]).toMatchObject({ speaker: { name: 'Trần Văn Chính' }, proposed: true });
    await t.http.delete(`/api/venues/${venue.id}/protocol/speakers/${lead}`).set('Authorization', organizer).expect(404);
  });

  it('names greeters for central delegates only, changes them under optimistic locking, and removes them with the version', async () => {
    const { venue } = await festivalPoint('08-22');
    const roles = await rolesOf(venue);
    const [chief, second] = roles.greeters.map((entry: DelegateGreeter) => entry.attendeeKey);
    const path = (key: string) => `/api/venues/${venue.id}/protocol/greeters/${key}`;

    const set = (
      await t.http
        .put(path(chief))
        .set('Authorization', organizer)
        .send({ name: 'Lò Văn Đón', title: 'Phó Chánh Văn phòng UBND tỉnh', phone: '0912 345 678' })
        .expect(200)
    ).body;
    const greeter = set.greeters.find((entry: DelegateGreeter) => entry.attendeeKey === chief).greeter;
    expect(greeter).toEqual({ name: 'Lò Văn Đón', title: 'Phó Chánh Văn phòng UBND tỉnh', phone: '0912 345 678', version: 1 });
    expect(set.changes.map((change: { message: string }) => change.message)).toEqual(['Lê Văn Bộ chưa có người đón.']);

    // A provincial leader is met by nobody from the list: greeters are for central delegates.
    const host = (await t.http.get(`/api/venues/${venue.id}/protocol`).set('Authorization', organizer).expect(200)).body.precedence.find(
      (entry: { group: string }) => entry.group === 'provincial_leader',
    ).attendeeKey;
    expect((await t.http.put(path(host)).set('Authorization', organizer).send({ name: 'Ai Đó' }).expect(422)).body.code).toBe('GREETER_FOR_CENTRAL_ONLY');
    const badPhone = await t.http.put(path(second)).set('Authorization', organizer).send({ name: 'Quàng Thị Đưa', phone: 'gọi tôi' }).expect(400);
    expect(badPhone.body.details).toEqual([{ field: 'phone', messages: ['không đúng định dạng'] }]);

    // Changing needs the version seen: none → 428, stale → 409, and the first change is kept.
    expect((await t.http.put(path(chief)).set('Authorization', organizer).send({ name: 'Người Khác' }).expect(428)).body.code).toBe('VERSION_REQUIRED');
    await t.http.put(path(chief)).set('Authorization', planner).send({ name: 'Lò Văn Đón', phone: '0912 000 111', version: 1 }).expect(200);
    expect((await t.http.put(path(chief)).set('Authorization', organizer).send({ name: 'Người Khác', version: 1 }).expect(409)).body.code).toBe(
      'VERSION_CONFLICT',
    );
    const kept = (await rolesOf(venue)).greeters.find((entry: DelegateGreeter) => entry.attendeeKey === chief).greeter;
    expect(kept).toMatchObject({ name: 'Lò Văn Đón', phone: '0912 000 111', version: 2 });

    await t.http.delete(path(chief)).set('Authorization', organizer).expect(428);
    const removed = (
      await t.http
        .delete(`${path(chief)}?version=2`)
        .set('Authorization', organizer)
        .expect(200)
    ).body;
    expect(removed.greeters.find((entry: DelegateGreeter) => entry.attendeeKey === chief).greeter).toBeNull();
  });

  it('after a substitution: the chosen speaker who withdrew is flagged and the slot proposes the next in precedence; the greeter of the absent leader is flagged and the deputy needs one', async () => {
    const { venue, minister, invitations, items } = await festivalPoint('08-23');
    const roles = await rolesOf(venue);
    const ministerKey = roles.greeters.find((entry: DelegateGreeter) => entry.delegateName === 'Lê Văn Bộ').attendeeKey;
    const chiefKey = roles.greeters.find((entry: DelegateGreeter) => entry.delegateName === 'Trần Văn Chính').attendeeKey;
    const gifts = items.get('Phát biểu và tặng quà của đại biểu')!;
    await t.http.put(`/api/venues/${venue.id}/protocol/speakers/${gifts}`).set('Authorization', organizer).send({ attendeeKey: ministerKey }).expect(200);
    for (const [key, name] of [
      [chiefKey, 'Lò Văn Đón'],
      [ministerKey, 'Quàng Thị Đưa'],
    ]) {
      await t.http.put(`/api/venues/${venue.id}/protocol/greeters/${key}`).set('Authorization', organizer).send({ name }).expect(200);
    }
    expect((await rolesOf(venue)).changes).toEqual([]);

    const original = invitations.get(minister.id)!;
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

    const after = await rolesOf(venue);
    expect(speakers(after.speakingSlots)).toEqual([
      ['Phát biểu khai mạc', 'Giàng Thị Bí', true],
      ['Phát biểu chỉ đạo', 'Trần Văn Chính', true],
      ['Phát biểu và tặng quà của đại biểu', 'Bùi Thị Phó', true],
      ['Phát biểu tiếp thu', 'Vàng A Chủ', true],
    ]);
    expect(after.changes.map((change: { kind: string; message: string }) => [change.kind, change.message])).toEqual([
      [
        'speaker_left',
        'Người được chọn phát biểu “Phát biểu và tặng quà của đại biểu” không còn trong danh sách dự; mục này tạm lấy người theo thứ tự lễ tân.',
      ],
      ['greeter_left', 'Quàng Thị Đưa đang được phân công đón một đại biểu không còn dự; hãy phân công lại hoặc bỏ.'],
      ['greeter_missing', 'Bùi Thị Phó chưa có người đón.'],
    ]);
    // The greeter of the absent leader is no longer listed against a delegate; the deputy is, without one.
    expect(after.greeters.map((entry: DelegateGreeter) => [entry.delegateName, entry.greeter?.name ?? null])).toEqual([
      ['Trần Văn Chính', 'Lò Văn Đón'],
      ['Bùi Thị Phó', null],
    ]);
  });
});
