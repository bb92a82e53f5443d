/**
 * Speakers and greeters in the console at phone width (issue 20): the province's organizer opens the
 * protocol page at 360 px, sees the speaking slots filled from the order of precedence, chooses a
 * speaker by hand and names the central delegate's greeter; no sideways scroll, no serious axe finding.
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
import { overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(90_000);

describe('Speakers and greeters (Chromium, 360 px)', () => {
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
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Điều Phối' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Thị Đón Tiếp' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử phát biểu)' });
    venue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm bản Phát Biểu', scheduleOn: `${edition.year}-08-19` });
    const leader = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn Chỉ Đạo', rankTier: RankTier.Politburo });
    const planning = `Bearer ${await t.tokenFor(planner)}`;
    const organizing = `Bearer ${await t.tokenFor(organizer)}`;
    await t.http.post(`/api/venues/${venue.id}/leaders`).set('Authorization', planning).send({ leaderId: leader.id, role: 'chief_guest' }).expect(201);
    await t.http.post(`/api/editions/${edition.id}/invitations/bulk`).set('Authorization', planning).expect(202);
    const [invitation] = await t.dataSource.query(`SELECT id FROM invitations WHERE venue_id = $1`, [venue.id]);
    await t.http
      .post(`/api/rsvp/${linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitation.id)}`)
      .type('form')
      .send({ answer: 'accept' })
      .expect(200);
    for (const [name, title, rank] of [
      ['Giàng Thị Bí', 'Bí thư Tỉnh ủy', 1],
      ['Vàng A Chủ', 'Chủ tịch UBND tỉnh', 2],
    ] as const) {
      await t.http.post(`/api/venues/${venue.id}/guests`).set('Authorization', organizing).send({ name, title, group: 'provincial_leader', rank }).expect(201);
    }
    for (const [title, startTime, endTime] of [
      ['Phát biểu khai mạc', '07:35', '07:45'],
      ['Phát biểu chỉ đạo', '07:45', '08:05'],
      ['Phát biểu tiếp thu', '08:05', '08:10'],
    ]) {
      await t.http.post(`/api/venues/${venue.id}/programme`).set('Authorization', organizing).send({ part: 'ceremony', title, startTime, endTime }).expect(201);
    }
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

  it('an organizer on a phone sees the proposed speakers, chooses one by hand and names the delegate’s greeter', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize(PHONE);
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}/le-tan`);
    const slots = page.getByTestId('speaking-slots').getByRole('listitem');
    const speakers = page.getByTestId('speaking-slots').getByTestId('speaker');
    await speakers.first().getByText('Giàng Thị Bí').waitFor();
    expect(await slots.locator('strong').allInnerTexts()).toEqual([
      '07:35–07:45 Phát biểu khai mạc',
      '07:45–08:05 Phát biểu chỉ đạo',
      '08:05–08:10 Phát biểu tiếp thu',
    ]);
    expect(await speakers.allInnerTexts()).toEqual([
      'Giàng Thị Bí — Bí thư Tỉnh ủy · đề xuất theo thứ tự lễ tân',
      'Nguyễn Văn Chỉ Đạo — Bộ trưởng · đề xuất theo thứ tự lễ tân',
      'Vàng A Chủ — Chủ tịch UBND tỉnh · đề xuất theo thứ tự lễ tân',
    ]);
    await page.getByTestId('role-changes').getByText('Nguyễn Văn Chỉ Đạo chưa có người đón.').waitFor();

    // The province's secretary answers instead of the chairman: chosen by hand, kept.
    await slots.nth(2).getByLabel('Người phát biểu').selectOption({ label: '2. Giàng Thị Bí' });
    await speakers.nth(2).getByText('Giàng Thị Bí').waitFor();
    await speakers.nth(0).getByText('Vàng A Chủ').waitFor();
    expect(await speakers.nth(2).innerText()).toBe('Giàng Thị Bí — Bí thư Tỉnh ủy · đã chọn');

    const greeters = page.getByTestId('greeters').getByRole('listitem');
    await greeters.first().getByRole('button', { name: 'Phân công người đón' }).click();
    const form = page.getByRole('form', { name: 'Người đón Nguyễn Văn Chỉ Đạo' });
    await form.getByLabel('Họ và tên người đón').fill('Lò Văn Đón');
    await form.getByLabel('Chức vụ').fill('Phó Chánh Văn phòng UBND tỉnh');
    await form.getByLabel('Điện thoại').fill('0912 345 678');
    await form.getByRole('button', { name: 'Lưu người đón' }).click();
    await greeters.first().getByText('Người đón: Lò Văn Đón, Phó Chánh Văn phòng UBND tỉnh').waitFor();
    await page.getByTestId('role-changes').waitFor({ state: 'detached' });

    const stored = await t.dataSource.query(`SELECT name, phone FROM greeters WHERE venue_id = $1`, [venue.id]);
    expect(stored).toEqual([{ name: 'Lò Văn Đón', phone: '0912 345 678' }]);
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'protocol-roles-360');
    await page.close();
  });
});
