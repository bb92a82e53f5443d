import { randomInt } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Role } from '@app/auth';
import { ReconcilePressEmailsHandler } from '@app/press';
import { Edition } from '@app/editions/edition.entity';
import { Venue } from '@app/venues/venue.entity';
import { VenueStatus } from '@app/venues';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { SmtpSink } from './utils/smtp-sink';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

const RECEIVED = 'Ban Tổ chức đã nhận đề nghị cấp thẻ tác nghiệp của anh/chị và sẽ trả lời qua e-mail.';

/**
 * Issue 20, press accreditation: journalists ask through a public form (no account; rate-limited per
 * address, a honeypot against robots, validated); the venue's province or planners approve — a pass
 * in the venue's guest list and an e-mail with its code — or refuse with a reason, e-mailed too.
 */
describe('Press accreditation: the public form, organizers’ decisions, the pass and the e-mail', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let edition: Edition;
  let venue: Venue;
  let planner: string;
  let organizer: string;
  let otherOrganizer: string;
  let viewer: string;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50', TRUST_PROXY_HOPS: '1', PRESS_RATE_LIMIT_PER_IP: '3', PRESS_RATE_WINDOW_SECONDS: '600' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
    edition = await createEdition(t.dataSource);
    venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-20` });
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Hà Thị Duyệt' }))}`;
    otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '14'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  /** A fresh client address per request group, so the per-address limit is this test's own (and reruns start afresh). */
  const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const card = () => `A${randomInt(100_000, 999_999)}`;
  const form = (target: Venue, extra: Record<string, unknown> = {}) => ({
    venueId: target.id,
    fullName: 'Nguyễn Thị Hoa',
    agency: 'Báo Công an Nhân dân',
    cardNumber: card(),
    phone: '0912 345 678',
    email: `hoa.${randomInt(1_000_000)}@cand.example.vn`,
    website: '',
    ...extra,
  });
  const submit = (body: object, from = address()) => t.http.post('/api/press/accreditations').set('X-Forwarded-For', from).send(body);
  const requestsOf = async (target: Venue) =>
    t.dataSource.query<Array<Record<string, unknown>>>(`SELECT * FROM press_accreditations WHERE venue_id = $1 ORDER BY created_at`, [target.id]);

  it('shows the public form what it needs of a venue, and nothing of venues not settled', async () => {
    const shown = (await t.http.get(`/api/press/venues/${venue.id}`).expect(200)).body;
    expect(shown).toEqual({ venueId: venue.id, name: venue.name, provinceName: expect.any(String), scheduledDate: `${edition.year}-08-20`, open: true });
    const nominated = await createVenue(t.dataSource, edition, '12');
    await t.http.get(`/api/press/venues/${nominated.id}`).expect(404);
    await t.http.get('/api/press/venues/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('takes a request without an account, and the same card for the same venue only once', async () => {
    const target = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-21` });
    const body = form(target, { cardNumber: 'ab 12345', email: 'Hoa@CAND.example.vn', fullName: '  Nguyễn   Thị Hoa ' });
    expect((await submit(body).expect(202)).body).toEqual({ message: RECEIVED });
    expect((await submit({ ...body, cardNumber: 'AB12345' }).expect(202)).body).toEqual({ message: RECEIVED });
    const rows = await requestsOf(target);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      full_name: 'Nguyễn Thị Hoa',
      card_number: 'ab 12345',
      card_key: 'AB12345',
      phone: '0912345678',
      email: 'hoa@cand.example.vn',
      status: 'pending',
      email_status: 'none',
    });
  });

  it('answers a robot (honeypot filled) exactly like a person, and keeps nothing', async () => {
    const target = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-22` });
    const answer = await submit(form(target, { website: 'http://spam.example' })).expect(202);
    expect(answer.body).toEqual({ message: RECEIVED });
    expect(await requestsOf(target)).toHaveLength(0);
  });

  it('refuses bad input with clear 4xx answers', async () => {
    const missing = await submit({ venueId: venue.id }).expect(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ.' });
    expect(missing.body.details.map((issue: { field: string }) => issue.field).sort()).toEqual(['agency', 'cardNumber', 'email', 'fullName', 'phone']);

    const bad = await submit(form(venue, { email: 'không-phải-email', phone: '12345', cardNumber: '!' })).expect(400);
    expect(bad.body.details).toEqual(
      expect.arrayContaining([
        { field: 'email', messages: ['phải là địa chỉ e-mail hợp lệ'] },
        { field: 'phone', messages: ['không đúng định dạng'] },
        { field: 'cardNumber', messages: ['không đúng định dạng'] },
      ]),
    );
    const shortPhone = await submit(form(venue, { phone: '0912 34' })).expect(400);
    expect(shortPhone.body.details).toEqual([{ field: 'phone', messages: ['không đúng định dạng'] }]);
    const unknownField = await submit(form(venue, { role: 'admin' })).expect(400);
    expect(unknownField.body.details).toEqual([{ field: 'role', messages: ['trường này không được phép'] }]);
    await submit(form(venue, { venueId: '00000000-0000-4000-8000-000000000000' })).expect(404);

    const held = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-19` });
    await t.dataSource.query(`UPDATE venues SET status = $2 WHERE id = $1`, [held.id, VenueStatus.Held]);
    const closed = await submit(form(held)).expect(422);
    expect(closed.body).toMatchObject({ code: 'PRESS_CLOSED', message: 'Điểm tổ chức này hiện không nhận đề nghị cấp thẻ tác nghiệp báo chí.' });
    expect(await requestsOf(held)).toHaveLength(0);
  });

  it('limits requests per client address (429 with Retry-After), robots counted too, other addresses unaffected', async () => {
    const target = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-23` });
    const from = address();
    await submit(form(target), from).expect(202);
    await submit(form(target, { website: 'robot' }), from).expect(202);
    await submit(form(target), from).expect(202);
    const limited = await submit(form(target), from).expect(429);
    expect(limited.body).toMatchObject({
      code: 'TOO_MANY_PRESS_REQUESTS',
      message: 'Bạn đã gửi quá nhiều đề nghị trong thời gian ngắn. Vui lòng thử lại sau.',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await requestsOf(target)).toHaveLength(2);
    await submit(form(target)).expect(202);
    expect(await requestsOf(target)).toHaveLength(3);
  });

  it('lets the province approve: a pass in the guest list that checks in at the door, and an e-mail with its code', async () => {
    const body = form(venue, { fullName: 'Trần Văn Báo', agency: 'Báo Nhân Dân', email: 'tran.bao@nhandan.example.vn' });
    await submit(body).expect(202);
    const list = (await t.http.get(`/api/venues/${venue.id}/press-accreditations`).set('Authorization', organizer).expect(200)).body;
    expect(list).toMatchObject({ venueId: venue.id, canDecide: true, formUrl: expect.stringMatching(new RegExp(`/bao-chi/${venue.id}$`)) });
    const pending = list.items.find((item: { email: string }) => item.email === 'tran.bao@nhandan.example.vn');
    expect(pending).toMatchObject({ status: 'pending', statusName: 'Chờ duyệt', passCode: null, version: 1 });

    const approved = (
      await t.http.post(`/api/press-accreditations/${pending.id}/approve`).set('Authorization', organizer).send({ version: pending.version }).expect(200)
    ).body;
    expect(approved).toMatchObject({
      status: 'approved',
      statusName: 'Đã cấp thẻ',
      decidedByName: 'Hà Thị Duyệt',
      passCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    });

    // The protocol library lists them, last and under "Báo chí", with the same pass.
    const guests = (await t.http.get(`/api/venues/${venue.id}/guest-list`).set('Authorization', organizer).expect(200)).body;
    const entry = guests.entries.find((item: { name: string }) => item.name === 'Trần Văn Báo');
    expect(entry).toMatchObject({ title: 'Phóng viên, Báo Nhân Dân', groupName: 'Báo chí', passCode: approved.passCode });
    const checkIn = await t.http
      .post(`/api/venues/${venue.id}/check-ins`)
      .set('Authorization', organizer)
      .send({ code: approved.passCode.toLowerCase() })
      .expect(200);
    expect(checkIn.body).toMatchObject({ name: 'Trần Văn Báo', alreadyCheckedIn: false });
    // … but not in the front rows.
    const plan = (await t.http.post(`/api/venues/${venue.id}/seating-plan`).set('Authorization', organizer).send({ rows: 2, seatsPerRow: 9 }).expect(201)).body;
    expect(plan.seating.seats.map((seat: { attendeeKey: string }) => seat.attendeeKey)).not.toContain(entry.attendeeKey);

    const [mail] = await sink.waitFor(1, (received) => received.parsed.headers.get('x-ngayhoi-press-accreditation') === pending.id);
    expect(mail.parsed.subject).toBe(`[Ngày hội] Thẻ tác nghiệp báo chí: ${venue.name}`);
    expect(mail.parsed.to).toMatchObject({ value: [{ address: 'tran.bao@nhandan.example.vn', name: 'Trần Văn Báo' }] });
    expect(mail.parsed.text).toContain(`Mã thẻ của anh/chị: ${approved.passCode}`);
    expect(mail.parsed.text).toContain(`ngày 20/08/${edition.year}`);
    expect(mail.parsed.html).toContain(approved.passCode);
    // The worker records the e-mail as sent just after the SMTP answer.
    for (let tries = 0; ; tries++) {
      const [row] = await t.dataSource.query(`SELECT email_status FROM press_accreditations WHERE id = $1`, [pending.id]);
      if (row.email_status === 'sent' || tries > 100) {
        expect(row.email_status).toBe('sent');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // Decided once: a second decision is refused, a stale version too.
    const again = await t.http
      .post(`/api/press-accreditations/${pending.id}/refuse`)
      .set('Authorization', planner)
      .send({ version: approved.version, reason: 'Đã đủ phóng viên.' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'ACCREDITATION_DECIDED', message: 'Đề nghị này đã được xử lý (đã cấp thẻ), không thể duyệt lại.' });
    await t.http.post(`/api/press-accreditations/${pending.id}/approve`).set('Authorization', planner).send({ version: 1 }).expect(409);

    const audit = await auditEntriesFor(t.dataSource, 'press_accreditation', pending.id);
    expect(audit).toEqual([expect.objectContaining({ action: 'transition', note: 'Cấp thẻ báo chí: Trần Văn Báo (Báo Nhân Dân)' })]);
  });

  it('lets a planner refuse with a reason, e-mailed to the journalist; no pass', async () => {
    const target = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-24` });
    await submit(form(target, { fullName: 'Lê Thị Tin', email: 'le.tin@vtv.example.vn', agency: 'Đài Truyền hình Việt Nam' })).expect(202);
    const [item] = (await t.http.get(`/api/venues/${target.id}/press-accreditations`).set('Authorization', planner).expect(200)).body.items;
    const noReason = await t.http.post(`/api/press-accreditations/${item.id}/refuse`).set('Authorization', planner).send({ version: item.version }).expect(400);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const refused = (
      await t.http
        .post(`/api/press-accreditations/${item.id}/refuse`)
        .set('Authorization', planner)
        .send({ version: item.version, reason: 'Điểm tổ chức đã đủ số phóng viên tác nghiệp.' })
        .expect(200)
    ).body;
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'Điểm tổ chức đã đủ số phóng viên tác nghiệp.', passCode: null });
    const [mail] = await sink.waitFor(1, (received) => received.parsed.headers.get('x-ngayhoi-press-accreditation') === item.id);
    expect(mail.parsed.subject).toBe(`[Ngày hội] Đề nghị cấp thẻ tác nghiệp báo chí: ${target.name}`);
    expect(mail.parsed.text).toContain('Lý do: Điểm tổ chức đã đủ số phóng viên tác nghiệp.');
    const guests = (await t.http.get(`/api/venues/${target.id}/guest-list`).set('Authorization', planner).expect(200)).body;
    expect(guests.entries.map((entry: { name: string }) => entry.name)).not.toContain('Lê Thị Tin');
  });

  it('sends a decision whose e-mail Redis lost again, from Postgres (the reconciler)', async () => {
    const target = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-25` });
    await submit(form(target, { fullName: 'Đỗ Văn Mất Thư', email: 'mat.thu@example.vn' })).expect(202);
    const [item] = (await t.http.get(`/api/venues/${target.id}/press-accreditations`).set('Authorization', organizer).expect(200)).body.items;
    await t.http.post(`/api/press-accreditations/${item.id}/approve`).set('Authorization', organizer).send({ version: item.version }).expect(200);
    const isThis = (received: { parsed: { headers: Map<string, unknown> } }) => received.parsed.headers.get('x-ngayhoi-press-accreditation') === item.id;
    await sink.waitFor(1, isThis);
    // As if the enqueue had been lost: the row still says pending, a while ago.
    await t.dataSource.query(`UPDATE press_accreditations SET email_status = 'pending', updated_at = now() - interval '2 minutes' WHERE id = $1`, [item.id]);
    const outcome = await worker.get(ReconcilePressEmailsHandler).handle();
    expect(outcome.requeued).toBeGreaterThanOrEqual(1);
    const letters = await sink.waitFor(2, isThis);
    expect(letters[1].parsed.text).toContain('Mã thẻ của anh/chị:');
  });

  it('keeps requests to the venue’s province and planners: another province and viewers get 403', async () => {
    await submit(form(venue, { email: 'xa@example.vn' })).expect(202);
    const [item] = (await t.http.get(`/api/venues/${venue.id}/press-accreditations`).set('Authorization', planner).expect(200)).body.items.filter(
      (entry: { status: string }) => entry.status === 'pending',
    );
    expect((await t.http.get(`/api/venues/${venue.id}/press-accreditations`).set('Authorization', otherOrganizer).expect(403)).body).toMatchObject({
      code: 'PROVINCE_SCOPE',
    });
    expect((await t.http.get(`/api/venues/${venue.id}/press-accreditations`).set('Authorization', viewer).expect(403)).body).toMatchObject({
      code: 'PRESS_SCOPE',
    });
    expect(
      (await t.http.post(`/api/press-accreditations/${item.id}/approve`).set('Authorization', otherOrganizer).send({ version: item.version }).expect(403)).body,
    ).toMatchObject({ code: 'PROVINCE_SCOPE' });
    await t.http
      .post(`/api/press-accreditations/${item.id}/refuse`)
      .set('Authorization', viewer)
      .send({ version: item.version, reason: 'Không rõ lý do.' })
      .expect(403);
    const [row] = await t.dataSource.query(`SELECT status FROM press_accreditations WHERE id = $1`, [item.id]);
    expect(row.status).toBe('pending');
  });
});
