/**
 * Results after the festival day in the console (issue 20): the province's organizer, on a phone,
 * records the venue's attendance and short report from its section of the venue page; the report page
 * shows it in the province's figures (no sideways scroll at 360 px, no serious accessibility fault),
 * downloads the PDF, and a planner compares the edition with an earlier one.
 */
import type { BrowserContext } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(90_000);

describe('Results and the edition report (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User;
  let earlier: Edition;
  let edition: Edition;
  let venue: Venue;
  const problems: string[] = [];

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Báo Cáo' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Thị Kết Quả' });
    earlier = await createEdition(t.dataSource, { theme: 'Đợt trước (thử báo cáo)' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử báo cáo)' });
    // Its day has passed (the edition's own years lie ahead): the result may be recorded.
    venue = await createVenue(t.dataSource, edition, '12', { name: 'Điểm bản Kết Quả', scheduleOn: '2026-08-19' });
    await createVenue(t.dataSource, earlier, '12', { name: 'Điểm bản Năm Trước', scheduleOn: '2026-08-18' });
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    if (planner) await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id]]);
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('an organizer on a phone records the result, and the report shows it for the province', async () => {
    const page = await watchedPage(context, problems);
    await page.setViewportSize(PHONE);
    await logInAs(page, base, organizer.email, edition.id);
    await page.goto(`${base}/diem/${venue.id}#ket-qua`);
    const form = page.getByRole('form', { name: 'Ghi kết quả' });
    await form.getByLabel('Số người tham dự').fill('1.350');
    await form.getByLabel('Tập thể được khen thưởng').fill('4');
    await form.getByLabel('Cá nhân được khen thưởng').fill('15');
    await form.getByLabel('Báo cáo nhanh').fill('Ngày hội diễn ra an toàn, trang trọng.\nKý kết giao ước thi đua giữa năm bản.');
    await form.getByRole('button', { name: 'Ghi kết quả' }).click();
    const shown = page.getByTestId('venue-result');
    await shown.getByText('1.350').waitFor();
    await shown.getByText('4 tập thể, 15 cá nhân').waitFor();
    await page.getByRole('form', { name: 'Sửa kết quả' }).waitFor(); // the next save corrects, at the version it read
    const [stored] = await t.dataSource.query(`SELECT attendance, summary, version FROM venue_results WHERE venue_id = $1`, [venue.id]);
    expect(stored).toEqual({ attendance: 1350, summary: 'Ngày hội diễn ra an toàn, trang trọng.\nKý kết giao ước thi đua giữa năm bản.', version: 1 });
    expect((await overflowOf(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'venue-result-360');

    await page.goto(`${base}/bao-cao`);
    await page.getByRole('heading', { name: `Báo cáo kết quả — đợt năm ${edition.year}` }).waitFor();
    await page.getByTestId('report-total').getByText('Lai Châu:').waitFor();
    const province = page.getByTestId('report-provinces').getByRole('row', { name: /Lai Châu/ });
    await province.getByText('1.350').waitFor();
    const overflow = await overflowOf(page);
    // scrollWidth ≤ the viewport; when not, the failure names the elements that stick out.
    expect(overflow.scrollWidth <= PHONE.width ? null : overflow).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'report-360');

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải báo cáo PDF' }).click()]);
    expect(file.suggestedFilename()).toBe(`Báo cáo Ngày hội ${edition.year}.pdf`);
    await page.close();
  });

  it('a planner compares the edition with an earlier one, region by region', async () => {
    const page = await watchedPage(context, problems);
    await logInAs(page, base, planner.email, edition.id);
    await page.goto(`${base}/bao-cao`);
    await page.getByRole('combobox', { name: 'Đợt so sánh' }).selectOption({ label: `Năm ${earlier.year}` });
    const tayBac = page.getByTestId('report-comparison').getByRole('row', { name: /Tây Bắc/ });
    await tayBac.waitFor();
    await expect(tayBac.locator('td').nth(1).textContent()).resolves.toMatch(/^\d+ \/ \d+$/);
    await page
      .getByTestId('report-comparison')
      .getByRole('row', { name: /Toàn quốc/ })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'report-comparison');
    await page.close();
  });
});
