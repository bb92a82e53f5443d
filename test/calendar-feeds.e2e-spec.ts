import type { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { createHash, createHmac } from 'node:crypto';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { ReconcileInvitationMessagesHandler } from '@app/invitations';
import { Leader } from '@app/leaders/leader.entities';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

const FEED_HEADER = 'x-ngayhoi-calendar-feed';
const FEED_URL = /\/api\/calendar\/([A-Za-z0-9_-]{43})\.ics/;

/** The token a feed-link letter carries (the only place it exists). */
function tokenIn(mail: ReceivedMail): string {
  const match = FEED_URL.exec(mail.parsed.text ?? '');
  if (!match) throw new Error('no feed link in the letter');
  return match[1];
}

function feedEvents(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((event) => ({
    uid: String(event.getFirstPropertyValue('uid')),
    status: event.getFirstPropertyValue('status'),
    url: event.getFirstPropertyValue('url'),
    description: String(event.getFirstPropertyValue('description') ?? ''),
  }));
}

/**
 * Issue 16, item 1: feed tokens are random, hashed, per attendee (a leader, not a mailbox), revocable
 * and re-issuable by planners, end after the edition, and their events carry no RSVP link.
 */
describe('Calendar feeds: random, per attendee, revocable, expiring, without RSVP links', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let edition: Edition;
  let planner: string;
  const office = 'vanphong-chung@vanphong.example.vn';
  let first: Leader;
  let second: Leader;

  const feedLetters = (feedId?: string) => (mail: ReceivedMail) =>
    mail.parsed.headers.has(FEED_HEADER) && (feedId === undefined || mail.parsed.headers.get(FEED_HEADER) === feedId);
  const feedsOf = async (leaderId: string) => (await t.http.get('/api/calendar-feeds').query({ leaderId }).set('Authorization', planner).expect(200)).body;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    // Two leaders served by one office mailbox, each invited to their own venue.
    first = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn Một', officeEmail: office });
    second = await createLeader(t.dataSource, { fullName: 'Trần Thị Hai', officeEmail: office });
    for (const [leader, date] of [
      [first, `${edition.year}-08-05`],
      [second, `${edition.year}-08-07`],
    ] as const) {
      const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: date });
      await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    }
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  it('gives two leaders who share a mailbox two feeds, each with only their own events and no RSVP link', async () => {
    const [firstFeed] = await feedsOf(first.id);
    const [secondFeed] = await feedsOf(second.id);
    expect(firstFeed.id).not.toBe(secondFeed.id);
    const [firstLetter] = await sink.waitFor(1, feedLetters(firstFeed.id));
    const [secondLetter] = await sink.waitFor(1, feedLetters(secondFeed.id));
    expect(firstLetter.parsed.to).toMatchObject({ value: [{ address: office }] });
    expect(firstLetter.parsed.subject).toBe(`Đường dẫn lịch riêng dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} của đồng chí Nguyễn Văn Một`);
    expect(firstLetter.parsed.text).toContain('webcal://');
    expect(firstLetter.parsed.text).toContain(`hết ngày 18/09/${edition.year}`); // 19 August + 30 days' grace
    const firstToken = tokenIn(firstLetter);
    const secondToken = tokenIn(secondLetter);
    expect(firstToken).not.toBe(secondToken);

    // Stored only hashed; the letter is the only place the token exists.
    const [stored] = await t.dataSource.query(`SELECT token_hash, status FROM calendar_feeds WHERE id = $1`, [firstFeed.id]);
    expect(stored).toEqual({ token_hash: createHash('sha256').update(firstToken).digest('hex'), status: 'active' });
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM calendar_feeds`))).not.toContain(firstToken);

    const uidOf = async (leader: Leader) => (await t.dataSource.query(`SELECT uid FROM invitations WHERE leader_id = $1`, [leader.id]))[0].uid;
    const firstEvents = feedEvents((await t.http.get(`/api/calendar/${firstToken}.ics`).expect(200)).text);
    const secondEvents = feedEvents((await t.http.get(`/api/calendar/${secondToken}.ics`).expect(200)).text);
    expect(firstEvents.map((event) => event.uid)).toEqual([await uidOf(first)]);
    expect(secondEvents.map((event) => event.uid)).toEqual([await uidOf(second)]);
    for (const event of [...firstEvents, ...secondEvents]) {
      expect(event.url).toBeNull();
      expect(event.description).not.toMatch(/rsvp|Xác nhận tham dự/i);
    }
    const raw = (await t.http.get(`/api/calendar/${firstToken}.ics`).expect(200)).text;
    expect(raw).not.toContain('/api/rsvp/');

    // The invitation letters no longer repeat a feed link (its token is not kept anywhere to repeat).
    const invitationMails = await sink.waitFor(2, (mail) => mail.calendar !== null);
    expect(invitationMails.length).toBeGreaterThan(0);
    for (const mail of invitationMails) expect(mail.parsed.text ?? '').not.toMatch(FEED_URL);
  });

  it('stops an old HMAC feed URL (cut-over at the migration)', async () => {
    const legacy = createHmac('sha256', TEST_ENV.LINK_SECRET).update(`feed:${office}`).digest('base64url');
    const refused = await t.http.get(`/api/calendar/${legacy}.ics`).expect(404);
    expect(refused.body.code).toBe('INVALID_LINK');
  });

  it('lets a planner revoke a feed (404 at once) and re-issue it (a new link mailed to the office, the old one dead)', async () => {
    const [feed] = await feedsOf(first.id);
    const [letter] = await sink.waitFor(1, feedLetters(feed.id));
    const oldToken = tokenIn(letter);
    await t.http.get(`/api/calendar/${oldToken}.ics`).expect(200);

    const revoked = await t.http.post(`/api/calendar-feeds/${feed.id}/revoke`).set('Authorization', planner).expect(200);
    expect(revoked.body).toMatchObject({ id: feed.id, status: 'revoked', revokedAt: expect.any(String) });
    expect((await t.http.get(`/api/calendar/${oldToken}.ics`).expect(404)).body.code).toBe('INVALID_LINK');
    // The other leader of the same office keeps theirs.
    const [other] = await feedsOf(second.id);
    await t.http.get(`/api/calendar/${tokenIn((await sink.waitFor(1, feedLetters(other.id)))[0])}.ics`).expect(200);

    const lettersBefore = sink.received.filter(feedLetters(feed.id)).length;
    const reissued = await t.http.post(`/api/calendar-feeds/${feed.id}/reissue`).set('Authorization', planner).expect(200);
    expect(reissued.body).toMatchObject({ id: feed.id, status: 'pending', revokedAt: null });
    const letters = await sink.waitFor(lettersBefore + 1, feedLetters(feed.id));
    const newToken = tokenIn(letters[letters.length - 1]);
    expect(newToken).not.toBe(oldToken);
    await t.http.get(`/api/calendar/${newToken}.ics`).expect(200);
    await t.http.get(`/api/calendar/${oldToken}.ics`).expect(404);

    // Re-issuing a live link kills it at once too.
    await t.http.post(`/api/calendar-feeds/${feed.id}/reissue`).set('Authorization', planner).expect(200);
    await t.http.get(`/api/calendar/${newToken}.ics`).expect(404);
    await sink.waitFor(lettersBefore + 2, feedLetters(feed.id));

    const actions = (await auditEntriesFor(t.dataSource, 'calendar_feed', feed.id)).map((entry: { note: string }) => entry.note);
    expect(actions).toEqual([
      'Thu hồi đường dẫn lịch',
      'Cấp lại đường dẫn lịch (đường dẫn cũ hết hiệu lực)',
      'Cấp lại đường dẫn lịch (đường dẫn cũ hết hiệu lực)',
    ]);
    const audit = JSON.stringify(await auditEntriesFor(t.dataSource, 'calendar_feed', feed.id));
    expect(audit).not.toContain('tokenHash');
  });

  it('refuses a feed once its edition is over (plus the grace)', async () => {
    const past = await createEdition(t.dataSource);
    const leader = await createLeader(t.dataSource, { fullName: 'Lê Văn Cũ' });
    const venue = await createVenue(t.dataSource, past, '12', { scheduleOn: `${past.year}-08-10` });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${past.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const [feed] = await feedsOf(leader.id);
    const token = tokenIn((await sink.waitFor(1, feedLetters(feed.id)))[0]);
    await t.http.get(`/api/calendar/${token}.ics`).expect(200);

    // The edition's last day moves 31 days back: past the 30 days' grace.
    const lastDay = new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
    await t.dataSource.query(`UPDATE editions SET window_start = $2::date - 60, window_end = $2, national_day = $2 WHERE id = $1`, [past.id, lastDay]);
    const expired = await t.http.get(`/api/calendar/${token}.ics`).expect(410);
    expect(expired.body).toMatchObject({ code: 'FEED_EXPIRED', message: expect.stringContaining('hết hạn') });
    const [view] = await feedsOf(leader.id);
    expect(new Date(view.expiresAt).getTime()).toBeLessThan(Date.now());
  });

  it('gives a named delegate (a deputy without a leader record) a feed of their own beside the leader’s on the same mailbox', async () => {
    const venue = await createVenue(t.dataSource, edition, '66', { scheduleOn: `${edition.year}-08-15` });
    const created = await t.http
      .post('/api/invitations')
      .set('Authorization', planner)
      .send({ venueId: venue.id, role: 'chief_guest', delegate: { name: 'Phạm Văn Thay', title: 'Phó Chánh Văn phòng', email: office } })
      .expect(201);
    await t.http.post(`/api/invitations/${created.body.id}/send`).set('Authorization', planner).expect(202);
    const [deputyFeed] = (await t.http.get('/api/calendar-feeds').query({ editionId: edition.id }).set('Authorization', planner).expect(200)).body.filter(
      (feed: { leaderId: string | null }) => feed.leaderId === null,
    );
    expect(deputyFeed).toMatchObject({ delegateName: 'Phạm Văn Thay', delegateEmail: office });
    const token = tokenIn((await sink.waitFor(1, feedLetters(deputyFeed.id)))[0]);
    const events = feedEvents((await t.http.get(`/api/calendar/${token}.ics`).expect(200)).text);
    const [{ uid }] = await t.dataSource.query(`SELECT uid FROM invitations WHERE id = $1`, [created.body.id]);
    expect(events.map((event) => event.uid)).toEqual([uid]);
  });

  it('lets a planner give a leader a feed by hand, and the reconciler sends links Redis lost', async () => {
    const leader = await createLeader(t.dataSource, { fullName: 'Đinh Văn Tay' });
    const issued = await t.http.post('/api/calendar-feeds').set('Authorization', planner).send({ editionId: edition.id, leaderId: leader.id }).expect(200);
    expect(issued.body).toMatchObject({ leaderId: leader.id, delegateEmail: leader.officeEmail, status: 'pending' });
    await sink.waitFor(1, feedLetters(issued.body.id));

    // A pending link whose job is gone: the reconciler finds it.
    await t.dataSource.query(
      `UPDATE calendar_feeds SET status = 'pending', generation = generation + 1, updated_at = now() - interval '1 minute' WHERE id = $1`,
      [issued.body.id],
    );
    const before = sink.received.filter(feedLetters(issued.body.id)).length;
    expect(await worker.get(ReconcileInvitationMessagesHandler).handle()).toMatchObject({ requeued: 1 });
    await sink.waitFor(before + 1, feedLetters(issued.body.id));
    await t.http
      .post('/api/calendar-feeds')
      .set('Authorization', planner)
      .send({ editionId: edition.id, leaderId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
  });
});
