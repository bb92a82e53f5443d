/**
 * Substitutes and answers in Chromium (issue 15): a leader's office proposes a deputy on the RSVP page;
 * a planner sees the count in the header, approves the deputy on the invitations page and sees the
 * deputy's own invitation; the organizer of the venue's province reads who comes and their answers on
 * the venue page at 360 px, with no contact details. Screenshots in test-artifacts/screenshots/.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import type { Venue } from '@app/venues/venue.entity';
import { createEdition, createLeader, createUser, createVenue } from '../utils/factories';
import { TEST_ENV } from '../test-env';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Substitutes and answers in the console (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User;
  let edition: Edition;
  let venue: Venue;
  let invitationId: string;
  let officeEmail: string;
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Nguyễn Thị Kế Hoạch' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Văn Tổ Chức' });
    edition = await createEdition(t.dataSource, { theme: 'Người dự thay (thử trình duyệt)' });
    venue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm bản Pa Tần', scheduleOn: `${edition.year}-08-13` });
    const leader = await createLeader(t.dataSource, { fullName: 'Phạm Quang Đức', position: 'Thứ trưởng Bộ Công an' });
    officeEmail = leader.officeEmail;
    const token = `Bearer ${await t.tokenFor(planner)}`;
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', token).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', token).expect(202);
    [{ id: invitationId }] = await t.dataSource.query(`SELECT id FROM invitations WHERE leader_id = $1`, [leader.id]);
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (edition) {
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id]]);
      await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    }
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('the office proposes a deputy on the RSVP page: a wrong e-mail is explained and nothing recorded, then the proposal is recorded', async () => {
    const page = await openPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${base}/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId)}`);
    await page.getByLabel('Họ và tên người dự thay').fill('Trần Thị Hoa');
    await page.getByLabel('Chức vụ, đơn vị công tác').fill('Cục trưởng Cục Xây dựng phong trào');
    await page.getByLabel('Thư điện tử của người dự thay').fill('hoa.tt@');
    // The browser's own check would stop a wrong address before it is sent; the server's answer is what this tests.
    await page.locator('#substitute form').evaluate((form) => form.setAttribute('novalidate', ''));
    await page.getByRole('button', { name: 'Gửi đề nghị cử người thay' }).click();
    await page.getByText('Thư điện tử của người dự thay không hợp lệ').waitFor();
    await expect(page.getByLabel('Họ và tên người dự thay').inputValue()).resolves.toBe('Trần Thị Hoa');
    expect((await t.dataSource.query(`SELECT status FROM invitations WHERE id = $1`, [invitationId]))[0].status).toBe('queued');
    await shot(page, 'substitute-01-rsvp-error-360');
    await page.getByLabel('Thư điện tử của người dự thay').fill('hoa.tt@cuc.example.vn');
    await page.getByRole('button', { name: 'Gửi đề nghị cử người thay' }).click();
    await page.getByText('Ban Tổ chức đã ghi nhận đề xuất cử người dự thay').waitFor();
    expect((await t.dataSource.query(`SELECT status FROM invitations WHERE id = $1`, [invitationId]))[0].status).toBe('substitute_proposed');
    await page.close();
  });

  it('a planner sees the count in the header, approves the deputy and sees the deputy’s own invitation and the history', async () => {
    const page = await openPage();
    await logInAs(page, base, planner.email, edition.id);
    const count = page.getByTestId('pending-substitutes-count');
    await expect(count.textContent()).resolves.toContain('1 đề nghị người dự thay');
    await count.click();
    await page.waitForURL(/\/loi-moi\?trangThai=substitute_proposed$/);
    const decision = page.getByTestId('substitute-decision');
    await expect(decision.getByTestId('substitute-name').textContent()).resolves.toBe('Trần Thị Hoa');
    await expect(decision.textContent()).resolves.toContain('hoa.tt@cuc.example.vn');
    await shot(page, 'substitute-02-pending');
    // The page at 360 px: the decision fits, the table scrolls inside its panel, the page itself does not.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect(decision.evaluate((element) => element.scrollWidth <= element.clientWidth)).resolves.toBe(true);
    await expect(page.locator('html').evaluate((root) => root.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await shot(page, 'substitute-02-pending-360');
    await page.setViewportSize({ width: 1440, height: 1000 });
    await decision.getByRole('button', { name: 'Chấp thuận người dự thay' }).click();
    await expect(page.getByTestId('substitute-approved').textContent()).resolves.toContain('lời mời riêng đã được xếp hàng gửi tới đồng chí Trần Thị Hoa');
    await page.getByTestId('pending-substitutes').waitFor({ state: 'detached' });

    // The deputy's own invitation in the list (all statuses), and the original withdrawn.
    await page.getByRole('button', { name: /đã thu hồi/ }).waitFor();
    await page.goto(`${base}/loi-moi`);
    const deputy = page.getByRole('row', { name: 'Trần Thị Hoa' });
    await deputy.waitFor();
    await expect(deputy.textContent()).resolves.toContain('Người dự thay (lời mời riêng)');
    const original = page.getByRole('row', { name: 'Phạm Quang Đức' });
    await expect(original.getByTestId('invitation-status').textContent()).resolves.toBe('Đã thu hồi');
    await original.getByRole('button', { name: 'Lịch sử' }).click();
    const history = page.getByTestId('invitation-history');
    await history.locator('li[data-kind="substituted"]').waitFor();
    await expect(history.textContent()).resolves.toContain('Đồng chí Trần Thị Hoa dự thay');
    await expect(page.getByTestId('pending-substitutes-count').count()).resolves.toBe(0);
    await shot(page, 'substitute-03-approved');
    await page.close();
  });

  it('the organizer of the province sees who comes and their answers on the venue page at 360 px, without contacts', async () => {
    const [{ id: deputyId }] = await t.dataSource.query(`SELECT id FROM invitations WHERE substitute_for = $1`, [invitationId]);
    await t.http
      .post(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', deputyId)}`)
      .type('form')
      .send({ answer: 'accept', note: 'Đến lúc 7 giờ 15, đi ô tô từ Hà Nội' })
      .expect(200);
    const page = await openPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}`);
    await page.locator('#tra-loi-giay-moi > summary').click(); // the venue page's sections start folded on a phone
    const answers = page.getByTestId('venue-answers');
    const item = answers.getByRole('listitem', { name: 'Trần Thị Hoa' });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Nhận lời');
    await expect(item.textContent()).resolves.toContain('Đến lúc 7 giờ 15, đi ô tô từ Hà Nội');
    await expect(item.textContent()).resolves.toContain('dự thay đồng chí Phạm Quang Đức');
    const text = (await answers.textContent()) ?? '';
    expect(text).not.toContain('@');
    expect(text).not.toContain(officeEmail);
    expect(text).not.toContain('hoa.tt');
    // No decision buttons for organizers, and the section fits 360 px.
    await expect(page.getByTestId('venue-pending-substitutes').count()).resolves.toBe(0);
    const section = page.locator('#tra-loi-giay-moi');
    const fits = await section.evaluate((element) => element.scrollWidth <= element.clientWidth);
    expect(fits).toBe(true);
    await section.screenshot({ path: 'test-artifacts/screenshots/substitute-04-organizer-answers-360.png' });
    await shot(page, 'substitute-05-organizer-venue-360');
    await page.close();
  });
});
