/**
 * Notifications in the console (issue 17): the header's unread count rises live (Server-Sent Events,
 * no reload, no polling) when another account nominates a venue; the inbox filters by kind, opens an
 * entry's object and marks read, all at 360 px; the e-mail preferences are saved from the inbox page
 * (where every notification e-mail links), at 360 px too.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { Edition } from '@app/editions/edition.entity';
import type { User } from '@app/auth/user.entity';
import { createEdition, createUser } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Notifications in the console (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let edition: Edition;
  let planner: User;
  let organizer: User;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    edition = await createEdition(t.dataSource);
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Phạm Thị Thông Báo' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (planner) await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [planner.id]);
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('raises the header count live when another account nominates a venue, and opens it from the inbox at 360 px', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 780 });
    await logInAs(page, base, planner.email, edition.id);
    const count = page.getByTestId('unread-count');
    await count.waitFor();
    const before = Number(await count.textContent());
    // A locator's wait, not waitForFunction with a string: the console's CSP (script-src 'self', no
    // 'unsafe-eval') refused that string's eval when the page had not yet reached the count.
    const countIs = (n: number) => count.filter({ hasText: new RegExp(`^${n}$`) }).waitFor({ timeout: 5_000 });

    const organizerToken = `Bearer ${await t.tokenFor(organizer)}`;
    const venue = (
      await t.http
        .post('/api/venues')
        .set('Authorization', organizerToken)
        .send({
          editionId: edition.id,
          name: 'Điểm bản Hua Bum',
          tier: 'provincial',
          provinceCode: '12',
          communeName: 'Xã Hua Bum',
          hostKind: 'ban',
          address: 'Bản Hua Bum, xã Hua Bum',
          latitude: 22.4,
          longitude: 103.1,
          expectedAttendance: 400,
          candidateDates: [`${edition.year}-08-14`],
        })
        .expect(201)
    ).body;
    // No reload and nothing polls (the count is fresh for a minute): only the stream can bring it.
    await countIs(before + 1);

    await page.getByRole('link', { name: /Thông báo/ }).click();
    await page.getByLabel('Loại').selectOption('venue_nominated');
    const entry = page.getByTestId('notification').filter({ hasText: 'Điểm bản Hua Bum' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Lai Châu đề xuất điểm “Điểm bản Hua Bum”');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'notifications-360');

    await entry.getByRole('link', { name: /Điểm bản Hua Bum/ }).click();
    await page.waitForURL(`${base}/diem/${venue.id}`);
    await page.getByRole('heading', { name: /Điểm bản Hua Bum/ }).waitFor();
    await countIs(before);

    await page.getByRole('link', { name: /Thông báo/ }).click();
    await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await countIs(0);
    const [{ unread }] = await t.dataSource.query(`SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [planner.id]);
    expect(unread).toBe(0);
    await page.close();
  });
  it('saves the e-mail preferences from the inbox page at 360 px (the page every notification e-mail links to)', async () => {
    const reader = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 780 });
    await logInAs(page, base, reader.email, edition.id);
    await page.goto(`${base}/thong-bao`);
    await page.getByRole('button', { name: 'Nhận thông báo qua thư' }).click();
    await page.waitForURL(/muc=email/);
    const section = page.getByTestId('notification-email');
    // An organizer's defaults: the digest on, nothing at once; only the kinds an organizer receives are offered.
    const digest = section.getByLabel(/Thư tổng hợp hằng ngày lúc/);
    await digest.waitFor();
    expect(await digest.isChecked()).toBe(true);
    expect(await section.getByText('Điểm mới được đề xuất').count()).toBe(0);
    await section.getByLabel('Điểm bị hủy').check();
    await digest.uncheck();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'notification-email-360');
    await section.getByRole('button', { name: 'Lưu cách nhận thư' }).click();
    await section.getByRole('status').filter({ hasText: 'Đã lưu cách nhận thư thông báo.' }).waitFor();
    const [stored] = await t.dataSource.query(
      `SELECT daily_digest, immediate_kinds::text[] AS kinds, version FROM notification_preferences WHERE user_id = $1`,
      [reader.id],
    );
    expect(stored).toEqual({ daily_digest: false, kinds: ['venue_cancelled'], version: 1 });

    // Opened straight from an e-mail's link, after a reload: what was saved.
    await page.goto(`${base}/thong-bao?muc=email`);
    await section.getByLabel('Điểm bị hủy').waitFor();
    expect(await section.getByLabel('Điểm bị hủy').isChecked()).toBe(true);
    expect(await section.getByLabel(/Thư tổng hợp hằng ngày lúc/).isChecked()).toBe(false);
    await page.close();
  });
});
