import type { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { Leader } from '@app/leaders/leader.entities';
import { JobProducer } from '@app/queue';
import { FireReminderJob } from '@app/reminders';
import { Venue } from '@app/venues/venue.entity';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

/** The calendar entry of a message, read as an independent client would (ical.js). */
function icsOf(mail: ReceivedMail) {
  const vevent = new ICAL.Component(ICAL.parse(mail.calendar!.ics)).getFirstSubcomponent('vevent')!;
  return {
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    attendee: String(vevent.getFirstPropertyValue('attendee'))
      .replace(/^mailto:/i, '')
      .toLowerCase(),
  };
}

interface InvitationRow {
  id: string;
  uid: string;
  status: string;
  sequence: number;
  delegate_email: string;
  delegate_name: string;
  leader_id: string | null;
  substitute: Record<string, unknown> | null;
  answer_comment: string | null;
}

/**
 * Issue 15 item 1, through the real HTTP stack, queue, worker and SMTP sink: a substitute proposed on the
 * RSVP page or from a calendar, approved or refused by a planner, and what each person receives after.
 */
describe('Substitution end to end, and calendar replies as real clients send them', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let edition: Edition;
  let planner: string;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  const forUid = (uid: string) => (mail: ReceivedMail) => mail.calendar !== null && mail.calendar.ics.includes(`UID:${uid}`);
  const invitationById = async (id: string): Promise<InvitationRow> => (await t.dataSource.query(`SELECT * FROM invitations WHERE id = $1`, [id]))[0];
  const invitationOf = async (leader: Leader): Promise<InvitationRow> =>
    (await t.dataSource.query(`SELECT * FROM invitations WHERE leader_id = $1 ORDER BY created_at LIMIT 1`, [leader.id]))[0];
  const rsvp = (invitationId: string) => `/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`;
  const venueVersion = async (venue: Venue): Promise<number> => (await t.dataSource.query(`SELECT version FROM venues WHERE id = $1`, [venue.id]))[0].version;
  const reschedule = async (venue: Venue, date: string) =>
    t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: await venueVersion(venue), date, startTime: '08:00', endTime: '11:30' })
      .expect(200);

  /** A scheduled venue of province 12 with a leader assigned as chief guest, invited in bulk, the invitation out. */
  async function invitedLeader(date: string, leaderOverrides: Partial<Leader> = {}): Promise<{ venue: Venue; leader: Leader; invitation: InvitationRow }> {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: date, contactName: 'Đại úy Lò Văn Minh', contactPhone: '0912 345 678' });
    const leader = await createLeader(t.dataSource, { fullName: 'Phạm Quang Đức', position: 'Thứ trưởng Bộ Công an', ...leaderOverrides });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    await sink.waitFor(1, forUid(invitation.uid));
    for (let tries = 0; (await invitationById(invitation.id)).status !== 'sent' && tries < 100; tries += 1)
      await new Promise((resume) => setTimeout(resume, 50));
    return { venue, leader, invitation: await invitationById(invitation.id) };
  }

  const propose = (invitationId: string, deputy: { name: string; position: string; email: string; phone?: string }) =>
    t.http
      .post(rsvp(invitationId))
      .type('form')
      .send({
        answer: 'substitute',
        substituteName: deputy.name,
        substitutePosition: deputy.position,
        substituteEmail: deputy.email,
        substitutePhone: deputy.phone ?? '',
      })
      .expect(200);

  it('approves a substitute: CANCEL to the original on the same UID one revision up, a REQUEST of their own to the deputy, reminders, reschedules and bulk invitations only for the deputy', async () => {
    const { venue, leader, invitation } = await invitedLeader(`${edition.year}-08-10`);
    const [request] = await sink.waitFor(1, forUid(invitation.uid));
    expect(icsOf(request)).toMatchObject({ uid: invitation.uid, sequence: 0 });

    await propose(invitation.id, {
      name: 'Trần Thị Hoa',
      position: 'Cục trưởng Cục Xây dựng phong trào',
      email: 'Hoa.TT@cuc.example.vn',
      phone: '0987 654 321',
    });
    expect(await invitationById(invitation.id)).toMatchObject({
      status: 'substitute_proposed',
      substitute: {
        name: 'Trần Thị Hoa',
        position: 'Cục trưởng Cục Xây dựng phong trào',
        email: 'hoa.tt@cuc.example.vn',
        phone: '0987 654 321',
        leaderId: null,
      },
    });
    // Planners find it where they work: a filter of the invitation list.
    const pending = await t.http.get(`/api/invitations?editionId=${edition.id}&status=substitute_proposed`).set('Authorization', planner).expect(200);
    expect(pending.body.items.map((item: { id: string }) => item.id)).toContain(invitation.id);

    // A reschedule while the proposal is pending: the proposal stays, the office is told in the update.
    await reschedule(venue, `${edition.year}-08-11`);
    const [, update] = await sink.waitFor(2, forUid(invitation.uid));
    expect(icsOf(update)).toMatchObject({ uid: invitation.uid, sequence: 1, attendee: leader.officeEmail.toLowerCase() });
    expect(update.parsed.text).toContain('Đề nghị cử đồng chí Trần Thị Hoa');
    expect(update.parsed.text).toContain('đang được Ban Tổ chức xem xét');
    expect(await invitationById(invitation.id)).toMatchObject({ status: 'substitute_proposed', sequence: 1, substitute: { name: 'Trần Thị Hoa' } });

    const approved = await t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner).expect(202);
    const deputy = approved.body.substitute as { id: string; uid: string; delegateEmail: string; substituteFor: string };
    expect(deputy).toMatchObject({ delegateEmail: 'hoa.tt@cuc.example.vn', substituteFor: invitation.id, status: 'queued' });
    expect(deputy.uid).not.toBe(invitation.uid);

    // The original's CANCEL: the UID of its REQUEST, a higher SEQUENCE, a short letter naming the deputy.
    const [, , cancel] = await sink.waitFor(3, forUid(invitation.uid));
    expect(cancel.calendar!.method).toBe('CANCEL');
    expect(icsOf(cancel)).toMatchObject({ uid: icsOf(request).uid, sequence: 2 });
    expect(cancel.parsed.text).toContain('Trần Thị Hoa');
    expect(cancel.parsed.text).toContain('dự thay');
    expect(cancel.parsed.subject).toContain('người dự thay');

    // The deputy's REQUEST: their own UID, addressed to them, with an RSVP link that works.
    const [toDeputy] = await sink.waitFor(1, forUid(deputy.uid));
    expect(toDeputy.calendar!.method).toBe('REQUEST');
    expect(icsOf(toDeputy)).toMatchObject({ uid: deputy.uid, sequence: 0, attendee: 'hoa.tt@cuc.example.vn' });
    const link = rsvp(deputy.id);
    expect(toDeputy.parsed.text).toContain(link);
    const page = await t.http.get(link).expect(200);
    expect(page.text).toContain('Trần Thị Hoa');
    await t.http.post(link).type('form').send({ answer: 'accept', note: 'Đến lúc 7 giờ 30, đi ô tô' }).expect(200);
    expect(await invitationById(deputy.id)).toMatchObject({ status: 'accepted', answer_comment: 'Đến lúc 7 giờ 30, đi ô tô' });

    // The original leader's assignment ended with the approval.
    const leaders = await t.http.get(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).expect(200);
    expect(leaders.body.map((row: { leaderId: string }) => row.leaderId)).not.toContain(leader.id);

    // Only the deputy's reminders fire: every reminder of both made due now and enqueued again.
    const reminders: { id: string; subject_id: string; status: string }[] = await t.dataSource.query(
      `WITH due AS (UPDATE reminders SET due_at = now(), revision = revision + 1 WHERE subject_id = ANY($1::uuid[]) RETURNING id, subject_id, status, revision)
       SELECT * FROM due`,
      [[invitation.id, deputy.id]],
    );
    expect(reminders.filter((row) => row.subject_id === invitation.id).every((row) => row.status === 'cancelled')).toBe(true);
    const deputyReminders = reminders.filter((row) => row.subject_id === deputy.id && row.status === 'pending');
    expect(deputyReminders.length).toBeGreaterThan(0);
    await t.app.get(JobProducer).enqueueMany(
      FireReminderJob,
      (await t.dataSource.query(`SELECT id, revision FROM reminders WHERE subject_id = ANY($1::uuid[])`, [[invitation.id, deputy.id]])).map(
        (row: { id: string; revision: number }) => ({ reminderId: row.id, revision: row.revision, dueAt: Date.now() }),
      ),
    );
    const ids = new Set(reminders.map((row) => row.id));
    const fired = (await sink.waitFor(deputyReminders.length, (mail) => ids.has(String(mail.parsed.headers.get('x-ngayhoi-reminder'))))).filter((mail) =>
      ids.has(String(mail.parsed.headers.get('x-ngayhoi-reminder'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fired.every((mail) => (mail.parsed.to as { value: { address: string }[] }).value[0].address === 'hoa.tt@cuc.example.vn')).toBe(true);
    expect(sink.to(leader.officeEmail).filter((mail) => mail.parsed.headers.has('x-ngayhoi-reminder'))).toHaveLength(0);

    // A reschedule after approval reaches the deputy only.
    const toOriginalBefore = sink.to(leader.officeEmail).length;
    await reschedule(venue, `${edition.year}-08-12`);
    const [, deputyUpdate] = await sink.waitFor(2, forUid(deputy.uid));
    expect(icsOf(deputyUpdate)).toMatchObject({ uid: deputy.uid, sequence: 1, attendee: 'hoa.tt@cuc.example.vn' });
    // A bulk invitation after approval sends nothing to the original.
    const bulk = await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    expect(bulk.body.created).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.to(leader.officeEmail)).toHaveLength(toOriginalBefore);
    expect(await t.dataSource.query(`SELECT id FROM invitations WHERE leader_id = $1 AND status <> 'withdrawn'`, [leader.id])).toHaveLength(0);

    // Each invitation's history, with who and when in local time.
    const history = await t.http.get(`/api/invitations/${invitation.id}/history`).set('Authorization', planner).expect(200);
    const kinds = history.body.map((line: { kind: string }) => line.kind);
    for (const kind of ['created', 'sent', 'answered', 'updated', 'substituted']) expect(kinds).toContain(kind);
    const substituted = history.body.find((line: { kind: string }) => line.kind === 'substituted');
    expect(substituted).toMatchObject({ kindName: 'Thay người dự', detail: 'Đồng chí Trần Thị Hoa dự thay' });
    expect(substituted.localTime).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(history.body.find((line: { kind: string }) => line.kind === 'answered').actor).toContain('(trang trả lời)');
    const deputyHistory = await t.http.get(`/api/invitations/${deputy.id}/history`).set('Authorization', planner).expect(200);
    expect(deputyHistory.body[0]).toMatchObject({ kind: 'created', detail: 'Dự thay đồng chí Phạm Quang Đức' });
  }, 60_000);

  it('refuses a substitute: the office gets the reason by e-mail and the original leader’s answer is awaited again', async () => {
    const { leader, invitation } = await invitedLeader(`${edition.year}-08-13`);
    await propose(invitation.id, { name: 'Lê Văn Tâm', position: 'Phó Vụ trưởng', email: 'tam.lv@vu.example.vn' });
    await t.http.post(`/api/invitations/${invitation.id}/substitute/refuse`).set('Authorization', planner).send({ reason: 'x' }).expect(400);
    const refused = await t.http
      .post(`/api/invitations/${invitation.id}/substitute/refuse`)
      .set('Authorization', planner)
      .send({ reason: 'Ban Tổ chức đề nghị đồng chí Thứ trưởng trực tiếp dự' })
      .expect(200);
    expect(refused.body).toMatchObject({ status: 'sent', substitute: null });
    const [notice] = await sink.waitFor(
      1,
      (mail) => sink.to(leader.officeEmail).includes(mail) && mail.calendar === null && mail.parsed.headers.has('x-ngayhoi-invitation'),
    );
    expect(notice.parsed.subject).toContain('Về đề nghị cử người dự thay');
    expect(notice.parsed.text).toContain('Lý do: Ban Tổ chức đề nghị đồng chí Thứ trưởng trực tiếp dự');
    expect(notice.parsed.text).toContain(rsvp(invitation.id));
    // Awaiting the original's answer: the link still works and the page offers the answers again.
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'accept' }).expect(200);
    expect((await invitationById(invitation.id)).status).toBe('accepted');
    await t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner).expect(409);
  }, 30_000);

  it('links a deputy who is a registered leader, reporting a clash with their other assignments before anything is approved', async () => {
    const deputyLeader = await createLeader(t.dataSource, { fullName: 'Hoàng Minh Tuấn', position: 'Cục trưởng', officeEmail: 'vp.tuan@bo.example.vn' });
    // The deputy already attends another venue that day.
    const other = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-14` });
    await t.http.post(`/api/venues/${other.id}/leaders`).set('Authorization', planner).send({ leaderId: deputyLeader.id, role: 'chief_guest' }).expect(201);
    const { venue, leader, invitation } = await invitedLeader(`${edition.year}-08-14`);
    // Someone else of that office (same mailbox, another name) is not the registered leader.
    await propose(invitation.id, { name: 'Nguyễn Văn Khác', position: 'Chánh Văn phòng', email: 'vp.tuan@bo.example.vn' });
    expect((await invitationById(invitation.id)).substitute).toMatchObject({ leaderId: null });
    await propose(invitation.id, { name: 'Hoàng  Minh Tuấn', position: 'Cục trưởng', email: 'VP.Tuan@bo.example.vn' });
    expect((await invitationById(invitation.id)).substitute).toMatchObject({ leaderId: deputyLeader.id });

    const clash = await t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner).expect(409);
    expect(clash.body).toMatchObject({ code: 'SUBSTITUTE_LEADER_CLASH', details: { leaderId: deputyLeader.id, rule: 'LEADER_DOUBLE_BOOKED' } });
    expect(clash.body.message).toContain('Hoàng Minh Tuấn');
    // Nothing moved: the proposal, the original's assignment, no deputy invitation.
    expect((await invitationById(invitation.id)).status).toBe('substitute_proposed');
    const before = await t.http.get(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).expect(200);
    expect(before.body.map((row: { leaderId: string }) => row.leaderId)).toEqual([leader.id]);

    // Free that day: approved, the invitation linked to the deputy leader and their assignment begins.
    await t.http.delete(`/api/venues/${other.id}/leaders/${deputyLeader.id}`).set('Authorization', planner).expect(204);
    const approved = await t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner).expect(202);
    expect(approved.body.substitute).toMatchObject({ leaderId: deputyLeader.id, delegateName: 'Hoàng Minh Tuấn', delegateEmail: 'vp.tuan@bo.example.vn' });
    const after = await t.http.get(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).expect(200);
    expect(after.body).toEqual([expect.objectContaining({ leaderId: deputyLeader.id, role: 'chief_guest' })]);
  }, 30_000);

  it('refuses to approve once the venue was cancelled or the invitation withdrawn, with a clear 409', async () => {
    const first = await invitedLeader(`${edition.year}-08-15`);
    await propose(first.invitation.id, { name: 'Đỗ Văn Nam', position: 'Phó Cục trưởng', email: 'nam.dv@cuc.example.vn' });
    await t.http
      .post(`/api/venues/${first.venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'cancelled', version: await venueVersion(first.venue), reason: 'Mưa lũ kéo dài' })
      .expect(200);
    const cancelled = await t.http.post(`/api/invitations/${first.invitation.id}/substitute/approve`).set('Authorization', planner).expect(409);
    expect(cancelled.body).toMatchObject({ code: 'VENUE_CANCELLED', message: 'Điểm tổ chức đã bị hủy; không thể chấp thuận người dự thay.' });

    const second = await invitedLeader(`${edition.year}-08-16`);
    await propose(second.invitation.id, { name: 'Đỗ Văn Nam', position: 'Phó Cục trưởng', email: 'nam.dv@cuc.example.vn' });
    await t.http
      .post(`/api/invitations/${second.invitation.id}/withdraw`)
      .set('Authorization', planner)
      .send({ reason: 'Điều chỉnh đoàn công tác' })
      .expect(202);
    const withdrawn = await t.http.post(`/api/invitations/${second.invitation.id}/substitute/approve`).set('Authorization', planner).expect(409);
    expect(withdrawn.body).toMatchObject({ code: 'INVITATION_WITHDRAWN', message: 'Lời mời đã được thu hồi; không thể chấp thuận người dự thay.' });
    expect(
      await t.dataSource.query(`SELECT id FROM invitations WHERE substitute_for = ANY($1::uuid[])`, [[first.invitation.id, second.invitation.id]]),
    ).toHaveLength(0);
  }, 30_000);

  describe('calendar replies (the inbound hook)', () => {
    const PASS = 'mx.ngayhoi.vn; dkim=pass header.d=vanphong.example.vn; dmarc=pass (p=reject) header.from=vanphong.example.vn';
    const post = (body: string, authenticationResults: string | null = PASS) => {
      const request = t.http
        .post('/api/inbound/calendar-replies')
        .set('Content-Type', 'text/calendar; method=REPLY')
        .set('X-Inbound-Secret', TEST_ENV.INBOUND_HOOK_SECRET);
      if (authenticationResults !== null) request.set('X-Inbound-Authentication-Results', authenticationResults);
      return request.send(body);
    };
    const reply = (uid: string, options: { sequence?: number; stamp: string; attendees: string[]; comment?: string }) =>
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
        'METHOD:REPLY',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        `SEQUENCE:${options.sequence ?? 0}`,
        `DTSTAMP:${options.stamp}`,
        ...options.attendees,
        ...(options.comment ? [`COMMENT:${options.comment}`] : []),
        'ORGANIZER:mailto:bantochuc@ngayhoi.example.vn',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');

    it('records TENTATIVE with its COMMENT, keeps a newer answer over an older reply, records the same reply once, and refuses an unsent SEQUENCE or an unauthenticated sender', async () => {
      const { leader, invitation } = await invitedLeader(`${edition.year}-08-17`, { officeEmail: 'vp.duc@vanphong.example.vn' });
      const me = (partstat: string) => `ATTENDEE;PARTSTAT=${partstat};CN=Văn phòng:mailto:${leader.officeEmail}`;

      const tentative = await post(
        reply(invitation.uid, { stamp: '20300801T010000Z', attendees: [me('TENTATIVE')], comment: 'Có thể đến muộn 30 phút' }),
      ).expect(200);
      expect(tentative.body).toEqual({ invitationId: invitation.id, status: 'tentative', outcome: 'applied' });
      expect(await invitationById(invitation.id)).toMatchObject({ status: 'tentative', answer_comment: 'Có thể đến muộn 30 phút' });
      // The same reply again (a relay retry): recorded once.
      const again = await post(reply(invitation.uid, { stamp: '20300801T010000Z', attendees: [me('TENTATIVE')], comment: 'Có thể đến muộn 30 phút' })).expect(
        200,
      );
      expect(again.body.outcome).toBe('duplicate');
      // Newer accept, then an older decline arriving late: the accept stands.
      await post(reply(invitation.uid, { stamp: '20300802T010000Z', attendees: [me('ACCEPTED')] })).expect(200);
      const late = await post(reply(invitation.uid, { stamp: '20300801T120000Z', attendees: [me('DECLINED')] })).expect(200);
      expect(late.body).toEqual({ invitationId: invitation.id, status: 'accepted', outcome: 'older' });
      expect((await invitationById(invitation.id)).status).toBe('accepted');
      const replies = await t.dataSource.query(
        `SELECT partstat, outcome, sender_authenticated FROM invitation_replies WHERE invitation_id = $1 ORDER BY received_at`,
        [invitation.id],
      );
      expect(replies).toEqual([
        { partstat: 'TENTATIVE', outcome: 'applied', sender_authenticated: true },
        { partstat: 'ACCEPTED', outcome: 'applied', sender_authenticated: true },
        { partstat: 'DECLINED', outcome: 'older', sender_authenticated: true },
      ]);

      // A SEQUENCE never sent; a relay that says DKIM/DMARC did not pass (or says nothing); an unknown attendee.
      expect((await post(reply(invitation.uid, { sequence: 5, stamp: '20300803T010000Z', attendees: [me('DECLINED')] })).expect(422)).body.code).toBe(
        'UNKNOWN_SEQUENCE',
      );
      expect(
        (await post(reply(invitation.uid, { stamp: '20300803T010000Z', attendees: [me('DECLINED')] }), 'mx; dkim=fail; dmarc=fail').expect(403)).body.code,
      ).toBe('SENDER_NOT_AUTHENTICATED');
      await post(reply(invitation.uid, { stamp: '20300803T010000Z', attendees: [me('DECLINED')] }), null).expect(403);
      // DMARC passed for another domain than the attendee's: not this sender.
      await post(
        reply(invitation.uid, { stamp: '20300803T010000Z', attendees: [me('DECLINED')] }),
        'mx; dkim=pass; dmarc=pass header.from=evil.example',
      ).expect(403);
      expect(
        (await post(reply(invitation.uid, { stamp: '20300803T010000Z', attendees: ['ATTENDEE;PARTSTAT=DECLINED:mailto:stranger@example.vn'] })).expect(422))
          .body.code,
      ).toBe('UNKNOWN_CALENDAR_REPLY');
      // Links no longer valid (past their expiry): refused, nothing changes.
      await t.dataSource.query(`UPDATE invitations SET rsvp_expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
      expect((await post(reply(invitation.uid, { stamp: '20300803T010000Z', attendees: [me('DECLINED')] })).expect(409)).body.code).toBe('REPLY_LINKS_EXPIRED');
      expect((await invitationById(invitation.id)).status).toBe('accepted');
      await t.dataSource.query(`UPDATE invitations SET rsvp_expires_at = now() + interval '30 days' WHERE id = $1`, [invitation.id]);
    }, 30_000);

    it('turns PARTSTAT=DELEGATED with DELEGATED-TO into a substitute proposal, whichever ATTENDEE line comes first', async () => {
      const { leader, invitation } = await invitedLeader(`${edition.year}-08-18`, { officeEmail: 'vp.ha@vanphong.example.vn' });
      // Outlook writes the delegate's line first here, then the delegator's.
      const body = reply(invitation.uid, {
        stamp: '20300801T020000Z',
        attendees: [
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:${leader.officeEmail}";CN=Vũ Thị Lan:mailto:lan.vt@vanphong.example.vn`,
          `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:lan.vt@vanphong.example.vn";CN=Văn phòng:mailto:${leader.officeEmail}`,
        ],
        comment: 'Đồng chí Lan dự thay',
      });
      const proposed = await post(body).expect(200);
      expect(proposed.body).toMatchObject({ status: 'substitute_proposed', outcome: 'applied' });
      expect(await invitationById(invitation.id)).toMatchObject({
        substitute: { name: 'Vũ Thị Lan', email: 'lan.vt@vanphong.example.vn' },
        answer_comment: 'Đồng chí Lan dự thay',
      });
      const approved = await t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner).expect(202);
      const [toDeputy] = await sink.waitFor(1, forUid(approved.body.substitute.uid));
      expect(icsOf(toDeputy).attendee).toBe('lan.vt@vanphong.example.vn');
    }, 30_000);
  });

  it('shows organizers the answers for their own province’s venues, never contacts; other provinces are refused', async () => {
    const { venue, invitation } = await invitedLeader(`${edition.year}-08-19`);
    await t.http.post(rsvp(invitation.id)).type('form').send({ answer: 'accept', note: 'Đến lúc 7 giờ 15' }).expect(200);
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    const otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '66'))}`;
    const viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;

    const answers = await t.http.get(`/api/venues/${venue.id}/invitation-answers`).set('Authorization', organizer).expect(200);
    expect(answers.body).toEqual([
      expect.objectContaining({
        invitationId: invitation.id,
        delegateName: 'Phạm Quang Đức',
        role: 'chief_guest',
        status: 'accepted',
        answered: true,
        answerComment: 'Đến lúc 7 giờ 15',
      }),
    ]);
    const text = JSON.stringify(answers.body);
    expect(text).not.toContain('@');
    expect(text).not.toContain('delegateEmail');
    // Viewers get no leaders' movements (the export's rule), so no answers either.
    expect((await t.http.get(`/api/venues/${venue.id}/invitation-answers`).set('Authorization', viewer).expect(403)).body.code).toBe('NEED_TO_KNOW');
    const refused = await t.http.get(`/api/venues/${venue.id}/invitation-answers`).set('Authorization', otherOrganizer).expect(403);
    expect(refused.body.code).toBe('PROVINCE_SCOPE');
    // Organizers still do not read invitations themselves (contacts).
    await t.http.get(`/api/invitations/${invitation.id}`).set('Authorization', organizer).expect(403);
    await t.http.get(`/api/venues/${venue.id}/invitation-answers`).expect(401);
  }, 30_000);
});
