/**
 * The console at national scale (issue 18), in Chromium against the API booted in-process: an edition
 * large enough for the overview's province figures (1,200 venues) and a paged invitations list. The
 * overview shows the API's figures by status, region and province, the map each province's count until
 * zoomed in, a page of 50 venues at a time searched by the API (diacritics ignored); the invitations
 * page counts per status and pages and filters on the server. At 360×740 and at desktop width: nothing
 * wider than the screen, no serious or critical axe violation; screenshots into test-artifacts.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { createEdition, createUser } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { DESKTOP, overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(180_000);

/** The overview at 360 px, whatever the edition's size (about 2,000 px here; it ran to ~3,800 px when a day listed 100 names). */
const PHONE_PAGE_HEIGHT = 2400;

const PER_PROVINCE = 600; // Lai Châu and Hồ Chí Minh City, all on 12 August
const NEXT_DAY = 2; // Cà Mau, on 13 August
const INVITATIONS = 120;

describe('Console at national scale (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let edition: Edition;
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);

  async function fits(page: Page, name: string): Promise<void> {
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      const overflow = await overflowOf(page);
      expect({ page: name, width: viewport.width, overflow: overflow.scrollWidth <= viewport.width ? null : overflow }).toEqual({
        page: name,
        width: viewport.width,
        overflow: null,
      });
      expect({ page: name, width: viewport.width, axe: await seriousViolations(page) }).toEqual({ page: name, width: viewport.width, axe: [] });
      await shot(page, `scale-${name}-${viewport.width}`);
    }
  }

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Toàn Quốc' });
    edition = await createEdition(t.dataSource, { theme: 'Ngày hội toàn quốc (thử ở quy mô lớn)' });
    const year = edition.year;
    await t.dataSource.query(
      `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, host_kind, address, latitude, longitude, region,
                           expected_attendance, candidate_dates, status, scheduled_date, starts_at, ends_at)
       SELECT $1, 'Điểm quy mô ' || p.code || '-' || lpad(g::text, 4, '0'), 'grassroots', p.code, 'Xã ' || (g % 37), 'thon', 'Nhà văn hóa thôn ' || g,
              p.latitude + (g % 40) * 0.01, p.longitude + (g / 40) * 0.01, p.default_region, 200, ARRAY[$2::date], 'scheduled', $2::date,
              ($2::date + time '07:30') AT TIME ZONE 'Asia/Ho_Chi_Minh', ($2::date + time '11:30') AT TIME ZONE 'Asia/Ho_Chi_Minh'
         FROM provinces p, generate_series(1, $3::int) AS g
        WHERE p.code IN ('12', '79')`,
      [edition.id, `${year}-08-12`, PER_PROVINCE],
    );
    await t.dataSource.query(
      `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, host_kind, address, latitude, longitude, region,
                           expected_attendance, candidate_dates, status, scheduled_date, starts_at, ends_at)
       SELECT $1, 'Điểm ngày sau ' || g, 'grassroots', p.code, 'Xã ' || g, 'thon', 'Nhà văn hóa ấp ' || g,
              p.latitude + g * 0.01, p.longitude, p.default_region, 150, ARRAY[$2::date], 'scheduled', $2::date,
              ($2::date + time '07:30') AT TIME ZONE 'Asia/Ho_Chi_Minh', ($2::date + time '11:30') AT TIME ZONE 'Asia/Ho_Chi_Minh'
         FROM provinces p, generate_series(1, $3::int) AS g
        WHERE p.code = '96'`,
      [edition.id, `${year}-08-13`, NEXT_DAY],
    );
    await t.dataSource.query(
      `INSERT INTO invitations (edition_id, venue_id, delegate_name, delegate_email, role, status, uid, rsvp_token_hash, rsvp_expires_at)
       SELECT v.edition_id, v.id, 'Đại biểu quy mô ' || lpad(v.n::text, 3, '0'), 'quy-mo-' || v.n || '-' || left(v.id::text, 8) || '@vanphong.example.vn',
              'chief_guest', CASE WHEN v.n % 4 = 0 THEN 'accepted' ELSE 'sent' END::invitation_status, 'scale-' || v.id, md5('scale-' || v.id), now() + interval '30 days'
         FROM (SELECT id, edition_id, row_number() OVER (ORDER BY name) AS n FROM venues WHERE edition_id = $1) AS v
        WHERE v.n <= $2`,
      [edition.id, INVITATIONS],
    );
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database: leave none of this edition's.
    if (edition) {
      await t.dataSource.query(`DELETE FROM invitations WHERE edition_id = $1`, [edition.id]);
      await t.dataSource.query(`DELETE FROM venues WHERE edition_id = $1`, [edition.id]);
      await t.dataSource.query(`DELETE FROM editions WHERE id = $1`, [edition.id]);
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [planner.id]);
    }
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]); // no script errors, nothing the CSP refused
  });

  it('the overview shows the figures per region and province, the provinces on the map, and the venues a page at a time, searched by the API', async () => {
    const page = await openPage();
    await page.setViewportSize(DESKTOP);
    await logInAs(page, base, planner.email, edition.id);
    const stats = page.getByTestId('status-counts');
    await expect(stats.locator('.stat').first().textContent()).resolves.toContain('1.202');
    // The map: one numbered bubble per province, not 1,202 markers.
    const bubbles = page.locator('[data-testid="venue-map"] .map-bubble');
    await bubbles.nth(2).waitFor();
    await expect(bubbles.allTextContents()).resolves.toEqual(['600', '600', String(NEXT_DAY)]);
    await expect(page.locator('[data-testid="venue-map"] path.leaflet-interactive').count()).resolves.toBe(0);
    // Regions and their provinces, as the API counted them.
    const regions = page.getByTestId('region-figures');
    await expect(regions.locator('summary').allTextContents()).resolves.toEqual(expect.arrayContaining(['Tây Bắc: 600 điểm']));
    // The list: the API's first page of 50, and the next.
    const list = page.getByTestId('venue-list');
    await list.locator('li').nth(49).waitFor();
    await expect(list.locator('li').count()).resolves.toBe(50);
    await expect(page.locator('.pager').textContent()).resolves.toContain('Trang 1 / 25');
    const first = await list.getByRole('link').first().textContent();
    await page.getByRole('button', { name: 'Trang sau ›' }).click();
    await page.locator('.pager').getByText('Trang 2 / 25').waitFor();
    await list.getByRole('link', { name: first!, exact: true }).waitFor({ state: 'detached' }); // page 2 holds other venues
    await expect(list.locator('li').count()).resolves.toBe(50);
    // The calendar names a day's first three venues (by province and name, as the API ranks them) and
    // counts the rest exactly; a day with fewer names them all.
    const date = `${edition.year}-08-12`;
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM venues WHERE edition_id = $1 AND scheduled_date = $2`, [edition.id, date]);
    expect(n).toBe(2 * PER_PROVINCE);
    const firstThree: Array<{ name: string }> = await t.dataSource.query(
      `SELECT name FROM venues WHERE edition_id = $1 AND scheduled_date = $2 ORDER BY province_code, name, id LIMIT 3`,
      [edition.id, date],
    );
    const day = page.locator(`[data-date="${date}"]`);
    await expect(day.locator('.count').textContent()).resolves.toBe('1.200');
    await expect(day.locator('a.chip').allTextContents()).resolves.toEqual(firstThree.map((venue) => venue.name));
    const more = day.getByRole('button');
    await expect(more.textContent()).resolves.toBe(`+${(n - 3).toLocaleString('vi-VN')} điểm khác`);
    await expect(more.textContent()).resolves.toBe('+1.197 điểm khác');
    const nextDay = page.locator(`[data-date="${edition.year}-08-13"]`);
    await expect(nextDay.locator('.count').textContent()).resolves.toBe(String(NEXT_DAY));
    await expect(nextDay.locator('a.chip').allTextContents()).resolves.toEqual(['Điểm ngày sau 1', 'Điểm ngày sau 2']);
    await expect(nextDay.getByRole('button').count()).resolves.toBe(0);

    // On a phone the calendar is the days that have venues, each name across the screen, whole, and the page stays short.
    await page.setViewportSize(PHONE);
    const chipWidths = await page.evaluate<Array<{ width: number; cut: boolean }>>(
      `[...document.querySelectorAll('[data-date="${date}"] a.chip')].map((chip) => ({ width: chip.getBoundingClientRect().width, cut: chip.scrollWidth > chip.clientWidth }))`,
    );
    expect(chipWidths).toHaveLength(3);
    for (const chip of chipWidths) expect(chip).toEqual({ width: expect.any(Number), cut: false });
    expect(Math.min(...chipWidths.map((chip) => chip.width))).toBeGreaterThan(250);
    await expect(page.evaluate<number>(`document.querySelector('[data-testid="edition-calendar"]').getBoundingClientRect().height`)).resolves.toBeLessThan(600);
    await expect(page.evaluate<number>('document.documentElement.scrollHeight')).resolves.toBeLessThan(PHONE_PAGE_HEIGHT);
    await fits(page, 'tong-quan');

    // "+1.197 điểm khác" shows the whole day: the list filtered to it (not the next day's), brought into view.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: `+1.197 điểm khác ngày 12/08/${edition.year}` }).click();
    await page.getByRole('button', { name: `Ngày 12/08/${edition.year} ✕` }).waitFor();
    await page.locator('.venue-list-wrap > p').getByText('Các điểm: 1.200').waitFor();
    await page.locator('.pager').getByText('Trang 1 / 24').waitFor();
    await list.locator('li').nth(49).waitFor();
    const dates = await list.locator('li small').allTextContents();
    expect(dates).toHaveLength(50);
    for (const text of dates) expect(text).toContain(`12/08/${edition.year}`);
    await expect(list.getByRole('link', { name: 'Điểm ngày sau 1' }).count()).resolves.toBe(0);
    const listTop = await page.evaluate<number>(`document.querySelector('.venue-list-wrap > p').getBoundingClientRect().top`);
    expect(listTop).toBeGreaterThanOrEqual(-1);
    expect(listTop).toBeLessThan(PHONE.height);
    await shot(page, 'scale-tong-quan-ngay-360');
    await page.getByRole('button', { name: `Ngày 12/08/${edition.year} ✕` }).click();
    await page.locator('.pager').getByText('Trang 1 / 25').waitFor();
    await page.setViewportSize(DESKTOP);

    // Searched without diacritics, everything follows: the figures, the map and the list.
    await page.getByRole('searchbox', { name: 'Tìm điểm', exact: true }).fill('lai chau');
    await page.locator('.pager').getByText('Trang 1 / 12').waitFor();
    // The figures are their own request: they follow the list, perhaps a moment later.
    await stats.locator('.stat').first().filter({ hasText: '600' }).waitFor();
    await expect(list.locator('li small').first().textContent()).resolves.toContain('Lai Châu');
    await page.getByRole('searchbox', { name: 'Tìm điểm', exact: true }).fill('');
    await page.locator('.pager').getByText('Trang 1 / 25').waitFor();

    // A province's bubble shows the province: the API's clusters there, and the list of what the map shows.
    await bubbles.first().click();
    await page.getByText('Các điểm trong khung bản đồ').waitFor();
    await page.locator('[data-testid="venue-map"] .map-bubble, [data-testid="venue-map"] path.leaflet-interactive').first().waitFor();
    await expect(page.locator('.venue-list-wrap > p').textContent()).resolves.toMatch(/Các điểm trong khung bản đồ: 600/);
    await page.close();
  });

  it('the invitations page counts per status and pages, filters and searches on the server', async () => {
    const page = await openPage();
    await page.setViewportSize(DESKTOP);
    await logInAs(page, base, planner.email, edition.id);
    await page.getByRole('link', { name: 'Lời mời' }).click();
    const counts = page.getByTestId('invitation-counts');
    await counts.locator('button').nth(1).waitFor();
    await expect(counts.locator('button').allTextContents()).resolves.toEqual(['90 đã gửi', '30 nhận lời']);
    const rows = page.getByTestId('invitation-row');
    await rows.nth(49).waitFor();
    await expect(rows.count()).resolves.toBe(50);
    await expect(page.locator('.pager').textContent()).resolves.toContain('Trang 1 / 3');
    // Every row names its venue (asked for by id), not its id.
    await expect(rows.first().getByRole('link').textContent()).resolves.toMatch(/^Điểm quy mô \d{2}-\d{4} \(12\/08\/\d{4}\)$/);
    await fits(page, 'loi-moi');

    await counts.getByRole('button', { name: '30 nhận lời' }).click();
    await page.locator('.pager').waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(30);
    await expect(page.getByTestId('invitation-status').allTextContents()).resolves.toEqual(Array(30).fill('Nhận lời'));
    await page.getByRole('searchbox', { name: 'Tìm lời mời theo đại biểu' }).fill('dai bieu quy mo 004');
    await rows.nth(1).waitFor({ state: 'detached' });
    await expect(rows.allTextContents()).resolves.toEqual([expect.stringContaining('Đại biểu quy mô 004')]);
    await page.close();
  });
});
