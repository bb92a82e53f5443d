import type { INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import { placeAndDateLine } from '@app/invitations/letter/letter-rules';
import { TEST_ENV } from './test-env';
import { createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { decodeQrInPdf, decodeQrPng } from './utils/qr';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

/** The text a reader gets out of a PDF: poppler's pdftotext (Debian's poppler-utils), an independent reader. */
function pdfText(pdf: Buffer): string {
  // Lines wrapped by the layout read as one space, so a phrase is found wherever the line broke.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}

function pdfOf(mail: ReceivedMail): { filename: string | undefined; content: Buffer } | undefined {
  const attachment = mail.parsed.attachments.find((part) => part.contentType === 'application/pdf');
  return attachment && { filename: attachment.filename, content: attachment.content };
}

const SETTINGS = {
  issuingBody: 'BỘ CÔNG AN',
  issuingUnit: 'BAN CHỈ ĐẠO NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC',
  issuerName: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
  numberCode: 'BCĐ',
  place: 'Hà Nội',
  signerAuthority: 'TM. BAN CHỈ ĐẠO',
  signerTitle: 'TRƯỞNG BAN',
  signerName: 'Lương Tam Quang',
  copyTo: ['Đồng chí Bộ trưởng (để báo cáo)', 'Lưu: VT, V05'],
};

describe('Giấy mời: numbered letters in the administrative form, as PDF beside the ICS', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let planner: string;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  async function assignedLeader(edition: Edition, date: string, fullName: string, place = 'bản Nậm Cang') {
    const venue = await createVenue(t.dataSource, edition, '12', {
      name: `Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại ${place}`,
      scheduleOn: date,
      communeName: 'xã Nậm Cang',
      address: 'Nhà văn hóa bản Nậm Cang, xã Nậm Cang, tỉnh Lai Châu',
    });
    const leader = await createLeader(t.dataSource, { fullName, position: 'Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    return { venue, leader };
  }

  it('validates the edition letter settings (nothing saved on bad input), then prints them on a numbered PDF attached beside the ICS', async () => {
    const edition = await createEdition(t.dataSource);
    const defaults = await t.http.get(`/api/editions/${edition.id}/letter-settings`).set('Authorization', planner).expect(200);
    expect(defaults.body).toMatchObject({ isDefault: true, version: null, lettersIssued: 0, issuingBody: 'BỘ CÔNG AN' });

    const bad = await t.http
      .put(`/api/editions/${edition.id}/letter-settings`)
      .set('Authorization', planner)
      .send({ ...SETTINGS, numberCode: 'bcđ/x', signerName: '' })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.body.details)).toContain('numberCode');
    expect(JSON.stringify(bad.body.details)).toContain('signerName');
    expect((await t.http.get(`/api/editions/${edition.id}/letter-settings`).set('Authorization', planner).expect(200)).body.isDefault).toBe(true);
    const saved = await t.http.put(`/api/editions/${edition.id}/letter-settings`).set('Authorization', planner).send(SETTINGS).expect(200);
    expect(saved.body).toMatchObject({ ...SETTINGS, isDefault: false, version: 1 });

    const date = `${edition.year}-08-12`;
    const { venue, leader } = await assignedLeader(edition, date, 'Nguyễn Thị Thanh Hường');
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT * FROM invitations WHERE leader_id = $1`, [leader.id]);
    expect(invitation.letter_number).toBe(1);

    const [mail] = await sink.waitFor(1, (received) => received.parsed.headers.get('x-ngayhoi-invitation') === invitation.id);
    // The ICS is still the calendar alternative; the letter is a PDF attachment beside it.
    expect(mail.calendar!.method).toBe('REQUEST');
    const pdf = pdfOf(mail)!;
    expect(pdf.filename).toBe('giay-moi-so-1.pdf');
    const text = pdfText(pdf.content);
    const placeAndDate = placeAndDateLine('Hà Nội', new Date(invitation.letter_issued_at));
    expect(placeAndDate).toMatch(new RegExp(`^Hà Nội, ngày \\d{2} tháng (0[12]|[3-9]|1[0-2]) năm \\d{4}$`));
    for (const expected of [
      'BỘ CÔNG AN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 1/GM-BCĐ',
      placeAndDate,
      'GIẤY MỜI',
      'Nguyễn Thị Thanh Hường',
      'Lương Tam Quang',
      'Nơi nhận:',
      '- Lưu: VT, V05.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`ngày 12 tháng 8 năm ${edition.year}`);
    expect(text).toContain('07 giờ 30');
    expect(text).not.toContain(leader.officeEmail); // no contact of the delegate on the letter
    expect(text.split('Nhà văn hóa bản Nậm Cang, xã Nậm Cang, tỉnh Lai Châu').length - 1).toBe(1);
    expect(text.match(/ tại bản Nậm Cang/g)).toHaveLength(1);

    // The e-mail says it once: one "tại" in the subject, one address line, the same number.
    expect(mail.parsed.subject).toBe(
      `Giấy mời số 1/GM-BCĐ dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} tại bản Nậm Cang, Lai Châu, ngày 12/08/${edition.year}`,
    );
    expect(mail.parsed.text!.split('xã Nậm Cang, tỉnh Lai Châu').length - 1).toBe(1);
    expect(mail.parsed.text).toContain('Số: 1/GM-BCĐ');
    expect(mail.parsed.text).toContain(placeAndDate);

    // A resend is the same letter: same number, same date line, one revision up.
    await t.http.post(`/api/invitations/${invitation.id}/resend`).set('Authorization', planner).expect(202);
    const [, again] = await sink.waitFor(2, (received) => received.parsed.headers.get('x-ngayhoi-invitation') === invitation.id);
    const resent = pdfText(pdfOf(again)!.content);
    expect(resent).toContain('Số: 1/GM-BCĐ');
    expect(resent).toContain(placeAndDate);
    expect((await t.http.get(`/api/editions/${edition.id}/letter-settings`).set('Authorization', planner).expect(200)).body.lettersIssued).toBe(1);

    // The console's download: planners, and organizers of the venue's province only.
    const download = await t.http
      .get(`/api/invitations/${invitation.id}/letter.pdf`)
      .set('Authorization', planner)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(pdfText(download.body as Buffer)).toContain('Số: 1/GM-BCĐ');
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, venue.provinceCode))}`;
    await t.http.get(`/api/invitations/${invitation.id}/letter.pdf`).set('Authorization', organizer).expect(200);
    const elsewhere = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '01'))}`;
    expect((await t.http.get(`/api/invitations/${invitation.id}/letter.pdf`).set('Authorization', elsewhere).expect(403)).body.code).toBe('PROVINCE_SCOPE');
    await t.http.put(`/api/editions/${edition.id}/letter-settings`).set('Authorization', organizer).send(SETTINGS).expect(403);

    // A draft has no letter yet.
    const draft = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: venue.id, delegate: { name: 'Trần Văn Dũng', email: 'dung.tv@vanphong.example.vn' }, role: 'accompanying' })
      .expect(201);
    expect((await t.http.get(`/api/invitations/${draft.body.id}/letter.pdf`).set('Authorization', planner).expect(409)).body.code).toBe('LETTER_NOT_ISSUED');
  });

  it('numbers letters uniquely and without gaps when two bulk sends and single sends run at once', async () => {
    const edition = await createEdition(t.dataSource);
    const venues = [];
    for (let day = 1; day <= 6; day += 1)
      venues.push((await assignedLeader(edition, `${edition.year}-08-${String(day + 1).padStart(2, '0')}`, `Lãnh đạo số ${day}`, `bản số ${day}`)).venue);
    const drafts = [];
    for (const [index, venue] of venues.entries()) {
      const created = await t.http
        .post('/api/invitations')
        .set('Authorization', planner)
        .send({
          venueId: venue.id,
          delegate: { name: `Đại biểu ${index}`, email: `daibieu-${index}-${edition.year}@vanphong.example.vn` },
          role: 'accompanying',
        })
        .expect(201);
      drafts.push(created.body.id as string);
    }
    const results = await Promise.all([
      t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner),
      t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner),
      ...drafts.map((id) => t.http.post(`/api/invitations/${id}/send`).set('Authorization', planner)),
    ]);
    expect(results.map((result) => result.status)).toEqual(Array(2 + drafts.length).fill(202));
    // The second bulk waited for the first and found its leaders invited: six leaders invited once.
    expect(results[0].body.created + results[1].body.created).toBe(6);

    const rows: Array<{ letter_number: number }> = await t.dataSource.query(
      `SELECT letter_number FROM invitations WHERE edition_id = $1 ORDER BY letter_number`,
      [edition.id],
    );
    expect(rows.map((row) => row.letter_number)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    const [counter] = await t.dataSource.query(`SELECT last_number FROM invitation_letter_counters WHERE edition_id = $1`, [edition.id]);
    expect(counter.last_number).toBe(12);
    // Each e-mail carries its own number.
    const mails = await sink.waitFor(12, (mail) => (mail.parsed.subject ?? '').includes(`năm ${edition.year}`) && pdfOf(mail) !== undefined);
    const numbers = mails.map((mail) => /Số: (\d+)\/GM-/.exec(pdfText(pdfOf(mail)!.content))![1]).map(Number);
    expect([...new Set(numbers)].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
  });

  it('keeps the e-mail queued with the error visible, retried, when the letter cannot be printed: never sent without it', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-15` });
    const address = `han-${edition.year}@vanphong.example.vn`;
    // A name with a character no Vietnamese serif font has (漢): the letter cannot be printed faithfully.
    const created = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: venue.id, delegate: { name: 'Nguyễn 漢 Văn', email: address }, role: 'accompanying' })
      .expect(201);
    await t.http.post(`/api/invitations/${created.body.id}/send`).set('Authorization', planner).expect(202);

    const deadline = Date.now() + 15_000;
    let message: { status: string; attempts: number; lastError: string | null } | undefined;
    while (Date.now() < deadline) {
      message = (await t.http.get(`/api/invitations/${created.body.id}`).set('Authorization', planner).expect(200)).body.messages[0];
      if (message && message.attempts >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(message!.attempts).toBeGreaterThanOrEqual(3);
    expect(['pending', 'sending', 'failed']).toContain(message!.status);
    expect(message!.lastError).toContain('Không in được giấy mời: phông chữ không có ký tự “漢” (U+6F22)');
    expect(sink.to(address).filter(isInvitationMail)).toHaveLength(0);
    const download = await t.http.get(`/api/invitations/${created.body.id}/letter.pdf`).set('Authorization', planner).expect(422);
    expect(download.body.code).toBe('LETTER_UNPRINTABLE');
    // Withdrawn before it ever left: nothing goes out, not even a CANCEL.
    await t.http.post(`/api/invitations/${created.body.id}/withdraw`).set('Authorization', planner).send({ reason: 'Nhập sai tên đại biểu' }).expect(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.to(address).filter(isInvitationMail)).toHaveLength(0);
  });

  it('carries the pass: the QR image inline in the e-mail and the one on the letter decode to the typed code, which the door accepts', async () => {
    const edition = await createEdition(t.dataSource);
    const { venue, leader } = await assignedLeader(edition, `${edition.year}-08-14`, 'Hoàng Văn Thẻ');
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT id FROM invitations WHERE leader_id = $1`, [leader.id]);
    const [mail] = await sink.waitFor(1, (received) => received.parsed.headers.get('x-ngayhoi-invitation') === invitation.id);

    // The image the HTML shows by its content id (mailparser puts the related part's bytes in its
    // place), read from its pixels as a phone's camera would.
    const image = mail.parsed.attachments.find((part) => part.cid === 'pass-qr@ngayhoi.vn');
    expect(image).toMatchObject({ contentType: 'image/png', related: true });
    expect(mail.parsed.html).toContain(`src="data:image/png;base64,${image!.content.toString('base64')}"`);
    const scanned = decodeQrPng(image!.content);
    expect(scanned).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(mail.parsed.text).toContain(`Mã thẻ dự Ngày hội: ${scanned}`);
    expect(mail.parsed.html).toContain(`alt="Mã QR của thẻ ${scanned}"`);
    const letter = pdfOf(mail)!.content;
    expect(decodeQrInPdf(letter)).toBe(scanned);
    expect(pdfText(letter)).toContain(`Mã thẻ dự Ngày hội: ${scanned}`);

    // Accepted, the delegate is on the venue's guest list with that code, and the scanned code lets them in.
    await t.http
      .post(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id)}`)
      .type('form')
      .send({ answer: 'accept' })
      .expect(200);
    const organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    const list = await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', organizer).expect(200);
    expect(list.body.entries.find((entry: { name: string }) => entry.name === 'Hoàng Văn Thẻ').passCode).toBe(scanned);
    const checkIn = await t.http.post(`/api/venues/${venue.id}/check-ins`).set('Authorization', organizer).send({ code: scanned }).expect(200);
    expect(checkIn.body).toMatchObject({ name: 'Hoàng Văn Thẻ', alreadyCheckedIn: false });
  });
});

/** An invitation's own e-mail (the calendar feed's link goes to the office in a letter of its own). */
function isInvitationMail(mail: ReceivedMail): boolean {
  return mail.parsed.headers.has('x-ngayhoi-invitation');
}
