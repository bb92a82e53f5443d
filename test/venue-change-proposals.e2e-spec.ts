import type { INestApplicationContext } from '@nestjs/common';
import { Role } from '@app/auth';
import { linkToken } from '@app/invitations';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { ReceivedMail, SmtpSink } from './utils/smtp-sink';
import { TEST_ENV } from './test-env';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

/**
 * Issue 16, item 2: an organizer could rename or move a scheduled central venue, which reset the
 * national leader's answer and sent them an official update at once, with the organizer's text in the
 * subject. Now place and time of a central venue past approval are planners': organizers propose.
 */
describe('Central venues: organizers propose, planners move', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let planner: string;
  let organizer: string;
  let otherOrganizer: string;
  let viewer: string;

  beforeAll(async () => {
    await sink.start();
    const env = { SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' };
    t = await createTestApp(env);
    worker = await createTestWorker(env);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '66'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.stop();
  });

  it('refuses an organizer’s move of a scheduled central venue without touching the leader, and applies it through a planner', async () => {
    const edition = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-14`, name: 'Nhà văn hóa bản Nậm Cang' });
    const leader = await createLeader(t.dataSource, { fullName: 'Võ Văn Trung Ương' });
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planner).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planner).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT id, uid FROM invitations WHERE leader_id = $1`, [leader.id]);
    const ofInvitation = (mail: ReceivedMail) => mail.calendar !== null && mail.calendar.ics.includes(`UID:${invitation.uid}`);
    await sink.waitFor(1, ofInvitation);
    await t.http
      .post(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id)}`)
      .type('form')
      .send({ answer: 'accept' })
      .expect(200);
    const { version } = (await t.http.get(`/api/venues/${venue.id}`).set('Authorization', organizer).expect(200)).body;

    // Place and time are refused, field by field, in Vietnamese, saying who applies them…
    for (const change of [
      { name: 'Sân vận động xã Sìn Hồ' },
      { address: 'Sân vận động' },
      { latitude: 22.5, longitude: 103.5 },
      { candidateDates: [`${edition.year}-08-15`] },
    ]) {
      const refused = await t.http
        .patch(`/api/venues/${venue.id}`)
        .set('Authorization', organizer)
        .send({ version, ...change })
        .expect(403);
      expect(refused.body).toMatchObject({ code: 'CENTRAL_VENUE_PLANNERS_ONLY', details: { fields: Object.keys(change) } });
      expect(refused.body.message).toContain('phải do cán bộ lập kế hoạch Trung ương thực hiện');
    }
    // …and nothing moved: the venue, the leader's answer, no update recorded or mailed.
    const [after] = await t.dataSource.query(`SELECT name, version FROM venues WHERE id = $1`, [venue.id]);
    expect(after).toEqual({ name: 'Nhà văn hóa bản Nậm Cang', version });
    expect((await t.dataSource.query(`SELECT status FROM invitations WHERE id = $1`, [invitation.id]))[0].status).toBe('accepted');
    expect(await t.dataSource.query(`SELECT kind FROM invitation_messages WHERE invitation_id = $1`, [invitation.id])).toEqual([{ kind: 'invitation' }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sink.received.filter(ofInvitation)).toHaveLength(1);
    // What is the province's own still is.
    const attendance = await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', organizer).send({ version, expectedAttendance: 1200 }).expect(200);

    // The organizer proposes instead: nothing changes, nothing is sent.
    const newName = 'Sân vận động xã Sìn Hồ \u202Emới\u202C\r\nBcc: ai@example.vn';
    await t.http
      .post(`/api/venues/${venue.id}/change-proposals`)
      .set('Authorization', organizer)
      .send({ changes: { name: venue.name } })
      .expect(422);
    const proposed = await t.http
      .post(`/api/venues/${venue.id}/change-proposals`)
      .set('Authorization', organizer)
      .send({ changes: { name: newName, address: 'Sân vận động xã', expectedAttendance: 5 }, note: 'Nhà văn hóa đang sửa chữa' })
      .expect(400); // only place and time fields may be proposed
    expect(proposed.body.code).toBe('VALIDATION_FAILED');
    const proposal = (
      await t.http
        .post(`/api/venues/${venue.id}/change-proposals`)
        .set('Authorization', organizer)
        .send({ changes: { name: newName, address: 'Sân vận động xã' }, note: 'Nhà văn hóa đang sửa chữa' })
        .expect(201)
    ).body;
    expect(proposal).toMatchObject({ status: 'pending', changes: { name: newName, address: 'Sân vận động xã' }, note: 'Nhà văn hóa đang sửa chữa' });
    expect((await t.dataSource.query(`SELECT name FROM venues WHERE id = $1`, [venue.id]))[0].name).toBe('Nhà văn hóa bản Nậm Cang');
    const listed = await t.http.get(`/api/venues/${venue.id}/change-proposals`).set('Authorization', organizer).expect(200);
    expect(listed.body.map((row: { id: string }) => row.id)).toEqual([proposal.id]);

    // Only planners decide; other provinces do not even see it.
    await t.http.get(`/api/venues/${venue.id}/change-proposals`).set('Authorization', otherOrganizer).expect(403);
    await t.http
      .post(`/api/venues/${venue.id}/change-proposals`)
      .set('Authorization', viewer)
      .send({ changes: { address: 'X y z' } })
      .expect(403);
    for (const who of [organizer, viewer]) {
      await t.http.post(`/api/venue-change-proposals/${proposal.id}/apply`).set('Authorization', who).expect(403);
      await t.http.post(`/api/venue-change-proposals/${proposal.id}/reject`).set('Authorization', who).send({ reason: 'Không đồng ý' }).expect(403);
    }

    // A planner applies it: the venue moves as the planner's edit, the leader gets the update.
    const applied = await t.http.post(`/api/venue-change-proposals/${proposal.id}/apply`).set('Authorization', planner).expect(200);
    expect(applied.body).toMatchObject({ status: 'applied', decidedAt: expect.any(String) });
    const [moved] = await t.dataSource.query(`SELECT name, address, version FROM venues WHERE id = $1`, [venue.id]);
    expect(moved).toEqual({ name: newName, address: 'Sân vận động xã', version: attendance.body.version + 1 });
    const [, update] = await sink.waitFor(2, ofInvitation);
    // The subject carries the name as plain text on one line: no override character, no second header.
    expect(update.parsed.subject).toBe(
      `[THÔNG BÁO THAY ĐỔI] Giấy mời số 1/GM-BCĐ dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${edition.year} tại Sân vận động xã Sìn Hồ mới Bcc: ai@example.vn, Lai Châu, ngày 14/08/${edition.year}`,
    );
    expect(update.parsed.bcc).toBeUndefined();
    expect(update.raw.split(/\r?\n\r?\n/)[0]).not.toMatch(/^Bcc:/im); // the message's headers
    expect((await auditEntriesFor(t.dataSource, 'venue_change_proposal', proposal.id)).map((entry: { action: string }) => entry.action)).toEqual([
      'create',
      'transition',
    ]);
    const [venueAudit] = await t.dataSource.query(
      `SELECT actor_email FROM audit_entries WHERE entity_type = 'venue' AND entity_id = $1 AND action = 'update' ORDER BY at DESC, id DESC LIMIT 1`,
      [venue.id],
    );
    expect(venueAudit.actor_email).not.toBe(proposal.proposedByEmail);
    await t.http.post(`/api/venue-change-proposals/${proposal.id}/apply`).set('Authorization', planner).expect(409);

    // A rejected proposal changes nothing.
    const second = (
      await t.http
        .post(`/api/venues/${venue.id}/change-proposals`)
        .set('Authorization', organizer)
        .send({ changes: { latitude: 22.4 } })
        .expect(201)
    ).body;
    const rejected = await t.http
      .post(`/api/venue-change-proposals/${second.id}/reject`)
      .set('Authorization', planner)
      .send({ reason: 'Giữ vị trí cũ' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'Giữ vị trí cũ' });
    expect(Number((await t.dataSource.query(`SELECT latitude FROM venues WHERE id = $1`, [venue.id]))[0].latitude)).toBeCloseTo(22.1);

    // Planners still move it directly, as before.
    const current = (await t.http.get(`/api/venues/${venue.id}`).set('Authorization', planner).expect(200)).body;
    await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version: current.version, address: 'Trụ sở UBND xã' }).expect(200);
    await sink.waitFor(3, ofInvitation);
  }, 30_000);

  it('leaves organizers free to move their province’s own tiers and central venues before approval', async () => {
    const edition = await createEdition(t.dataSource);
    const provincial = await createVenue(t.dataSource, edition, '12', { tier: 'provincial' as never, scheduleOn: `${edition.year}-08-14` });
    await t.http
      .patch(`/api/venues/${provincial.id}`)
      .set('Authorization', organizer)
      .send({ version: provincial.version, name: 'Điểm cấp tỉnh mới' })
      .expect(200);
    const nominated = await createVenue(t.dataSource, edition, '12');
    await t.http.patch(`/api/venues/${nominated.id}`).set('Authorization', organizer).send({ version: nominated.version, address: 'Địa chỉ mới' }).expect(200);
  });
});
