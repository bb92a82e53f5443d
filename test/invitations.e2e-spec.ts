import type { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { linkToken, ReconcileInvitationMessagesHandler, SendInvitationMessageHandler } from '@app/invitations';
import { Leader } from '@app/leaders/leader.entities';
import { Venue } from '@app/venues/venue.entity';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

/** Parses an ICS as an independent client would (ical.js), with its own VTIMEZONE registered. */
function readIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  const attendee = vevent.getFirstProperty('attendee')!;
  return {
    calendar,
    method: calendar.getFirstPropertyValue('method'),
    uid: event.uid,
    sequence: event.sequence,
    startTzid: vevent.getFirstProperty('dtstart')!.getParameter('tzid'),
    startLocal: event.startDate.toString(),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    stamp: vevent.getFirstProperty('dtstamp')!.toICALString(),
    status: vevent.getFirstPropertyValue('status'),
    organizer: String(vevent.getFirstPropertyValue('organizer')).replace(/^mailto:/i, 'mailto:'), // the scheme is case-insensitive
    attendee: {
      address: String(attendee.getFirstValue()).replace(/^mailto:/i, 'mailto:'),
      partstat: attendee.getParameter('partstat'),
      rsvp: attendee.getParameter('rsvp'),
    },
    timezones: calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')),
    alarms: vevent.getAllSubcomponents('valarm').length,
    geo: vevent.getFirstPropertyValue('geo'),
  };
}

describe('Invitations: e-mail + ICS through the queue, RSVP, feeds, calendar replies', () => {
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

  async function scheduledVenueWithLeader(date: string): Promise<{ venue: Venue; leader: Leader }> {
    const venue = await createVenue(t.dataSource, edition, '12', {
      scheduleOn: date,
      hours: ['07:30', '11:30'],
      address: 'Nhà văn hóa bản Nậm Cang',
      latitude: 22.3611,
      longitude: 103.2422,
      contactName: 'Đại úy Lò Văn Minh',
      contactPhone: '0912 345 678',
    });
    await t.http.post(`/api/venues/${venue.id}/programme/from-template`).set('Authorization', planner).send({}).expect(201);
    const leader = await createLeader(t.dataSource, { fullName: 'Phạm Quang Đức', position: 'Thứ trưởng Bộ Công an' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    return { venue, leader };
  }

  /**
   * Gives the leader their calendar feed first (its link has a letter of its own), so that only the
   * invitation's e-mail meets a mail server told to refuse the next messages.
   */
  async function feedAlreadyIssued(leader: Leader): Promise<void> {
    const issued = await t.http.post('/api/calendar-feeds').set('Authorization', planner).send({ editionId: edition.id, leaderId: leader.id }).expect(200);
    await sink.waitFor(1, (mail) => mail.parsed.headers.get('x-ngayhoi-calendar-feed') === issued.body.id);
  }

  const forInvitation = (uid: string) => (mail: ReceivedMail) => mail.calendar !== null && mail.calendar.ics.includes(`UID:${uid}`);
  const invitationOf = async (leader: Leader) => (await t.dataSource.query(`SELECT * FROM invitations WHERE leader_id = $1`, [leader.id]))[0];

  it('sends a formal Vietnamese invitation with an inline REQUEST that calendars understand, then updates and cancels the same entry', async () => {
    const date = `${edition.year}-08-12`;
    const { venue, leader } = await scheduledVenueWithLeader(date);

    const bulk = await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    expect(bulk.body).toMatchObject({ created: 1, alreadyInvited: 0 });
    const invitation = await invitationOf(leader);
    expect(invitation).toMatchObject({ delegate_email: leader.officeEmail, delegate_title: 'Thứ trưởng Bộ Công an', role: 'chief_guest' });

    const [first] = await sink.waitFor(1, forInvitation(invitation.uid));
    expect(first.parsed.to).toMatchObject({ value: [{ address: leader.officeEmail }] });
    expect(first.parsed.subject).toContain('Ngày hội toàn dân bảo vệ an ninh Tổ quốc');
    expect(first.parsed.html).toContain(venue.name);
    expect(first.parsed.html).toContain('12/08/' + edition.year);
    expect(first.parsed.html).toContain('Đại úy Lò Văn Minh');
    expect(first.parsed.html).toContain('Văn nghệ chào mừng');
    expect(first.parsed.text).toContain(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id)}`);
    expect(first.calendar!.method).toBe('REQUEST');
    expect(first.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(first.parsed.messageId).toBe(
      `<${(await t.dataSource.query(`SELECT id FROM invitation_messages WHERE invitation_id = $1`, [invitation.id]))[0].id}@ngayhoi.vn>`,
    );

    const request = readIcs(first.calendar!.ics);
    expect(request).toMatchObject({
      method: 'REQUEST',
      uid: invitation.uid,
      sequence: 0,
      startTzid: 'Asia/Ho_Chi_Minh',
      start: venue.startsAt!.toISOString(),
      end: venue.endsAt!.toISOString(),
      status: 'CONFIRMED',
      organizer: 'mailto:bantochuc@ngayhoi.example.vn',
      attendee: { address: `mailto:${leader.officeEmail}`, partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
      timezones: ['Asia/Ho_Chi_Minh'],
      alarms: 1,
    });
    expect(request.startLocal).toBe(`${date}T07:30:00`);
    expect(request.stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(request.geo).toEqual([22.3611, 103.2422]);
    expect((await invitationOf(leader)).status).toBe('sent');

    // Reschedule: the same calendar entry, a higher SEQUENCE, the new date and time.
    const moved = await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: venue.version, date: `${edition.year}-08-14`, startTime: '07:00', endTime: '11:00' })
      .expect(200);
    const [, update] = await sink.waitFor(2, forInvitation(invitation.uid));
    const updated = readIcs(update.calendar!.ics);
    expect(updated).toMatchObject({ method: 'REQUEST', uid: invitation.uid, sequence: 1, start: moved.body.startsAt, end: moved.body.endsAt });
    expect(updated.startLocal).toBe(`${edition.year}-08-14T07:00:00`);
    expect(update.parsed.html).toContain('12/08/' + edition.year); // the previous date is shown
    expect(update.parsed.html).toContain('14/08/' + edition.year);

    // Withdrawal: CANCEL with the same UID and a higher SEQUENCE still.
    await t.http.post(`/api/invitations/${invitation.id}/withdraw`).set('Authorization', planner).send({ reason: 'Thay đổi kế hoạch công tác' }).expect(202);
    const [, , cancel] = await sink.waitFor(3, forInvitation(invitation.uid));
    expect(cancel.calendar!.method).toBe('CANCEL');
    expect(readIcs(cancel.calendar!.ics)).toMatchObject({ method: 'CANCEL', uid: invitation.uid, sequence: 2, status: 'CANCELLED' });
    expect(cancel.parsed.html).toContain('Thay đổi kế hoạch công tác');

    const view = await t.http.get(`/api/invitations/${invitation.id}`).set('Authorization', planner).expect(200);
    expect(view.body.status).toBe('withdrawn');
    expect(
      view.body.messages.map((message: { kind: string; status: string; sequence: number }) => `${message.kind}:${message.sequence}:${message.status}`),
    ).toEqual(['invitation:0:sent', 'update:1:sent', 'cancellation:2:sent']);
    const audit = await t.http.get('/api/audit').query({ entityType: 'invitation', entityId: invitation.id }).set('Authorization', planner).expect(200);
    expect(audit.body.total).toBeGreaterThanOrEqual(4); // create, queued, update, withdrawn
  });

  it('sends CANCEL to every invitation of a cancelled venue', async () => {
    const { venue, leader } = await scheduledVenueWithLeader(`${edition.year}-08-02`);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    await sink.waitFor(1, forInvitation(invitation.uid));
    await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'cancelled', version: venue.version, reason: 'Mưa lũ kéo dài' })
      .expect(200);
    const [, cancel] = await sink.waitFor(2, forInvitation(invitation.uid));
    expect(readIcs(cancel.calendar!.ics)).toMatchObject({ method: 'CANCEL', sequence: 1, status: 'CANCELLED' });
    expect(cancel.parsed.text).toContain('Mưa lũ kéo dài');
    expect((await invitationOf(leader)).status).toBe('withdrawn');
  });

  it('withdraws the invitation of a leader taken off the venue, sending the CANCEL with the reason; a new chief guest can be invited', async () => {
    const { venue, leader } = await scheduledVenueWithLeader(`${edition.year}-08-03`);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    await sink.waitFor(1, forInvitation(invitation.uid));
    await t.http.delete(`/api/venues/${venue.id}/leaders/${leader.id}`).set('Authorization', planner).expect(204);
    expect((await invitationOf(leader)).status).toBe('withdrawn'); // in the same transaction as the removal
    const [, cancel] = await sink.waitFor(2, forInvitation(invitation.uid));
    expect(readIcs(cancel.calendar!.ics)).toMatchObject({ method: 'CANCEL', sequence: 1 });
    expect(cancel.parsed.text).toContain('Thay đổi phân công lãnh đạo dự điểm tổ chức');

    const successor = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn Kế Nhiệm' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: successor.id, role: 'chief_guest' }).expect(201);
    const bulk = await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    expect(bulk.body.created).toBe(1);
    await sink.waitFor(1, forInvitation((await invitationOf(successor)).uid)); // out before the next test counts refusals
  });

  it('resends the full letter on the same calendar entry and revision, never while one is waiting, never once withdrawn', async () => {
    const { venue, leader } = await scheduledVenueWithLeader(`${edition.year}-08-05`);
    sink.refuseNext = 1_000; // the first e-mail cannot leave yet: the invitation stays queued
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    const waiting = await t.http.post(`/api/invitations/${invitation.id}/resend`).set('Authorization', planner).expect(409);
    expect(waiting.body.code).toBe('INVITATION_SENDING');
    sink.refuseNext = 0;
    await sink.waitFor(1, forInvitation(invitation.uid));
    for (let tries = 0; (await invitationOf(leader)).status !== 'sent' && tries < 100; tries += 1) await new Promise((resume) => setTimeout(resume, 50));

    // Nothing changed: the SEQUENCE stays, so a reply already on its way to revision 0 still counts.
    const resent = await t.http.post(`/api/invitations/${invitation.id}/resend`).set('Authorization', planner).expect(202);
    expect(resent.body).toMatchObject({ status: 'sent', sequence: 0 });
    const [first, again] = await sink.waitFor(2, forInvitation(invitation.uid));
    expect(readIcs(again.calendar!.ics)).toMatchObject({ method: 'REQUEST', uid: invitation.uid, sequence: resent.body.sequence });
    expect(again.parsed.subject).toBe(first.parsed.subject); // the letter itself, not an "update"
    expect((await invitationOf(leader)).status).toBe('sent');
    expect((await auditEntriesFor(t.dataSource, 'invitation', invitation.id)).map((entry: { note: string | null }) => entry.note)).toContain('Gửi lại thư mời');

    await t.http.post(`/api/invitations/${invitation.id}/withdraw`).set('Authorization', planner).send({ reason: 'Thay đổi kế hoạch công tác' }).expect(202);
    const refused = await t.http.post(`/api/invitations/${invitation.id}/resend`).set('Authorization', planner).expect(409);
    expect(refused.body.code).toBe('INVITATION_NOT_RESENDABLE');
    await sink.waitFor(3, forInvitation(invitation.uid)); // the CANCEL is out before the next test counts refusals
    // Off the venue too, or the next test's bulk invitation would invite this leader again.
    await t.http.delete(`/api/venues/${venue.id}/leaders/${leader.id}`).set('Authorization', planner).expect(204);
  });

  it('retries after the mail server refuses, delivering exactly once, and a re-run job sends nothing', async () => {
    const { leader } = await scheduledVenueWithLeader(`${edition.year}-08-03`);
    await feedAlreadyIssued(leader);
    sink.refuseNext = 2;
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    await sink.waitFor(1, forInvitation(invitation.uid));
    // The sink has the message before the worker has read the server's answer and recorded it.
    const messageRow = async () =>
      (await t.dataSource.query(`SELECT id, status, attempts, last_error FROM invitation_messages WHERE invitation_id = $1`, [invitation.id]))[0];
    for (const deadline = Date.now() + 5000; (await messageRow()).status !== 'sent' && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const message = await messageRow();
    expect(message).toMatchObject({ status: 'sent', attempts: 3, last_error: null });

    // The same job delivered again (or enqueued again) finds the row sent.
    const handler = worker.get(SendInvitationMessageHandler);
    expect(await handler.handle({ messageId: message.id }, { attempt: 1, lastAttempt: false, afterCompletion: () => undefined })).toBe('already-sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.filter(forInvitation(invitation.uid))).toHaveLength(1);
  });

  it('keeps the error and attempt count visible when every attempt fails, and sends on a planner retry', async () => {
    const { leader } = await scheduledVenueWithLeader(`${edition.year}-08-04`);
    await feedAlreadyIssued(leader);
    sink.refuseNext = 8; // all 8 attempts
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    const deadline = Date.now() + 20_000;
    let view;
    do {
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = (await t.http.get(`/api/invitations/${invitation.id}`).set('Authorization', planner)).body;
    } while (view.messages[0].status !== 'failed' && Date.now() < deadline);
    expect(view.messages[0]).toMatchObject({ status: 'failed', attempts: 8, lastError: expect.stringContaining('Hộp thư tạm thời không nhận thư') });
    expect(view.status).toBe('queued');

    sink.refuseNext = 0;
    await t.http.post(`/api/invitations/${invitation.id}/retry`).set('Authorization', planner).expect(202);
    await sink.waitFor(1, forInvitation(invitation.uid));
  }, 30_000);

  describe('RSVP without an account', () => {
    let invitation: { id: string; uid: string; delegate_email: string };
    let token: string;

    beforeAll(async () => {
      const { leader } = await scheduledVenueWithLeader(`${edition.year}-08-05`);
      await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
      invitation = await invitationOf(leader);
      token = linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id);
      await sink.waitFor(1, forInvitation(invitation.uid));
    });

    const statusOf = async () => (await t.dataSource.query(`SELECT status, substitute FROM invitations WHERE id = $1`, [invitation.id]))[0];

    it('shows the invitation on GET without changing anything, and records the last of several answers', async () => {
      const page = await t.http.get(`/api/rsvp/${token}`).expect(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('method="post"');
      expect(page.text).toContain('Phạm Quang Đức');
      expect((await statusOf()).status).toBe('sent');

      await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'accept' }).expect(200);
      expect((await statusOf()).status).toBe('accepted');
      await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'accept' }).expect(200);
      const declined = await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'decline' }).expect(200);
      expect(declined.text).toContain('không tham dự');
      expect((await statusOf()).status).toBe('declined');
      const answers = await t.dataSource.query(`SELECT note FROM audit_entries WHERE entity_id = $1 AND note LIKE 'Trả lời%'`, [invitation.id]);
      expect(answers).toHaveLength(3);
    });

    it('refuses a tampered or expired link with a page that reveals nothing', async () => {
      const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      for (const bad of [tampered, 'short', `${token}x`]) {
        const refused = await t.http.get(`/api/rsvp/${bad}`).expect(404);
        expect(refused.text).toContain('Liên kết không hợp lệ hoặc đã hết hạn.');
        expect(refused.text).not.toContain('Phạm Quang Đức');
        await t.http.post(`/api/rsvp/${bad}`).type('form').send({ answer: 'accept' }).expect(404);
      }
      await t.dataSource.query(`UPDATE invitations SET rsvp_expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
      const expired = await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'accept' }).expect(404);
      expect(expired.text).toContain('Liên kết không hợp lệ hoặc đã hết hạn.');
      expect((await statusOf()).status).toBe('declined');
      await t.dataSource.query(`UPDATE invitations SET rsvp_expires_at = now() + interval '30 days' WHERE id = $1`, [invitation.id]);
    });

    it('validates the answer form and requires the substitute details', async () => {
      const bad = await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'maybe' }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      const missing = await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'substitute', substituteName: 'Nguyễn Văn Bình' }).expect(400);
      expect(missing.body.details.map((issue: { field: string }) => issue.field).sort()).toEqual(['substituteEmail', 'substitutePosition']);
      // From a browser: the page again, what is wrong under the field, what was typed kept; nothing recorded.
      const before = await statusOf();
      const page = await t.http
        .post(`/api/rsvp/${token}`)
        .set('Accept', 'text/html,application/xhtml+xml')
        .type('form')
        .send({ answer: 'substitute', substituteName: 'Nguyễn Văn Bình', substitutePosition: 'Cục trưởng', substituteEmail: 'binh.nv@', substitutePhone: '' })
        .expect(400);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Thư điện tử của người dự thay không hợp lệ');
      expect(page.text).toContain('value="Nguyễn Văn Bình"');
      expect(page.text).toContain('Đề nghị chưa được ghi nhận.');
      const noName = await t.http
        .post(`/api/rsvp/${token}`)
        .set('Accept', 'text/html')
        .type('form')
        .send({ answer: 'substitute', substitutePosition: 'Cục trưởng', substituteEmail: 'binh.nv@vanphong.example.vn' })
        .expect(400);
      expect(noName.text).toContain('Cần họ và tên người dự thay.');
      expect(await statusOf()).toEqual(before);
    });

    it('lets the office propose a substitute; a planner approval cancels the original and invites the substitute', async () => {
      await t.http
        .post(`/api/rsvp/${token}`)
        .type('form')
        .send({
          answer: 'substitute',
          substituteName: 'Nguyễn Văn Bình',
          substitutePosition: 'Cục trưởng',
          substituteEmail: ' Binh.NV@vanphong.example.vn ',
          substitutePhone: '0912 000 111',
        })
        .expect(200);
      expect(await statusOf()).toEqual({
        status: 'substitute_proposed',
        substitute: { name: 'Nguyễn Văn Bình', position: 'Cục trưởng', email: 'binh.nv@vanphong.example.vn', phone: '0912 000 111', leaderId: null },
      });
      // The proposal is in the audit diff, not only in a note.
      const [proposal] = await t.dataSource.query(
        `SELECT changes FROM audit_entries WHERE entity_id = $1 AND changes ? 'substitute' ORDER BY at DESC, id DESC LIMIT 1`,
        [invitation.id],
      );
      expect(proposal.changes.substitute.after).toMatchObject({ name: 'Nguyễn Văn Bình', email: 'binh.nv@vanphong.example.vn' });

      // Two approvals at once (a double click, two planners): one deputy invitation, the same answer twice.
      const [approved, again] = await Promise.all([
        t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner),
        t.http.post(`/api/invitations/${invitation.id}/substitute/approve`).set('Authorization', planner),
      ]);
      expect([approved.status, again.status]).toEqual([202, 202]);
      expect(again.body.substitute.id).toBe(approved.body.substitute.id);
      expect(await t.dataSource.query(`SELECT id FROM invitations WHERE substitute_for = $1`, [invitation.id])).toHaveLength(1);
      expect(approved.body.withdrawn.status).toBe('withdrawn');
      expect(approved.body.substitute).toMatchObject({
        delegateName: 'Nguyễn Văn Bình',
        delegateEmail: 'binh.nv@vanphong.example.vn',
        substituteFor: invitation.id,
        status: 'queued',
      });

      const [, cancel] = await sink.waitFor(2, forInvitation(invitation.uid));
      expect(cancel.calendar!.method).toBe('CANCEL');
      const [toSubstitute] = await sink.waitFor(1, forInvitation(approved.body.substitute.uid));
      expect(toSubstitute.calendar!.method).toBe('REQUEST');
      expect(readIcs(toSubstitute.calendar!.ics).attendee.address).toBe('mailto:binh.nv@vanphong.example.vn');

      // The withdrawn invitation can no longer be answered.
      const withdrawn = await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'accept' }).expect(409);
      expect(withdrawn.text).toContain('thu hồi');
    });
  });

  describe('calendar replies and feeds', () => {
    let invitation: { id: string; uid: string; delegate_email: string };

    beforeAll(async () => {
      const { leader } = await scheduledVenueWithLeader(`${edition.year}-08-06`);
      await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
      invitation = await invitationOf(leader);
      await sink.waitFor(1, forInvitation(invitation.uid));
    });

    const reply = (uid: string, attendee: string, partstat: string) =>
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
        'METHOD:REPLY',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'SEQUENCE:0',
        'DTSTAMP:20270801T010000Z',
        `ATTENDEE;PARTSTAT=${partstat};CN=Văn phòng:mailto:${attendee}`,
        'ORGANIZER:mailto:bantochuc@ngayhoi.example.vn',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
    const post = (body: string, secret = TEST_ENV.INBOUND_HOOK_SECRET, authenticationResults = 'mx.ngayhoi.vn; dkim=pass header.d=example.vn; dmarc=pass') =>
      t.http
        .post('/api/inbound/calendar-replies')
        .set('Content-Type', 'text/calendar; method=REPLY')
        .set('X-Inbound-Secret', secret)
        .set('X-Inbound-Authentication-Results', authenticationResults)
        .send(body);

    it('records an iTIP REPLY matched by UID and attendee, and refuses anything else', async () => {
      await post(reply(invitation.uid, invitation.delegate_email, 'ACCEPTED'), 'wrong-secret-value').expect(401);
      const unknownUid = await post(reply('someone-else@ngayhoi.vn', invitation.delegate_email, 'ACCEPTED')).expect(422);
      expect(unknownUid.body.code).toBe('UNKNOWN_CALENDAR_REPLY');
      await post(reply(invitation.uid, 'stranger@example.vn', 'ACCEPTED')).expect(422);
      expect((await t.dataSource.query(`SELECT status FROM invitations WHERE id = $1`, [invitation.id]))[0].status).toBe('sent');
      expect((await post('not a calendar').expect(400)).body.code).toBe('INVALID_CALENDAR_REPLY');

      const accepted = await post(reply(invitation.uid, invitation.delegate_email.toUpperCase(), 'ACCEPTED')).expect(200);
      expect(accepted.body).toEqual({ invitationId: invitation.id, status: 'accepted', outcome: 'applied' });
      const [entry] = await t.dataSource.query(`SELECT note FROM audit_entries WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`, [invitation.id]);
      expect(entry.note).toBe('Trả lời từ ứng dụng lịch');
    });

    it("serves the delegate's private feed with their events, cancelled ones marked", async () => {
      await t.http.post(`/api/invitations/${invitation.id}/withdraw`).set('Authorization', planner).send({ reason: 'Điều chỉnh đoàn công tác' }).expect(202);
      // The feed's link came in a letter of its own (its random token exists nowhere else).
      const [letter] = await sink.waitFor(1, (mail) => mail.parsed.headers.has('x-ngayhoi-calendar-feed') && sink.to(invitation.delegate_email).includes(mail));
      const token = /\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics/.exec(letter.parsed.text!)![1];
      const feed = await t.http.get(`/api/calendar/${token}.ics`).expect(200);
      expect(feed.headers['content-type']).toContain('text/calendar');
      const calendar = new ICAL.Component(ICAL.parse(feed.text));
      expect(calendar.getFirstPropertyValue('method')).toBeNull();
      const events = calendar.getAllSubcomponents('vevent').filter((event) => event.getFirstPropertyValue('uid') === invitation.uid);
      expect(events).toHaveLength(1);
      expect(events[0].getFirstPropertyValue('status')).toBe('CANCELLED');
      const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
      await t.http.get(`/api/calendar/${tampered}.ics`).expect(404);
    });
  });

  it('re-enqueues from Postgres what Redis lost, and answers 503 while Redis is down without losing the change', async () => {
    const { leader } = await scheduledVenueWithLeader(`${edition.year}-08-08`);
    const offline = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6399/0' }); // nothing listens there
    try {
      const token = `Bearer ${await offline.tokenFor(await createUser(offline.dataSource, Role.CentralPlanner))}`;
      const refused = await offline.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', token).expect(503);
      expect(refused.body.code).toBe('QUEUE_UNAVAILABLE');
    } finally {
      await offline.close();
    }
    const invitation = await invitationOf(leader);
    expect(invitation.status).toBe('queued'); // committed: Postgres holds the truth
    const [pending] = await t.dataSource.query(`SELECT id, status FROM invitation_messages WHERE invitation_id = $1`, [invitation.id]);
    expect(pending.status).toBe('pending');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.filter(forInvitation(invitation.uid))).toHaveLength(0);

    // The reconciler (at worker start and every minute) finds it once it is old enough.
    await t.dataSource.query(`UPDATE invitation_messages SET created_at = now() - interval '1 minute' WHERE id = $1`, [pending.id]);
    expect(await worker.get(ReconcileInvitationMessagesHandler).handle()).toMatchObject({ requeued: 1 });
    await sink.waitFor(1, forInvitation(invitation.uid));
    expect(await worker.get(ReconcileInvitationMessagesHandler).handle()).toMatchObject({ requeued: 0 });
  }, 30_000);

  it('sends no CANCEL for an invitation whose first e-mail never left, and a first invitation (not an update) after a reschedule', async () => {
    const { venue, leader } = await scheduledVenueWithLeader(`${edition.year}-08-09`);
    const plannerUser = await createUser(t.dataSource, Role.CentralPlanner);
    const token = `Bearer ${await t.tokenFor(plannerUser)}`;
    await worker.close(); // nothing leaves while the worker is down
    try {
      await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', token).expect(202);
      const invitation = await invitationOf(leader);
      await t.http
        .post(`/api/venues/${venue.id}/transitions`)
        .set('Authorization', token)
        .send({ to: 'scheduled', version: venue.version, date: `${edition.year}-08-11`, startTime: '07:30', endTime: '11:30' })
        .expect(200);
      const messages = await t.dataSource.query(`SELECT kind, sequence, status FROM invitation_messages WHERE invitation_id = $1 ORDER BY created_at`, [
        invitation.id,
      ]);
      expect(messages).toEqual([
        { kind: 'invitation', sequence: 0, status: 'superseded' },
        { kind: 'invitation', sequence: 1, status: 'pending' },
      ]);
      const [automatic] = await t.dataSource.query(`SELECT actor_id FROM audit_entries WHERE entity_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`, [
        invitation.id,
      ]);
      expect(automatic.actor_id).toBe(plannerUser.id); // recorded under the planner who moved the venue

      await t.http.post(`/api/invitations/${invitation.id}/withdraw`).set('Authorization', token).send({ reason: 'Chưa gửi đã thu hồi' }).expect(202);
      const after = await t.dataSource.query(`SELECT kind, status FROM invitation_messages WHERE invitation_id = $1 ORDER BY created_at`, [invitation.id]);
      expect(after.map((message: { kind: string; status: string }) => `${message.kind}:${message.status}`)).toEqual([
        'invitation:superseded',
        'invitation:superseded',
      ]);
    } finally {
      worker = await createTestWorker({ SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' });
    }
  });

  it('skips inactive leaders in a bulk invitation, and a draft sent later gets a link valid until after the current date', async () => {
    const { venue, leader } = await scheduledVenueWithLeader(`${edition.year}-08-15`);
    const retired = await createLeader(t.dataSource, { active: false });
    await t.dataSource.query(`INSERT INTO venue_leader_assignments (venue_id, leader_id, role) VALUES ($1, $2, 'accompanying')`, [venue.id, retired.id]);
    const bulk = await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    expect(bulk.body.invitationIds).toContain((await invitationOf(leader)).id);
    expect(await t.dataSource.query(`SELECT id FROM invitations WHERE leader_id = $1`, [retired.id])).toEqual([]);

    const draft = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: venue.id, delegate: { name: 'Đỗ Văn Hải', email: 'hai.dv@vanphong.example.vn' }, role: 'accompanying' })
      .expect(201);
    const moved = await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: venue.version, date: `${edition.year}-08-18`, startTime: '07:30', endTime: '11:30' })
      .expect(200);
    await t.http.post(`/api/invitations/${draft.body.id}/send`).set('Authorization', planner).expect(202);
    const [{ rsvp_expires_at }] = await t.dataSource.query(`SELECT rsvp_expires_at FROM invitations WHERE id = $1`, [draft.body.id]);
    expect(rsvp_expires_at.toISOString()).toBe(new Date(new Date(moved.body.endsAt).getTime() + 24 * 3600_000).toISOString());
  });

  it('plans delegate reminders with the invitation, follows the edition policy, and drops them on a decline', async () => {
    const { leader } = await scheduledVenueWithLeader(`${edition.year}-08-17`);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    const remindersOf = async () =>
      (
        await t.dataSource.query(`SELECT offset_minutes, status, due_at FROM reminders WHERE subject_id = $1 ORDER BY offset_minutes DESC`, [invitation.id])
      ).map((row: { offset_minutes: number; status: string; due_at: Date }) => `${row.offset_minutes}:${row.status}:${row.due_at.toISOString()}`);
    expect(await remindersOf()).toEqual([
      `10080:pending:${edition.year}-08-10T00:30:00.000Z`,
      `1440:pending:${edition.year}-08-16T00:30:00.000Z`,
      `120:pending:${edition.year}-08-16T22:30:00.000Z`,
    ]);

    const defaults = await t.http.get(`/api/editions/${edition.id}/reminder-policy`).set('Authorization', planner).expect(200);
    expect(defaults.body).toMatchObject({ delegateOffsetsMinutes: [10080, 1440, 120], isDefault: true });
    await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ delegateOffsetsMinutes: [2880, 120] })
      .expect(200);
    expect(await remindersOf()).toEqual([
      `10080:cancelled:${edition.year}-08-10T00:30:00.000Z`,
      `2880:pending:${edition.year}-08-15T00:30:00.000Z`,
      `1440:cancelled:${edition.year}-08-16T00:30:00.000Z`,
      `120:pending:${edition.year}-08-16T22:30:00.000Z`,
    ]);
    const bad = await t.http
      .put(`/api/editions/${edition.id}/reminder-policy`)
      .set('Authorization', planner)
      .send({ delegateOffsetsMinutes: [-5] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    await sink.waitFor(1, forInvitation(invitation.uid));
    const token = linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id);
    await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'decline' }).expect(200);
    expect((await remindersOf()).filter((line: string) => line.includes(':pending:'))).toEqual([]);
    await t.http.post(`/api/rsvp/${token}`).type('form').send({ answer: 'accept' }).expect(200);
    expect((await remindersOf()).filter((line: string) => line.includes(':pending:'))).toHaveLength(2);
    await t.dataSource.query(`DELETE FROM reminder_policies WHERE edition_id = $1`, [edition.id]);
  });

  it('previews the e-mail and ICS of an invitation without sending', async () => {
    const venue = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-07` });
    const draft = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: venue.id, delegate: { name: 'Trần Thị Hoa', title: 'Vụ trưởng', email: 'hoa.tt@vanphong.example.vn' }, role: 'accompanying' })
      .expect(201);
    expect(draft.body.status).toBe('draft');
    expect(draft.body).not.toHaveProperty('rsvpTokenHash');
    const preview = await t.http.get(`/api/invitations/${draft.body.id}/preview`).set('Authorization', planner).expect(200);
    expect(preview.body).toMatchObject({ method: 'REQUEST', to: { address: 'hoa.tt@vanphong.example.vn' } });
    expect(preview.body.html).toContain('Trần Thị Hoa');
    // The pass's QR code shows in the preview as an image of its own, not as the e-mail's attachment reference.
    expect(preview.body.passCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(preview.body.html).toContain('src="data:image/png;base64,');
    expect(preview.body.html).not.toContain('cid:');
    expect(readIcs(preview.body.ics).uid).toBe(draft.body.uid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.received.filter(forInvitation(draft.body.uid))).toHaveLength(0);

    const duplicate = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: venue.id, delegate: { name: 'Trần Thị Hoa', email: 'HOA.TT@vanphong.example.vn' }, role: 'accompanying' })
      .expect(409);
    expect(duplicate.body.code).toBe('ALREADY_INVITED');
    await t.http.post(`/api/invitations/${draft.body.id}/send`).set('Authorization', planner).expect(202);
    await sink.waitFor(1, forInvitation(draft.body.uid));
  });
});
