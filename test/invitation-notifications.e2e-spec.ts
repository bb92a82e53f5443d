import { Role } from '@app/auth';
import { Notifier } from '@app/common';
import { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';

type User = { id: string };
interface InvitationRow {
  id: string;
  uid: string;
  venue_id: string;
  delegate_email: string;
  status: string;
}

/**
 * Issue 17, the invitations' notifications: a delegate's acceptance or refusal reaches the planners and
 * the organizers of the venue's province, a proposed substitute the planners only, whether the answer
 * came from the RSVP page or from a calendar (iTIP REPLY through the inbound hook); a calendar reply
 * that matches no invitation reaches the planners, grouped per day. Nothing reaches an organizer of
 * another province or a viewer, nobody reads a contact they may not open, and a cause that rolls back
 * leaves nothing. Answers are given on invitations still queued (no worker runs here: the RSVP link and
 * the calendar's SEQUENCE 0 are valid from the moment the letter is queued).
 */
describe('Invitation notifications (need-to-know, same transaction as the answer)', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: User;
  let laiChau: User;
  let dienBien: User;
  let viewer: User;
  let planners: string[];
  let laiChauOrganizers: string[];
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = await createUser(t.dataSource, Role.CentralPlanner);
    await createUser(t.dataSource, Role.CentralPlanner, null, { active: false });
    laiChau = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { active: false });
    dienBien = await createUser(t.dataSource, Role.ProvincialOrganizer, '11');
    viewer = await createUser(t.dataSource, Role.Viewer);
    bearer[planner.id] = `Bearer ${await t.tokenFor(planner)}`;
  });
  afterAll(() => t.close());

  /** Every active account of a role (and province): earlier suites of the run may have made some too. */
  const active = async (role: string, provinceCode: string | null = null): Promise<string[]> =>
    (
      await t.dataSource.query(`SELECT id FROM users WHERE role = $1 AND active AND province_code IS NOT DISTINCT FROM $2 ORDER BY id`, [role, provinceCode])
    ).map((row: { id: string }) => row.id);
  const readersOf = async (kind: string, subjectId: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT user_id FROM notifications WHERE kind = $1 AND subject_id = $2 ORDER BY user_id`, [kind, subjectId])).map(
      (row: { user_id: string }) => row.user_id,
    );
  const entryOf = async (kind: string, subjectId: string, userId: string): Promise<{ title: string; body: string | null; link: string }> =>
    (
      await t.dataSource.query(`SELECT title, body, link FROM notifications WHERE kind = $1 AND subject_id = $2 AND user_id = $3`, [kind, subjectId, userId])
    )[0];
  const sorted = (ids: string[]) => [...new Set(ids)].sort();

  beforeAll(async () => {
    planners = await active('central_planner');
    laiChauOrganizers = await active('provincial_organizer', '12');
    expect(planners).toContain(planner.id);
    expect(laiChauOrganizers).toContain(laiChau.id);
  });

  /** A scheduled venue of Lai Châu with a leader invited (the letter queued). */
  async function invited(date: string, officeEmail: string): Promise<{ venueId: string; venueName: string; invitation: InvitationRow }> {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: date, contactName: 'Đại úy Lò Văn Minh', contactPhone: '0912 345 678' });
    const leader = await createLeader(t.dataSource, {
      fullName: 'Phạm Quang Đức',
      position: 'Thứ trưởng Bộ Công an',
      officeEmail,
      officePhone: '0988 111 222',
    });
    await t.http
      .post(`/api/venues/${venue.id}/leaders`)
      .set('Authorization', bearer[planner.id])
      .send({ leaderId: leader.id, role: 'chief_guest' })
      .expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', bearer[planner.id]).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT id, uid, venue_id, delegate_email, status FROM invitations WHERE leader_id = $1`, [leader.id]);
    expect(invitation.status).toBe('queued');
    return { venueId: venue.id, venueName: venue.name, invitation };
  }
  const rsvp = (invitationId: string) => `/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`;

  const PASS = 'mx.ngayhoi.vn; dkim=pass header.d=vanphong.example.vn; dmarc=pass (p=reject) header.from=vanphong.example.vn';
  const calendarReply = (uid: string, stamp: string, attendees: string[]) =>
    t.http
      .post('/api/inbound/calendar-replies')
      .set('Content-Type', 'text/calendar; method=REPLY')
      .set('X-Inbound-Secret', TEST_ENV.INBOUND_HOOK_SECRET)
      .set('X-Inbound-Authentication-Results', PASS)
      .send(
        [
          'BEGIN:VCALENDAR',
          'VERSION:2.0',
          'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
          'METHOD:REPLY',
          'BEGIN:VEVENT',
          `UID:${uid}`,
          'SEQUENCE:0',
          `DTSTAMP:${stamp}`,
          ...attendees,
          'ORGANIZER:mailto:bantochuc@ngayhoi.example.vn',
          'END:VEVENT',
          'END:VCALENDAR',
          '',
        ].join('\r\n'),
      );

  /** Nobody outside `allowed` holds an entry about this subject: Điện Biên's organizer and the viewer first of all. */
  async function onlyThese(subjectId: string, allowed: string[]): Promise<void> {
    const holders: string[] = (await t.dataSource.query(`SELECT DISTINCT user_id FROM notifications WHERE subject_id = $1`, [subjectId])).map(
      (row: { user_id: string }) => row.user_id,
    );
    expect(holders.filter((id) => !allowed.includes(id))).toEqual([]);
    expect(holders).not.toContain(dienBien.id);
    expect(holders).not.toContain(viewer.id);
  }

  it("tells the planners and Lai Châu's organizers of an acceptance and a refusal on the RSVP page, the comment to planners only", async () => {
    const { venueId, venueName, invitation } = await invited(`${edition.year}-08-10`, 'vp.duc1@vanphong.example.vn');
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'accept' }).expect(200);
    expect(await readersOf('invitation_accepted', invitation.id)).toEqual(sorted([...planners, ...laiChauOrganizers]));
    const accepted = await entryOf('invitation_accepted', invitation.id, laiChau.id);
    expect(accepted).toEqual({
      title: `Đồng chí Phạm Quang Đức nhận lời dự điểm “${venueName}” ngày 10/08/${edition.year}`,
      body: null,
      link: `/diem/${venueId}#tra-loi-giay-moi`,
    });
    // The same answer again tells nobody again.
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'accept' }).expect(200);
    expect(await readersOf('invitation_accepted', invitation.id)).toHaveLength(planners.length + laiChauOrganizers.length);

    const note = 'Trùng lịch họp Chính phủ; liên hệ thư ký 0977 000 111';
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'decline', note }).expect(200);
    expect(await readersOf('invitation_declined', invitation.id)).toEqual(sorted([...planners, ...laiChauOrganizers]));
    expect((await entryOf('invitation_declined', invitation.id, planner.id)).body).toBe(`Ghi chú: ${note}`);
    const forOrganizer = await entryOf('invitation_declined', invitation.id, laiChau.id);
    expect(forOrganizer.title).toBe(`Đồng chí Phạm Quang Đức báo không dự được điểm “${venueName}” ngày 10/08/${edition.year}`);
    // Nothing an organizer may not open: the delegate's note, contacts, the office's address.
    for (const secret of ['0977', '0988', 'vp.duc1', 'Trùng lịch']) expect(`${forOrganizer.title} ${forOrganizer.body}`).not.toContain(secret);
    await onlyThese(invitation.id, [...planners, ...laiChauOrganizers]);
  });

  it('tells only the planners of a proposed substitute, with no contact in it', async () => {
    const { venueId, invitation } = await invited(`${edition.year}-08-11`, 'vp.duc2@vanphong.example.vn');
    await t.http
      .post(rsvp(invitation.id))
      .type('form')
      .send({
        answer: 'substitute',
        substituteName: 'Trần Thị Hoa',
        substitutePosition: 'Cục trưởng Cục Xây dựng phong trào',
        substituteEmail: 'hoa.tt@cuc.example.vn',
        substitutePhone: '0987 654 321',
      })
      .expect(200);
    expect(await readersOf('substitute_proposed', invitation.id)).toEqual(planners);
    const entry = await entryOf('substitute_proposed', invitation.id, planner.id);
    expect(entry.title).toContain('đề nghị cử đồng chí Trần Thị Hoa (Cục trưởng Cục Xây dựng phong trào) dự thay');
    expect(entry.link).toBe(`/diem/${venueId}#tra-loi-giay-moi`);
    for (const contact of ['hoa.tt@', '0987']) expect(`${entry.title} ${entry.body}`).not.toContain(contact);
    await onlyThese(invitation.id, planners);
  });

  it('tells the same people of answers from a calendar (DECLINED, then DELEGATED)', async () => {
    const { invitation } = await invited(`${edition.year}-08-12`, 'vp.duc3@vanphong.example.vn');
    const me = (partstat: string, extra = '') => `ATTENDEE;PARTSTAT=${partstat}${extra};CN=Văn phòng:mailto:${invitation.delegate_email}`;
    const declined = await calendarReply(invitation.uid, '20300801T010000Z', [me('DECLINED')]).expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', outcome: 'applied' });
    expect(await readersOf('invitation_declined', invitation.id)).toEqual(sorted([...planners, ...laiChauOrganizers]));

    const delegated = await calendarReply(invitation.uid, '20300801T020000Z', [
      me('DELEGATED', ';DELEGATED-TO="mailto:pho.vp@vanphong.example.vn"'),
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:x@y";CN=Lê Văn Phó:mailto:pho.vp@vanphong.example.vn',
    ]).expect(200);
    expect(delegated.body).toMatchObject({ status: 'substitute_proposed', outcome: 'applied' });
    expect(await readersOf('substitute_proposed', invitation.id)).toEqual(planners);
    expect((await entryOf('substitute_proposed', invitation.id, planner.id)).title).not.toContain('pho.vp@');
    // A reply older than the last answer changes nothing and tells nobody.
    await calendarReply(invitation.uid, '20300801T000000Z', [me('ACCEPTED')])
      .expect(200)
      .expect((response) => expect(response.body.outcome).toBe('older'));
    expect(await readersOf('invitation_accepted', invitation.id)).toEqual([]);
    await onlyThese(invitation.id, planners.concat(laiChauOrganizers));
  });

  it('tells the planners (only) of calendar replies that match no invitation, one entry a day counting each reply once', async () => {
    const entries = async (): Promise<Array<{ user_id: string; item_count: number; body: string; link: string }>> =>
      t.dataSource.query(`SELECT user_id, item_count, body, link FROM notifications WHERE kind = 'calendar_reply_unmatched' ORDER BY user_id`);
    const countFor = async (userId: string) => (await entries()).find((row) => row.user_id === userId)?.item_count ?? 0;
    const stranger = 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:nguoi.la@khac.example.vn';

    const refused = await calendarReply(`khong-co-${Date.now()}@ngayhoi.vn`, '20300801T010000Z', [stranger]).expect(422);
    expect(refused.body.code).toBe('UNKNOWN_CALENDAR_REPLY');
    // The day's entry counts every unmatched reply of the day (earlier suites of the run may have sent some).
    const first = await countFor(planner.id);
    expect(first).toBeGreaterThanOrEqual(1);
    const uid = `khong-co-2-${Date.now()}@ngayhoi.vn`;
    await calendarReply(uid, '20300801T010000Z', [stranger]).expect(422);
    await calendarReply(uid, '20300801T010000Z', [stranger]).expect(422); // the relay retried: counted once
    expect(await countFor(planner.id)).toBe(first + 1);

    const rows = await entries();
    // Planners' entries only (a planner deactivated since an earlier suite of the run may keep theirs).
    const roles = await t.dataSource.query(
      `SELECT DISTINCT u.role FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'calendar_reply_unmatched'`,
    );
    expect(roles).toEqual([{ role: 'central_planner' }]);
    for (const id of planners) expect(rows.map((row) => row.user_id)).toContain(id);
    const mine = rows.find((row) => row.user_id === planner.id)!;
    expect(mine.body).toContain('nguoi.la@khac.example.vn');
    expect(mine.link).toBe('/loi-moi');
    for (const organizer of [laiChau, dienBien, viewer]) expect(rows.map((row) => row.user_id)).not.toContain(organizer.id);
  });

  it('writes nothing for an answer or a reply that rolled back, nor for a refused one', async () => {
    const notifier = t.app.get(Notifier);
    const { venueId, invitation } = await invited(`${edition.year}-08-13`, 'vp.duc4@vanphong.example.vn');
    await expect(
      t.dataSource.transaction(async (manager) => {
        await notifier.notify(
          manager,
          {
            kind: 'invitation_answered',
            invitationId: invitation.id,
            venueId,
            answer: 'accepted',
            delegateName: 'Phạm Quang Đức',
            substitute: null,
            comment: null,
          },
          null,
        );
        await notifier.notify(manager, { kind: 'calendar_reply_unmatched', uid: 'rolled-back@ngayhoi.vn', attendees: ['a@b.vn'] }, null);
        expect((await manager.query(`SELECT count(*)::int AS n FROM notifications WHERE subject_id = $1`, [invitation.id]))[0].n).toBeGreaterThan(0);
        throw new Error('the answer failed');
      }),
    ).rejects.toThrow('the answer failed');
    expect(await readersOf('invitation_accepted', invitation.id)).toEqual([]);
    const unmatched = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'calendar_reply_unmatched' AND body LIKE '%a@b.vn%'`);
    expect(unmatched[0].n).toBe(0);

    // Through the public intake: a refused answer (a substitute without a position) and a withdrawn invitation write nothing.
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'substitute', substituteName: 'Nguyễn Văn Bình' }).expect(400);
    await t.http.post(`/api/invitations/${invitation.id}/withdraw`).set('Authorization', bearer[planner.id]).send({ reason: 'Đổi phân công' }).expect(202);
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'accept' }).expect(409);
    await calendarReply(invitation.uid, '20300801T010000Z', [`ATTENDEE;PARTSTAT=ACCEPTED:mailto:${invitation.delegate_email}`]).expect(409);
    expect(await t.dataSource.query(`SELECT kind FROM notifications WHERE subject_id = $1`, [invitation.id])).toEqual([]);
  });
});
