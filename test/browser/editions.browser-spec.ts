/**
 * The editions page in a real browser (Debian's Chromium): a planner creates an edition (an unreadable
 * date and a too-short theme refused under their fields), finds it chosen in the header, narrows its
 * window (refused while a scheduled venue would fall outside, then saved; a stale version reloaded),
 * moves it to "inviting", and edits its reminder policy (refusals under the fields, then saved). An
 * organizer cannot open the page.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { auditEntriesFor, createUser, createVenue, freeEditionYear } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Editions page (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User;
  /** The year of the edition created through the console: one no other suite uses. */
  let year: number;
  let edition: Edition | undefined;
  let stranded: Venue | undefined;
  const theme = 'Toàn dân chung sức bảo vệ an ninh Tổ quốc (thử trang đợt tổ chức)';
  const problems: string[] = [];

  const day = (dayMonth: string) => `${dayMonth}/${year}`;
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

  async function logIn(email: string): Promise<Page> {
    const page = await watchedPage(context, problems);
    await logInAs(page, base, email);
    return page;
  }

  /** The page as a planner, with the edition created by the first test chosen in the header. */
  async function openEditions(): Promise<Page> {
    const page = await logIn(planner.email);
    await page.getByLabel('Chọn đợt tổ chức').selectOption(edition!.id);
    await nav(page).getByRole('link', { name: 'Đợt tổ chức' }).click();
    await page.getByTestId('edition-details').waitFor();
    return page;
  }

  const stored = () => t.dataSource.getRepository(Edition).findOneByOrFail({ year });

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Phạm Thị Điều Phối' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Văn Tỉnh' });
    // Editions are unique per year and createEdition (factories) takes the next free one: so does this suite.
    year = await freeEditionYear(t.dataSource);
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database (active planners and organizers of Lai
    // Châu, pending reminders, venues): leave nothing of this suite that they would count.
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner?.id, organizer?.id].filter(Boolean)]);
    if (edition) await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    if (stranded) await t.dataSource.query(`DELETE FROM venues WHERE id = $1`, [stranded.id]);
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]); // no script errors, nothing the CSP refused
  });

  it('a planner creates an edition: refusals under their fields, then it is created and chosen in the header', async () => {
    const page = await logIn(planner.email);
    await nav(page).getByRole('link', { name: 'Đợt tổ chức' }).click();
    await page.getByRole('heading', { name: 'Đợt tổ chức', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tạo đợt mới' }).click();
    const form = page.getByRole('form', { name: 'Tạo đợt tổ chức mới' });
    await form.getByLabel('Năm').fill(String(year));
    await form.getByLabel('Chủ đề').fill(theme);
    await form.getByLabel('Ngày bắt đầu').fill(day('15/07'));
    await form.getByLabel('Ngày kết thúc').fill(day('31/02')); // no such day
    await form.getByLabel('Ngày hội toàn quốc').fill(day('19/08'));
    await form.getByRole('button', { name: 'Tạo đợt' }).click();
    await expect(form.locator('[data-field="windowEnd"]').textContent()).resolves.toContain('phải có dạng dd/mm/yyyy');
    await expect(form.locator('.field-error').count()).resolves.toBe(1);
    await expect(form.getByLabel('Ngày kết thúc').inputValue()).resolves.toBe(day('31/02')); // nothing typed is lost
    await shot(page, '14-dot-to-chuc-loi-ngay');

    // The API's own validation shows the same way.
    await form.getByLabel('Ngày kết thúc').fill(day('31/08'));
    await form.getByLabel('Chủ đề').fill('ab');
    await form.getByRole('button', { name: 'Tạo đợt' }).click();
    await expect(form.locator('[data-field="theme"]').textContent()).resolves.toContain('quá ngắn');
    await expect(form.locator('[data-field="windowEnd"]').count()).resolves.toBe(0);
    await expect(t.dataSource.getRepository(Edition).countBy({ year })).resolves.toBe(0);

    await form.getByLabel('Chủ đề').fill(theme);
    await form.getByRole('button', { name: 'Tạo đợt' }).click();
    await page.getByText(`Đã tạo đợt năm ${year} và chọn đợt này ở đầu trang.`).waitFor();
    edition = await stored();
    expect(edition).toMatchObject({ theme, windowStart: `${year}-07-15`, windowEnd: `${year}-08-31`, nationalDay: `${year}-08-19`, status: 'planning' });

    // The header's switcher lists it and has it chosen; the page shows it as the chosen edition.
    const switcher = page.getByLabel('Chọn đợt tổ chức');
    await expect(switcher.inputValue()).resolves.toBe(edition.id);
    await expect(switcher.locator('option:checked').textContent()).resolves.toBe(`Năm ${year} — ${theme}`);
    await expect(
      nav(page)
        .getByText(`Thời gian tổ chức: ${day('15/07')} – ${day('31/08')}`)
        .count(),
    ).resolves.toBe(1);
    const row = page.getByTestId('editions-table').getByRole('row', { name: `Năm ${year}` });
    await expect(row.locator('td').allTextContents()).resolves.toEqual([
      String(year),
      theme,
      `${day('15/07')} – ${day('31/08')}`,
      day('19/08'),
      'Đang lập kế hoạch',
      'Đang chọn',
    ]);
    await expect(page.getByTestId('edition-status').textContent()).resolves.toBe('Đang lập kế hoạch');
    await shot(page, '14-dot-to-chuc');
    await page.close();
  });

  it('narrowing the window past a scheduled venue is refused in place, then saved; a stale version is reloaded', async () => {
    stranded = await createVenue(t.dataSource, edition!, '12', { name: 'Điểm bản Cuối Hè', scheduleOn: `${year}-08-25` });
    const page = await openEditions();
    await page.getByRole('button', { name: 'Sửa thông tin đợt' }).click();
    const form = page.getByRole('form', { name: 'Sửa thông tin đợt' });
    await expect(form.getByLabel('Ngày kết thúc').inputValue()).resolves.toBe(day('31/08'));
    await form.getByLabel('Ngày kết thúc').fill(day('20/08'));
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(form.locator('.form-error[data-code="VENUES_OUTSIDE_WINDOW"]').textContent()).resolves.toContain('Không thể thu hẹp thời gian tổ chức');
    await expect(form.getByTestId('venues-outside-window').textContent()).resolves.toBe(`Điểm bản Cuối Hè — ${day('25/08')}`);
    await shot(page, '14-dot-to-chuc-thu-hep');

    await form.getByLabel('Ngày kết thúc').fill(day('26/08'));
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin đợt.').waitFor();
    await expect(page.getByTestId('edition-window').textContent()).resolves.toBe(`${day('15/07')} – ${day('26/08')}`);
    await expect(
      nav(page)
        .getByText(`Thời gian tổ chức: ${day('15/07')} – ${day('26/08')}`)
        .count(),
    ).resolves.toBe(1);
    await expect(stored()).resolves.toMatchObject({ windowEnd: `${year}-08-26`, version: 2 });

    // Someone else renames it while this planner edits: the save is refused, then the latest is loaded.
    await page.getByRole('button', { name: 'Sửa thông tin đợt' }).click();
    await form.getByLabel('Ngày bắt đầu').fill(day('10/07'));
    const token = await t.tokenFor(planner);
    await t.http
      .patch(`/api/editions/${edition!.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ version: 2, theme: `${theme} — đã đổi` })
      .expect(200);
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(form.locator('.form-error[data-code="VERSION_CONFLICT"]').textContent()).resolves.toContain('Vui lòng tải lại');
    await form.getByRole('button', { name: 'Tải lại dữ liệu mới nhất' }).click();
    await form.locator('.form-error').waitFor({ state: 'detached' }); // the refusal goes once the latest is in
    await expect(form.getByLabel('Chủ đề').inputValue()).resolves.toBe(`${theme} — đã đổi`);
    await expect(form.getByLabel('Ngày bắt đầu').inputValue()).resolves.toBe(day('15/07'));
    await form.getByLabel('Ngày bắt đầu').fill(day('10/07'));
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin đợt.').waitFor();
    await expect(stored()).resolves.toMatchObject({ theme: `${theme} — đã đổi`, windowStart: `${year}-07-10`, windowEnd: `${year}-08-26`, version: 4 });
    await expect(page.getByLabel('Chọn đợt tổ chức').locator('option:checked').textContent()).resolves.toBe(`Năm ${year} — ${theme} — đã đổi`);
    await page.close();
  });

  it('a planner moves the edition to "inviting" after confirming', async () => {
    const page = await openEditions();
    const workflow = page.getByTestId('edition-workflow');
    await expect(workflow.locator('[aria-current="step"]').textContent()).resolves.toBe('Đang lập kế hoạch');
    await workflow.getByRole('button', { name: 'Chuyển sang “Đang mời đại biểu”' }).click();
    await expect(workflow.getByRole('group', { name: 'Xác nhận chuyển trạng thái' }).textContent()).resolves.toContain('không quay lại');
    await workflow.getByRole('button', { name: 'Xác nhận: đang mời đại biểu' }).click();
    await page.getByTestId('edition-status').getByText('Đang mời đại biểu').waitFor();
    await expect(workflow.locator('[aria-current="step"]').textContent()).resolves.toBe('Đang mời đại biểu');
    await workflow.getByRole('button', { name: 'Chuyển sang “Đang diễn ra”' }).waitFor();
    await expect(
      page
        .getByTestId('editions-table')
        .getByRole('row', { name: `Năm ${year}` })
        .textContent(),
    ).resolves.toContain('Đang mời đại biểu');
    await expect(stored()).resolves.toMatchObject({ status: 'inviting', version: 5 });
    const actions = (await auditEntriesFor(t.dataSource, 'edition', edition!.id)).map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(['create', 'update', 'update', 'update', 'transition']);
    await shot(page, '14-dot-to-chuc-moi-dai-bieu');
    await page.close();
  });

  it('a planner edits the reminder policy: refusals under their fields, then saved and applied', async () => {
    const page = await openEditions();
    const form = page.getByRole('form', { name: 'Chính sách nhắc việc' });
    await form.getByTestId('policy-default').waitFor();
    const delegates = form.getByLabel('Nhắc đại biểu trước giờ khai mạc');
    const tasks = form.getByLabel('Nhắc việc hậu cần trước hạn (ngày)');
    const venues = form.getByLabel('Nhắc tỉnh trước ngày tổ chức (ngày)');
    const escalation = form.getByLabel('Báo việc quá hạn sau (giờ)');
    await expect(Promise.all([delegates, tasks, venues, escalation].map((input) => input.inputValue()))).resolves.toEqual([
      '7 ngày, 1 ngày, 2 giờ',
      '3, 1, 0',
      '7, 1',
      '24',
    ]);

    await delegates.fill('3 ngày, hai giờ');
    await tasks.fill('5, -1');
    await venues.fill('7, 1');
    await escalation.fill('48');
    await form.getByRole('button', { name: 'Lưu chính sách nhắc việc' }).click();
    // "hai giờ" is not a number: refused before anything is sent; then the API refuses −1 day.
    await expect(form.locator('[data-field="delegateOffsetsMinutes"]').textContent()).resolves.toContain('không đọc được hai giờ');
    await expect(form.locator('.field-error').count()).resolves.toBe(1);
    await delegates.fill('3 ngày, 2 giờ');
    await form.getByRole('button', { name: 'Lưu chính sách nhắc việc' }).click();
    await expect(form.locator('[data-field="taskOffsetsDays"]').textContent()).resolves.toContain('giá trị quá nhỏ');
    await expect(form.locator('.field-error').count()).resolves.toBe(1);
    await expect(delegates.inputValue()).resolves.toBe('3 ngày, 2 giờ');
    await expect(tasks.inputValue()).resolves.toBe('5, -1');
    await expect(t.dataSource.query(`SELECT 1 FROM reminder_policies WHERE edition_id = $1`, [edition!.id])).resolves.toHaveLength(0);
    await shot(page, '14-dot-to-chuc-nhac-viec-loi');

    await delegates.fill('3 ngày, 4 giờ');
    await tasks.fill('5, 2, 0');
    await form.getByRole('button', { name: 'Lưu chính sách nhắc việc' }).click();
    await form.getByText('Đã lưu chính sách nhắc việc.').waitFor();
    await expect(form.getByTestId('policy-default').count()).resolves.toBe(0);
    await expect(form.locator('.field-error').count()).resolves.toBe(0);
    await expect(delegates.inputValue()).resolves.toBe('3 ngày, 4 giờ');
    const [policy] = await t.dataSource.query(
      `SELECT delegate_offsets_minutes, task_offsets_days, venue_offsets_days, escalation_hours FROM reminder_policies WHERE edition_id = $1`,
      [edition!.id],
    );
    expect(policy).toEqual({ delegate_offsets_minutes: [4320, 240], task_offsets_days: [5, 2, 0], venue_offsets_days: [7, 1], escalation_hours: 48 });
    // Applied at once: the scheduled venue's province is reminded at 08:00 local 7 days and 1 day before its day (25/08).
    const reminders = await t.dataSource.query(`SELECT due_at FROM reminders WHERE subject_id = $1 AND status = 'pending' ORDER BY due_at`, [stranded!.id]);
    expect(reminders.map((reminder: { due_at: Date }) => reminder.due_at.toISOString())).toEqual([
      `${year}-08-18T01:00:00.000Z`,
      `${year}-08-24T01:00:00.000Z`,
    ]);
    await shot(page, '14-dot-to-chuc-nhac-viec');
    await page.close();
  });

  it('an organizer has no link to the page and is refused it', async () => {
    const page = await logIn(organizer.email);
    await expect(nav(page).getByRole('link').allTextContents()).resolves.not.toContain('Đợt tổ chức');
    await page.goto(`${base}/dot-to-chuc`);
    await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    await expect(page.getByTestId('editions-table').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Tạo đợt mới' }).count()).resolves.toBe(0);
    await shot(page, '14-dot-to-chuc-to-chuc-tinh');
    await page.close();
  });
});
