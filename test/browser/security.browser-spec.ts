/**
 * Issue 16 in the console (Chromium, API in-process as console.browser-spec.ts): a planner revokes and
 * re-issues a leader's calendar feed from the leaders page; an organizer proposes to move a scheduled
 * central venue (at 360 px, no horizontal scroll) and a planner applies it from the venue page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { createEdition, createLeader, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Web console: calendar feeds and central venue proposals (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User; // Lai Châu
  let edition: Edition;
  let venue: Venue;
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);
  const logIn = (page: Page, email: string) => logInAs(page, base, email, edition.id);

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Lê Thị Kế Hoạch' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Văn Tổ Chức' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử bảo mật)' });
    venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-13`, name: 'Nhà văn hóa bản Thử Đề Xuất' });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (edition) await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id]]);
    // No link left for another suite's worker to mail.
    await t?.dataSource.query(`UPDATE calendar_feeds SET status = 'revoked', token_hash = NULL, revoked_at = now() WHERE edition_id = $1`, [edition.id]);
    await t?.close();
  });

  it('lets a planner give, revoke and re-issue a leader’s calendar feed from the leaders page', async () => {
    const leader = await createLeader(t.dataSource, { fullName: 'Đồng chí Kiều Văn Lịch Riêng' });
    const page = await openPage();
    await logIn(page, planner.email);
    await page.goto(`${base}/lanh-dao?q=${encodeURIComponent(leader.fullName)}`);
    const row = page.getByRole('row', { name: leader.fullName });
    await row.getByRole('button', { name: 'Sửa' }).click();
    const feed = page.getByTestId('leader-feed');
    await feed.getByText('Chưa cấp').waitFor();
    await feed.getByRole('button', { name: 'Cấp đường dẫn lịch' }).click();
    await feed.getByRole('button', { name: 'Xác nhận cấp lại' }).click();
    await feed
      .getByTestId('leader-feed-status')
      .getByText(/chờ gửi|đang gửi|đã gửi/)
      .waitFor();
    await expect(feed.getByTestId('leader-feed-status').textContent()).resolves.toContain(leader.officeEmail);

    await feed.getByRole('button', { name: 'Thu hồi đường dẫn lịch' }).click();
    await feed.getByText('Đường dẫn hiện tại ngừng hoạt động ngay').waitFor();
    await feed.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await feed.getByTestId('leader-feed-status').getByText('đã thu hồi').waitFor();
    const [stored] = await t.dataSource.query(`SELECT status, token_hash, generation FROM calendar_feeds WHERE leader_id = $1`, [leader.id]);
    expect(stored).toEqual({ status: 'revoked', token_hash: null, generation: 1 });
    await shot(page, '16-duong-dan-lich');

    await feed.getByRole('button', { name: 'Cấp lại đường dẫn lịch' }).click();
    await feed.getByRole('button', { name: 'Xác nhận cấp lại' }).click();
    await feed
      .getByTestId('leader-feed-status')
      .getByText(/chờ gửi|đang gửi|đã gửi/)
      .waitFor();
    expect((await t.dataSource.query(`SELECT generation FROM calendar_feeds WHERE leader_id = $1`, [leader.id]))[0].generation).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets an organizer propose moving a central venue (its section fits 360 px) and a planner apply it', async () => {
    let page = await openPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await logIn(page, organizer.email);
    await page.goto(`${base}/diem/${venue.id}`);
    await page.locator('#de-xuat-thay-doi > summary').click(); // the venue page's sections start folded on a phone
    const section = page.getByTestId('venue-change-proposals');
    await section.getByText('đồng chí gửi đề xuất để Trung ương xem xét').waitFor();
    const form = section.getByRole('form', { name: 'Đề xuất thay đổi địa điểm' });
    await form.getByLabel('Địa chỉ').fill('Sân vận động xã Sìn Hồ');
    await form.getByLabel('Lý do đề xuất').fill('Nhà văn hóa đang sửa chữa');
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await form.getByText('Đã gửi đề xuất; Trung ương sẽ xem xét.').waitFor();
    await section.getByTestId('venue-change-proposal').getByText('Chờ Trung ương xem xét').waitFor();
    // The proposals section fits the phone's width (the page's edition switcher and programme table,
    // older than this section, are wider: noted in the report, not this test's subject).
    const box = await section.evaluate((element) => ({
      right: element.getBoundingClientRect().right,
      scroll: element.scrollWidth,
      client: element.clientWidth,
    }));
    expect(box.right).toBeLessThanOrEqual(360);
    expect(box.scroll).toBeLessThanOrEqual(box.client);
    await shot(page, '16-de-xuat-thay-doi-360');
    expect((await t.dataSource.query(`SELECT address FROM venues WHERE id = $1`, [venue.id]))[0].address).toBe(venue.address);
    await page.close();

    page = await openPage();
    await logIn(page, planner.email);
    await page.goto(`${base}/diem/${venue.id}`);
    const proposal = page.getByTestId('venue-change-proposals').getByTestId('venue-change-proposal');
    await proposal.getByText('Sân vận động xã Sìn Hồ').waitFor();
    await proposal.getByRole('button', { name: /Áp dụng/ }).click();
    await proposal.getByText('Đã áp dụng').waitFor();
    expect((await t.dataSource.query(`SELECT address FROM venues WHERE id = $1`, [venue.id]))[0].address).toBe('Sân vận động xã Sìn Hồ');
    expect(problems).toEqual([]);
    await page.close();
  });
});
