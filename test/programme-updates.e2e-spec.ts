import { execFileSync } from 'node:child_process';
import type { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { linkToken, ReconcileInvitationMessagesHandler } from '@app/invitations';
import { Leader } from '@app/leaders/leader.entities';
import { JobProducer, QueueName } from '@app/queue';
import { Venue } from '@app/venues/venue.entity';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

/** The calendar entry of a message, read as an independent client would (ical.js). */
function icsOf(mail: ReceivedMail) {
  const calendar = new ICAL.Component(ICAL.parse(mail.calendar!.ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const start = vevent.getFirstProperty('dtstart')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    tzid: start.getParameter('tzid'),
    description: String(vevent.getFirstPropertyValue('description')),
  };
}

/** The text of a PDF as poppler's pdftotext reads it (Debian's poppler-utils), lines joined by a space. */
function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}

interface MessageRow {
  id: string;
  invitation_id: string;
  kind: string;
  sequence: number;
  status: string;
  send_after: Date | null;
}

/**
 * Issue 15: a venue's programme changed after the invitations went out reaches every delegate who still
 * holds the calendar entry (the accepted leader, the approved deputy; not the one who declined, not the
 * original attendee whose invitation a deputy took over) as one update e-mail however many edits were
 * made in the window, with the same UID one SEQUENCE up and the new programme; and the original
 * attendee's RSVP page names the deputy attending in their place.
 *
 * The coalescing window is an hour here, so nothing in the test races it: the edits are all made inside
 * it, then the test promotes the delayed send jobs (as the window's end would) and reads the sink.
 */
describe('Programme changes reach the invited', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let edition: Edition;
  let planner: string;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50', INVITATION_UPDATE_DELAY_SECONDS: '3600' };
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
  const rsvp = (invitationId: string) => `/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`;
  const invitationOf = async (leader: Leader): Promise<{ id: string; uid: string; status: string; sequence: number }> =>
    (await t.dataSource.query(`SELECT id, uid, status, sequence FROM invitations WHERE leader_id = $1 ORDER BY created_at LIMIT 1`, [leader.id]))[0];
  const invitationById = async (id: string): Promise<{ id: string; uid: string; status: string; sequence: number; delegate_email: string }> =>
    (await t.dataSource.query(`SELECT id, uid, status, sequence, delegate_email FROM invitations WHERE id = $1`, [id]))[0];
  const messagesOf = async (invitationId: string): Promise<MessageRow[]> =>
    t.dataSource.query(`SELECT id, invitation_id, kind, sequence, status, send_after FROM invitation_messages WHERE invitation_id = $1 ORDER BY created_at`, [
      invitationId,
    ]);
  const untilSent = async (invitationId: string) => {
    for (let tries = 0; (await invitationById(invitationId)).status !== 'sent' && tries < 200; tries += 1)
      await new Promise((resume) => setTimeout(resume, 50));
    expect((await invitationById(invitationId)).status).toBe('sent');
  };
  const mailQueue = () => t.app.get(JobProducer).queue(QueueName.Mail);
  /** The window's end, now: every delayed send job of these messages runs. */
  const promote = async (messages: MessageRow[]) => {
    for (const message of messages) {
      const job = await mailQueue().getJob(`invitation-message-${message.id}`);
      expect(await job!.getState()).toBe('delayed');
      await job!.promote();
    }
  };
  const addItem = (venue: Venue, title: string, startTime: string, endTime: string, part = 'ceremony') =>
    t.http.post(`/api/venues/${venue.id}/programme`).set('Authorization', planner).send({ part, title, startTime, endTime }).expect(201);

  it('sends one update per delegate holding the entry after several quick edits, with the same UID, a higher SEQUENCE and the new programme; none to who declined or was replaced; the replaced one’s page names the deputy', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12`, hours: ['07:30', '11:30'] });
    const accepting = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn Nhận', position: 'Thứ trưởng Bộ Công an' });
    const declining = await createLeader(t.dataSource, { fullName: 'Lê Thị Vắng', position: 'Phó Chủ tịch Ủy ban nhân dân tỉnh' });
    const replaced = await createLeader(t.dataSource, { fullName: 'Trần Quốc Thay', position: 'Cục trưởng' });
    for (const [leader, role] of [
      [accepting, 'chief_guest'],
      [declining, 'accompanying'],
      [replaced, 'accompanying'],
    ] as const) {
      await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role }).expect(201);
    }
    const opening = await addItem(venue, 'Khai mạc', '07:30', '08:00');

    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const [a, d, r] = [await invitationOf(accepting), await invitationOf(declining), await invitationOf(replaced)];
    for (const invitation of [a, d, r]) await untilSent(invitation.id);
    const [first] = await sink.waitFor(1, forUid(a.uid));
    expect(icsOf(first)).toMatchObject({ method: 'REQUEST', uid: a.uid, sequence: 0 });
    expect(icsOf(first).description).toContain('07:30–08:00 Phần lễ: Khai mạc');

    // The answers: one accepts, one declines, one's office sends a deputy, whom a planner approves.
    await t.http.post(rsvp(a.id)).type('form').send({ answer: 'accept' }).expect(200);
    await t.http.post(rsvp(d.id)).type('form').send({ answer: 'decline' }).expect(200);
    await t.http
      .post(rsvp(r.id))
      .type('form')
      .send({
        answer: 'substitute',
        substituteName: 'Đỗ Thị Phó',
        substitutePosition: 'Phó Cục trưởng',
        substituteEmail: 'pho.dt@cuc.example.vn',
        substitutePhone: '',
      })
      .expect(200);
    const approved = await t.http.post(`/api/invitations/${r.id}/substitute/approve`).set('Authorization', planner).expect(202);
    const deputy = await invitationById(approved.body.substitute.id);
    await untilSent(deputy.id);
    await sink.waitFor(1, forUid(deputy.uid));
    await sink.waitFor(2, forUid(r.uid)); // the original's REQUEST and its CANCEL
    const before = { declined: sink.to(declining.officeEmail).length, replaced: sink.to(replaced.officeEmail).length };

    // Four quick edits: two items added, one moved, one removed.
    const speech = await addItem(venue, 'Phát biểu chỉ đạo', '08:00', '08:30');
    await addItem(venue, 'Văn nghệ', '08:30', '09:00', 'festivities');
    await t.http
      .patch(`/api/venues/${venue.id}/programme/${speech.body.id}`)
      .set('Authorization', planner)
      .send({ startTime: '09:15', endTime: '09:45', version: speech.body.version })
      .expect(200);
    await t.http.delete(`/api/venues/${venue.id}/programme/${opening.body.id}?version=${opening.body.version}`).set('Authorization', planner).expect(204);

    // One update waits per delegate who holds the entry, and none for the others.
    const pendingOf = async (invitationId: string) => (await messagesOf(invitationId)).filter((message) => message.kind === 'programme-update');
    const [forAccepted, forDeputy] = [await pendingOf(a.id), await pendingOf(deputy.id)];
    expect(forAccepted).toHaveLength(1);
    expect(forDeputy).toHaveLength(1);
    expect(forAccepted[0]).toMatchObject({ status: 'pending', sequence: a.sequence + 1 });
    expect(forAccepted[0].send_after).not.toBeNull();
    expect(await pendingOf(d.id)).toEqual([]);
    expect(await pendingOf(r.id)).toEqual([]);
    // The answers stand: a programme change asks no new answer.
    expect(await invitationById(a.id)).toMatchObject({ status: 'accepted', sequence: a.sequence + 1 });
    expect(await invitationById(d.id)).toMatchObject({ status: 'declined' });

    await promote([...forAccepted, ...forDeputy]);
    const accepted = await sink.waitFor(2, forUid(a.uid));
    const deputyMails = await sink.waitFor(2, forUid(deputy.uid));
    for (const [mail, invitation] of [
      [accepted[1], a],
      [deputyMails[1], deputy],
    ] as const) {
      const ics = icsOf(mail);
      expect(ics).toMatchObject({ method: 'REQUEST', uid: invitation.uid, sequence: invitation.sequence + 1, tzid: 'Asia/Ho_Chi_Minh' });
      expect(mail.calendar!.method).toBe('REQUEST');
      // The programme as it stands after the last edit, in local time.
      expect(ics.description).toContain('08:30–09:00 Phần hội: Văn nghệ');
      expect(ics.description).toContain('09:15–09:45 Phần lễ: Phát biểu chỉ đạo');
      expect(ics.description).not.toContain('Khai mạc');
      expect(mail.parsed.subject).toMatch(/^\[CẬP NHẬT CHƯƠNG TRÌNH\] Giấy mời số/);
      expect(mail.parsed.text).toContain('Chương trình Ngày hội đã được điều chỉnh');
      expect(mail.parsed.text).toContain('09:15 - 09:45 | Phần lễ | Phát biểu chỉ đạo');
      const letter = mail.parsed.attachments.find((attachment) => attachment.contentType === 'application/pdf');
      expect(pdfText(letter!.content)).toContain('do điều chỉnh chương trình Ngày hội; thời gian và địa điểm không thay đổi');
    }
    // The console's download is the letter as last sent.
    const download = await t.http
      .get(`/api/invitations/${a.id}/letter.pdf`)
      .set('Authorization', planner)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdfText(download.body as Buffer)).toContain('do điều chỉnh chương trình Ngày hội');
    for (const message of [...forAccepted, ...forDeputy]) {
      for (let tries = 0; (await messagesOf(message.invitation_id)).find((row) => row.id === message.id)!.status !== 'sent' && tries < 100; tries += 1)
        await new Promise((resume) => setTimeout(resume, 50));
    }
    // Exactly one update each, and nothing to the delegate who declined or to the replaced attendee.
    expect(sink.received.filter(forUid(a.uid))).toHaveLength(2);
    expect(sink.received.filter(forUid(deputy.uid))).toHaveLength(2);
    expect(sink.to(declining.officeEmail)).toHaveLength(before.declined);
    expect(sink.to(replaced.officeEmail)).toHaveLength(before.replaced);
    expect(await invitationById(a.id)).toMatchObject({ status: 'accepted' });

    // The history says so.
    const history = await t.http.get(`/api/invitations/${a.id}/history`).set('Authorization', planner).expect(200);
    const lines = history.body as Array<{ kind: string; note: string | null; detail: string | null }>;
    expect(lines.filter((line) => line.kind === 'updated' && line.note?.startsWith('Chương trình thay đổi'))).toHaveLength(1);
    expect(lines.some((line) => line.kind === 'sent' && line.detail === `Thư cập nhật chương trình (SEQUENCE ${a.sequence + 1})`)).toBe(true);

    // A later edit, once the update went out, is a new update one revision further.
    await addItem(venue, 'Bế mạc', '10:30', '11:00', 'festivities');
    const later = (await pendingOf(a.id)).filter((message) => message.status === 'pending');
    expect(later).toHaveLength(1);
    expect(later[0].sequence).toBe(a.sequence + 2);
    await promote([...later, ...(await pendingOf(deputy.id)).filter((message) => message.status === 'pending')]);
    const third = (await sink.waitFor(3, forUid(a.uid)))[2];
    expect(icsOf(third)).toMatchObject({ uid: a.uid, sequence: a.sequence + 2 });
    expect(icsOf(third).description).toContain('10:30–11:00 Phần hội: Bế mạc');
    await sink.waitFor(3, forUid(deputy.uid));

    // The replaced attendee's RSVP page names who attends in their place (name and position, no contact).
    const page = await t.http.get(rsvp(r.id)).expect(200);
    expect(page.text).toContain('Ban Tổ chức đã chấp thuận đồng chí Đỗ Thị Phó, Phó Cục trưởng tham dự thay đồng chí.');
    expect(page.text).not.toContain('pho.dt@cuc.example.vn');
    // An answer sent through the old link gets the same page.
    const refused = await t.http.post(rsvp(r.id)).type('form').send({ answer: 'accept' }).expect(409);
    expect(refused.text).toContain('Đỗ Thị Phó, Phó Cục trưởng tham dự thay');
  });

  it('coalesces a reschedule and a programme edit into one update, and a cancelled venue sends CANCEL, not an update', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-14`, hours: ['07:30', '11:30'] });
    const leader = await createLeader(t.dataSource, { fullName: 'Vũ Đình Lịch', position: 'Thứ trưởng' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    await untilSent(invitation.id);
    await sink.waitFor(1, forUid(invitation.uid));

    const version = async () => (await t.dataSource.query(`SELECT version FROM venues WHERE id = $1`, [venue.id]))[0].version as number;
    await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'scheduled', version: await version(), date: `${edition.year}-08-15`, startTime: '08:00', endTime: '11:30' })
      .expect(200);
    await addItem(venue, 'Khai mạc', '08:00', '08:30');
    const waiting = (await messagesOf(invitation.id)).filter((message) => message.status === 'pending');
    // The reschedule's update waits, and absorbs the programme edit made meanwhile.
    expect(waiting.map((message) => message.kind)).toEqual(['update']);
    await promote(waiting);
    const [, update] = await sink.waitFor(2, forUid(invitation.uid));
    expect(icsOf(update)).toMatchObject({ method: 'REQUEST', uid: invitation.uid, sequence: invitation.sequence + 1 });
    expect(icsOf(update).description).toContain('08:00–08:30 Phần lễ: Khai mạc');
    expect(update.parsed.text).toContain('từ 08:00 đến 11:30 (giờ Việt Nam)');
    for (let tries = 0; (await invitationById(invitation.id)).status !== 'sent' && tries < 200; tries += 1)
      await new Promise((resume) => setTimeout(resume, 50));

    // Cancelled: a CANCEL (at once), one revision up, and no programme update besides.
    await t.http
      .post(`/api/venues/${venue.id}/transitions`)
      .set('Authorization', planner)
      .send({ to: 'cancelled', version: await version(), reason: 'Thời tiết xấu' })
      .expect(200);
    const [, , cancel] = await sink.waitFor(3, forUid(invitation.uid));
    expect(cancel.calendar!.method).toBe('CANCEL');
    expect(icsOf(cancel)).toMatchObject({ method: 'CANCEL', uid: invitation.uid, sequence: invitation.sequence + 2 });
    expect((await messagesOf(invitation.id)).filter((message) => message.kind === 'programme-update')).toEqual([]);
  });

  it('leaves a waiting update whose job Redis lost to the reconciler only once its window is over', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-16`, hours: ['07:30', '11:30'] });
    const leader = await createLeader(t.dataSource, { fullName: 'Hoàng Văn Chờ', position: 'Thứ trưởng' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const invitation = await invitationOf(leader);
    await untilSent(invitation.id);
    await sink.waitFor(1, forUid(invitation.uid));

    await addItem(venue, 'Khai mạc', '07:30', '08:00');
    const [waiting] = (await messagesOf(invitation.id)).filter((message) => message.kind === 'programme-update');
    // Redis forgets the delayed job; the row is older than the reconciler's grace, its window still open.
    await (await mailQueue().getJob(`invitation-message-${waiting.id}`))!.remove();
    await t.dataSource.query(`UPDATE invitation_messages SET created_at = now() - interval '5 minutes' WHERE id = $1`, [waiting.id]);
    const reconciler = worker.get(ReconcileInvitationMessagesHandler);
    await reconciler.handle();
    expect(await mailQueue().getJob(`invitation-message-${waiting.id}`)).toBeUndefined();
    expect((await messagesOf(invitation.id)).find((message) => message.id === waiting.id)).toMatchObject({ status: 'pending' });

    // The window is over: the reconciler enqueues it, and it goes once.
    await t.dataSource.query(`UPDATE invitation_messages SET send_after = now() - interval '5 minutes' WHERE id = $1`, [waiting.id]);
    await reconciler.handle();
    const [, update] = await sink.waitFor(2, forUid(invitation.uid));
    expect(icsOf(update)).toMatchObject({ uid: invitation.uid, sequence: invitation.sequence + 1 });
    expect(icsOf(update).description).toContain('07:30–08:00 Phần lễ: Khai mạc');
  });
});
