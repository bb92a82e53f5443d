/**
 * Accounts in the console (issue 16, item 8): the planners' account cards at 360 px, a required password
 * change that holds the account to its page, logout that ends the session on the server, and the queue
 * dashboard's cookie that no script can read.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import { createUser, TEST_PASSWORD } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Accounts in the console (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let forced: User;
  let locked: User;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Nguyễn Thị Quản Trị' });
    // Sorted first in the list (by e-mail), whatever other suites have created.
    forced = await createUser(t.dataSource, Role.Viewer, null, {
      email: `aaa-doi-mat-khau-${randomUUID().slice(0, 6)}@test.ngayhoi.vn`,
      fullName: 'Trần Văn Đổi',
    });
    locked = await createUser(t.dataSource, Role.Viewer, null, { email: `aab-khoa-${randomUUID().slice(0, 6)}@test.ngayhoi.vn`, fullName: 'Lê Thị Khóa' });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (planner) await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, forced.id, locked.id]]);
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const card = (page: Page, user: User) => page.getByTestId('account').filter({ hasText: user.email });
  // Strings run in the page (this file is compiled without the DOM's types).
  const sessionToken = (page: Page) => page.evaluate<string>(`JSON.parse(sessionStorage.getItem('ngayhoi.session')).accessToken`);

  it('keeps the dashboard cookie away from scripts, and opens the queue dashboard with it', async () => {
    const page = await watchedPage(context, problems);
    await logInAs(page, base, planner.email);
    const cookie = (await context.cookies(`${base}/admin/queues`)).find((item) => item.name === 'ngayhoi_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('ngayhoi_token');
    const dashboard = await page.request.get(`${base}/admin/queues/api/queues`);
    expect(dashboard.status()).toBe(200);
    await page.close();
  });

  it('lets a planner lock an account and require a new password from a phone-sized screen', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 780 });
    await logInAs(page, base, planner.email);
    await page.goto(`${base}/tai-khoan`);
    await card(page, forced).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    await card(page, forced).getByRole('button', { name: 'Yêu cầu đổi mật khẩu' }).click();
    await card(page, forced).getByText('Chờ đổi mật khẩu').waitFor();
    await card(page, locked).getByRole('button', { name: 'Khóa tài khoản' }).click();
    await expect(page.getByRole('dialog').textContent()).resolves.toContain(locked.email); // asks first, naming the account
    await page.getByRole('dialog').getByRole('button', { name: 'Khóa tài khoản', exact: true }).click();
    await card(page, locked).getByText('Đã khóa').waitFor();
    await card(page, locked).getByRole('button', { name: 'Mở lại tài khoản' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'accounts-360');

    // Finding one account among many, without its diacritics.
    await page.getByLabel('Tìm theo e-mail hoặc họ tên').fill('le thi khoa');
    await page.getByRole('button', { name: 'Tìm tài khoản' }).click();
    await page.waitForURL(/q=le\+thi\+khoa/);
    await card(page, locked).waitFor();
    await expect(card(page, forced).count()).resolves.toBe(0);
    const [row] = await t.dataSource.query(`SELECT active FROM users WHERE id = $1`, [locked.id]);
    expect(row.active).toBe(false);
    await page.close();
  });

  it('holds an account to the password page until it chooses a new password, then logs out on the server', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${base}/dang-nhap`);
    await page.getByLabel('E-mail').fill(forced.email);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/doi-mat-khau$/);
    await page.getByText('Cán bộ quản trị yêu cầu bạn đặt mật khẩu mới').waitFor();
    await page.goto(`${base}/san-sang`);
    await page.waitForURL(/\/doi-mat-khau$/); // nowhere else until it is changed
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    await page.getByLabel('Mật khẩu hiện tại').fill('không-phải-mật-khẩu');
    await page.getByLabel('Mật khẩu mới (ít nhất 12 ký tự)').fill('mật-khẩu-mới-của-tôi');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mật-khẩu-mới-của-tôi');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng.').waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByTestId('current-user').waitFor();
    await shot(page, 'after-password-change-360');

    const token = await sessionToken(page);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/dang-nhap$/);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401); // revoked, not only forgotten
    await t.http.post('/api/auth/login').send({ email: forced.email, password: 'mật-khẩu-mới-của-tôi' }).expect(200);
    await page.close();
  });
});
