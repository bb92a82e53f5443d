/**
 * Protocol (lễ tân) in the console at phone width (issue 20): the province's organizer opens a
 * venue's protocol page at 360 px, adds the province's leader, draws the front row from the order of
 * precedence, swaps two seats by tapping them, and a planner sees the same plan (and may move someone
 * in the order with a reason). In Chromium against the API booted in-process.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { RankTier } from '@app/leaders';
import { linkToken } from '@app/invitations';
import type { Venue } from '@app/venues/venue.entity';
import { createEdition, createLeader, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { TEST_ENV } from '../test-env';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Protocol page (Chromium, 360 px)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User;
  let edition: Edition;
  let venue: Venue;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Lễ Tân' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Thị Tổ Chức' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử lễ tân)' });
    venue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm bản Lễ Tân', scheduleOn: `${edition.year}-08-18` });
    const leader = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn Khách', rankTier: RankTier.Politburo });
    const bearer = `Bearer ${await t.tokenFor(planner)}`;
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', bearer).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', bearer).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT id FROM invitations WHERE venue_id = $1`, [venue.id]);
    await t.http
      .post(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id)}`)
      .type('form')
      .send({ answer: 'accept' })
      .expect(200);
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
    const seen = problems.splice(0);
    expect(seen).toEqual([]);
  });

  it('an organizer on a phone lists the province’s leader, draws the front row centre-out and swaps two seats', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 740 });
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}`);
    await page.getByRole('link', { name: 'Lễ tân: thứ tự đại biểu và sơ đồ chỗ ngồi' }).click();
    await page.getByRole('heading', { name: `Lễ tân: ${venue.name}` }).waitFor();

    const guestForm = page.getByRole('form', { name: 'Thêm khách mời của tỉnh' });
    await guestForm.getByLabel('Họ và tên').fill('Giàng A Tỉnh');
    await guestForm.getByLabel('Chức vụ').fill('Bí thư Tỉnh ủy');
    await guestForm.getByRole('combobox', { name: /^Nhóm/ }).selectOption({ label: 'Lãnh đạo tỉnh' });
    await guestForm.getByRole('button', { name: 'Thêm vào danh sách' }).click();
    const order = page.getByTestId('precedence').getByRole('listitem');
    await expectTexts(order, ['Nguyễn Văn Khách', 'Giàng A Tỉnh']);

    const draw = page.getByRole('form', { name: 'Xếp chỗ ngồi theo thứ tự lễ tân' });
    await draw.getByLabel('Số hàng').fill('1');
    await draw.getByLabel('Số ghế mỗi hàng').fill('3');
    await draw.getByRole('button', { name: 'Xếp chỗ theo thứ tự lễ tân' }).click();
    // Centre seat (2) to the first in the order, then the seat on its right (3).
    await page.getByRole('button', { name: 'Hàng 1, ghế 2: Nguyễn Văn Khách' }).waitFor();
    await page.getByRole('button', { name: 'Hàng 1, ghế 3: Giàng A Tỉnh' }).waitFor();

    await page.getByRole('button', { name: 'Hàng 1, ghế 3: Giàng A Tỉnh' }).click();
    await page.getByRole('button', { name: 'Hàng 1, ghế 1: trống' }).click();
    await page.getByRole('button', { name: 'Hàng 1, ghế 1: Giàng A Tỉnh' }).waitFor();
    await page.getByText('đã sửa tay').waitFor();

    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'protocol-360');
    const stored = await t.dataSource.query(`SELECT seats, edited_by_hand FROM seating_plans WHERE venue_id = $1`, [venue.id]);
    expect(stored[0].edited_by_hand).toBe(true);
    expect(stored[0].seats.map((seat: { seat: number }) => seat.seat)).toEqual([1, 2]);
    await page.close();
  });

  it('a planner moves a guest first in the order with a reason, and the plan flags the move to review', async () => {
    const page = await watchedPage(context, problems);
    await logInAs(page, base, planner.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}/le-tan`);
    const order = page.getByTestId('precedence').getByRole('listitem');
    await expectTexts(order, ['Nguyễn Văn Khách', 'Giàng A Tỉnh']);
    await order.nth(1).getByRole('button', { name: 'Đổi vị trí' }).click();
    const form = page.getByRole('form', { name: 'Đổi vị trí của Giàng A Tỉnh' });
    await form.getByLabel('Vị trí mới').fill('1');
    await form.getByLabel('Lý do').fill('Chủ trì đón tiếp tại địa phương');
    await form.getByRole('button', { name: 'Lưu vị trí' }).click();
    await expectTexts(order, ['Giàng A Tỉnh', 'Nguyễn Văn Khách']);
    await order.first().getByText('Điều chỉnh: Chủ trì đón tiếp tại địa phương').waitFor();
    await shot(page, 'protocol-planner');
    await page.close();
  });

  it('the door on a phone: a typed code checks a guest in, a repeat says when, and a check-in made offline is sent when the connection is back', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize({ width: 360, height: 740 });
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}`);
    await page.getByRole('link', { name: 'Điểm danh khách ngày hội' }).click();
    await page.getByRole('heading', { name: `Điểm danh: ${venue.name}` }).waitFor();
    await page.getByTestId('check-in-count').getByText('Đã điểm danh 0/2 người').waitFor();

    const list = (
      await t.http
        .get(`/api/venues/${venue.id}/guest-list`)
        .set('Authorization', `Bearer ${await t.tokenFor(organizer)}`)
        .expect(200)
    ).body;
    const passOf = (name: string) => list.entries.find((entry: { name: string }) => entry.name === name).passCode as string;
    const form = page.getByRole('form', { name: 'Điểm danh bằng mã thẻ' });
    await form.getByLabel('Mã thẻ').fill(passOf('Nguyễn Văn Khách').toLowerCase().replace('-', ' '));
    await form.getByRole('button', { name: 'Điểm danh' }).click();
    await page.getByTestId('check-in-notice').getByText('Đã điểm danh: Nguyễn Văn Khách — Bộ trưởng.').waitFor();
    await page.getByTestId('check-in-count').getByText('Đã điểm danh 1/2 người').waitFor();

    await form.getByLabel('Mã thẻ').fill(passOf('Nguyễn Văn Khách'));
    await form.getByRole('button', { name: 'Điểm danh' }).click();
    await page
      .getByTestId('check-in-notice')
      .getByText(/^Nguyễn Văn Khách đã điểm danh lúc \d\d:\d\d\.$/)
      .waitFor();

    // No signal at the door: the check-in waits on the phone, then goes when the connection is back.
    await context.setOffline(true);
    await form.getByLabel('Mã thẻ').fill(passOf('Giàng A Tỉnh'));
    await form.getByRole('button', { name: 'Điểm danh' }).click();
    await page.getByTestId('check-in-waiting').getByText('1 lượt điểm danh đang chờ gửi khi có mạng.').waitFor();
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE venue_id = $1`, [venue.id]))[0].n).toBe(1);
    await context.setOffline(false);
    await page.evaluate("window.dispatchEvent(new Event('online'))");
    await page.getByTestId('check-in-notice').getByText('Đã gửi 1 lượt điểm danh lưu khi mất mạng.').waitFor();
    await page.getByTestId('check-in-count').getByText('Đã điểm danh 2/2 người').waitFor();

    // Finding a name without diacritics: both are in now, nobody left to check in.
    await page.getByLabel('Tìm theo tên').fill('giang a');
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Giàng A Tỉnh' })
      .getByText(/đã đến/)
      .waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await shot(page, 'check-in-360');
    await page.close();
  });
});

async function expectTexts(items: import('playwright-core').Locator, names: string[]): Promise<void> {
  for (let tries = 0; tries < 50; tries++) {
    const texts = await items.allInnerTexts();
    if (texts.length === names.length && names.every((name, index) => texts[index].includes(name))) return;
    await new Promise((resume) => setTimeout(resume, 100));
  }
  const texts = await items.allInnerTexts();
  expect(texts.map((text, index) => text.includes(names[index] ?? '∅'))).toEqual(names.map(() => true));
}
