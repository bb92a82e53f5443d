/**
 * The console on an organizer's phone (issue 18), in Chromium at 360×740 against the API booted
 * in-process (as console.browser-spec.ts): every page an organizer uses fits the screen without
 * scrolling sideways, its main action is reachable and works, axe-core finds no serious or critical
 * accessibility violation (at phone and at desktop width), a delete asks first, and the audit log
 * shows names and labels, not ids and keys. Each page is photographed into test-artifacts/screenshots.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import type { Venue } from '@app/venues/venue.entity';
import { VenueStatus } from '@app/venues/venue.enums';
import { createEdition, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';
import { DESKTOP, overflowOf, PHONE, seriousViolations } from './phone';

jest.setTimeout(120_000);

describe('Web console on a phone, accessible (Chromium, 360×740)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User; // Lào Cai
  let edition: Edition;
  let venue: Venue; // Lào Cai: approved and scheduled through the API, so it has its checklist
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);
  const logIn = (page: Page, email: string) => logInAs(page, base, email, edition.id);
  /** Unfolds a section of the venue page (folded on a phone) by its heading. */
  async function openSection(page: Page, name: string): Promise<void> {
    const section = page.locator('details.venue-section').filter({ has: page.locator('summary', { hasText: name }) });
    if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  }
  const api = (method: 'get' | 'post', path: string, token: string) => t.http[method](`/api${path}`).set('Authorization', `Bearer ${token}`);

  /** The page fits the phone's width, passes axe at phone and desktop width, and is photographed. */
  async function checkPage(page: Page, name: string): Promise<void> {
    await page.setViewportSize(PHONE);
    const overflow = await overflowOf(page);
    // scrollWidth ≤ the viewport; when not, the failure names the elements that stick out.
    expect({ page: name, overflow: overflow.scrollWidth <= PHONE.width ? null : overflow }).toEqual({ page: name, overflow: null });
    await shot(page, `phone-${name}`);
    expect({ page: name, phone: await seriousViolations(page) }).toEqual({ page: name, phone: [] });
    await page.setViewportSize(DESKTOP);
    expect({ page: name, desktop: await seriousViolations(page) }).toEqual({ page: name, desktop: [] });
    await page.setViewportSize(PHONE);
  }

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Phạm Thị Điều Hành' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '15', { fullName: 'Giàng Văn Điện Thoại' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử trên điện thoại, một tên chủ đề dài)' });
    venue = await createVenue(t.dataSource, edition, '15', {
      name: 'Điểm thôn Tả Phìn, xã Sa Pa, một tên điểm tổ chức khá dài',
      status: VenueStatus.Shortlisted,
      candidateDates: [`${edition.year}-08-14`],
      latitude: 22.35,
      longitude: 103.84,
    });
    const token = await t.tokenFor(planner);
    // Renamed through the API, so the audit log has recorded the venue's name (the factory writes no entry).
    const renamed = await t.http
      .patch(`/api/venues/${venue.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Điểm thôn Tả Phìn, xã Sa Pa (tên đầy đủ, khá dài)', version: venue.version })
      .expect(200);
    venue.name = renamed.body.name;
    const approved = await api('post', `/venues/${venue.id}/transitions`, token).send({ to: 'approved', version: renamed.body.version }).expect(200);
    await api('post', `/venues/${venue.id}/transitions`, token)
      .send({ to: 'scheduled', version: approved.body.version, date: `${edition.year}-08-14`, startTime: '07:30', endTime: '11:30' })
      .expect(200);
    await api('post', `/venues/${venue.id}/programme/from-template`, token).send({}).expect(201);
    await api('post', `/venues/${venue.id}/budget-lines`, token)
      .send({ category: 'gifts', description: 'Quà tặng hộ gia đình chính sách', plannedVnd: 12_500_000, fundingSource: 'provincial_budget' })
      .expect(201);
    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database: leave nothing of this suite that they would count.
    if (edition) {
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id]]);
      await t.dataSource.query(`DELETE FROM budget_lines WHERE edition_id = $1`, [edition.id]);
      await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    }
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]); // no script errors, nothing the CSP refused
  });

  it('the login page and the overview fit the phone; a venue opens from the list', async () => {
    const page = await openPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${base}/dang-nhap`);
    await page.getByLabel('E-mail').waitFor();
    await checkPage(page, '01-dang-nhap');
    await logIn(page, organizer.email);
    await page.getByTestId('venue-list').getByRole('link', { name: venue.name }).waitFor();
    await checkPage(page, '02-tong-quan');
    await page.getByTestId('venue-list').getByRole('link', { name: venue.name }).click();
    await page.getByTestId('venue-status').waitFor();
    await page.close();
  });

  it('the venue page comes in sections; the programme, the tasks and the budget work at 360 px; a delete asks first', async () => {
    const page = await openPage();
    await page.setViewportSize(PHONE);
    await logIn(page, organizer.email);
    await page.goto(`${base}/diem/${venue.id}`);
    await page.getByTestId('venue-status').waitFor();
    // Sections, folded on a phone: the page is a list of headings, not a scroll of 6,500 px.
    const sections = page.locator('details.venue-section');
    await expect(sections.locator('summary').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringContaining('Chương trình'),
        expect.stringContaining('Nhiệm vụ hậu cần'),
        expect.stringContaining('Dự toán kinh phí'),
      ]),
    );
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeLessThan(3 * PHONE.height);
    await checkPage(page, '03-diem-to-chuc');

    // The programme: a new item added from the phone.
    await openSection(page, 'Chương trình');
    const added = page.getByTestId('programme-new');
    await added.getByLabel('Giờ bắt đầu').fill('10:45');
    await added.getByLabel('Giờ kết thúc').fill('11:10');
    await added.getByLabel('Nội dung').fill('Giao lưu văn nghệ');
    await added.getByRole('button', { name: 'Thêm mục' }).click();
    const item = page.getByRole('row', { name: 'Mục Giao lưu văn nghệ' });
    await item.waitFor();
    await checkPage(page, '04-chuong-trinh');

    // A delete asks first, naming what goes; "Không" keeps it, "Xóa" removes it.
    await item.getByRole('button', { name: 'Xóa' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain('Giao lưu văn nghệ');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'phone-05-hoi-truoc-khi-xoa');
    await dialog.getByRole('button', { name: 'Không xóa' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect(item.count()).resolves.toBe(1);
    await item.getByRole('button', { name: 'Xóa' }).click();
    await dialog.getByRole('button', { name: 'Xóa', exact: true }).click();
    await item.waitFor({ state: 'detached' });

    // The tasks: a list with a quick status change.
    await openSection(page, 'Nhiệm vụ hậu cần');
    const todo = page.getByRole('region', { name: 'Cần làm' });
    const first = todo.getByTestId('task-card').first();
    const title = (await first.locator('strong').textContent())!;
    await first.getByLabel(/Chuyển trạng thái/).selectOption('in_progress');
    await page.getByRole('region', { name: 'Đang làm' }).getByRole('article', { name: title }).waitFor();
    await checkPage(page, '06-nhiem-vu');

    // The budget: lines as cards, a new line added.
    await openSection(page, 'Dự toán kinh phí');
    const form = page.getByRole('form', { name: 'Thêm dòng kinh phí' });
    await form.getByLabel('Nội dung').fill('Thuê loa đài');
    await form.getByLabel('Dự toán (đồng)').fill('3.000.000');
    await form.getByRole('button', { name: 'Thêm dòng kinh phí' }).click();
    await page.getByTestId('budget-lines').getByText('Thuê loa đài').waitFor();
    await expect(page.getByTestId('budget-planned-total').textContent()).resolves.toMatch(/15\.500\.000\s₫/);
    await checkPage(page, '07-kinh-phi-diem');
    await page.close();
  });

  it('the venue form, the readiness and budget pages, notifications and the password page fit the phone', async () => {
    const page = await openPage();
    await page.setViewportSize(PHONE);
    await logIn(page, organizer.email);

    await page.goto(`${base}/diem/moi`);
    await page.getByRole('form', { name: 'Đề xuất điểm tổ chức' }).waitFor();
    // The location is picked on a map (issue 18): a tap sets latitude and longitude, the marker shows it.
    const picker = page.getByTestId('location-picker');
    await picker.locator('.leaflet-tile-pane').waitFor({ state: 'attached' });
    await picker.click({ position: { x: 150, y: 140 } });
    const latitude = Number((await page.getByLabel('Vĩ độ').inputValue()).replace(',', '.'));
    const longitude = Number((await page.getByLabel('Kinh độ').inputValue()).replace(',', '.'));
    expect(latitude).toBeGreaterThan(5);
    expect(latitude).toBeLessThan(28);
    expect(longitude).toBeGreaterThan(95);
    expect(longitude).toBeLessThan(118);
    await expect(picker.locator('path.leaflet-interactive').count()).resolves.toBe(1);
    await page.getByLabel('Vĩ độ').fill('22,3964');
    await page.getByLabel('Kinh độ').fill('103,4582');
    await checkPage(page, '08-de-xuat-diem');

    await page.goto(`${base}/diem/${venue.id}/sua`);
    const form = page.locator('form.venue-form');
    await form.waitFor();
    await checkPage(page, '09-sua-diem');
    await form.getByLabel('Số người dự kiến').fill('650');
    await form.getByRole('button', { name: /Lưu/ }).click();
    await page.getByTestId('venue-status').waitFor();

    await page.getByRole('link', { name: 'Mức độ sẵn sàng' }).click();
    await page.getByTestId('readiness-summary').waitFor();
    // The organizer's one-province total carries the province's name, not "Toàn quốc".
    await expect(page.getByTestId('readiness-summary').textContent()).resolves.toContain('Lào Cai');
    await expect(page.locator('.readiness').textContent()).resolves.not.toMatch(/Toàn quốc|\bat_risk\b|\blate\b|tay_bac/);
    await checkPage(page, '10-san-sang');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/); // the page's main action, from the phone

    await page.getByRole('link', { name: 'Kinh phí' }).click();
    await page.getByTestId('budget-summary').waitFor();
    await checkPage(page, '11-kinh-phi');

    await page.goto(`${base}/thong-bao`);
    await page.getByRole('heading', { name: 'Thông báo' }).waitFor();
    await checkPage(page, '12-thong-bao');
    await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await page.getByTestId('unread-count').filter({ hasText: /^0$/ }).waitFor(); // all read

    await page.goto(`${base}/doi-mat-khau`);
    await page.getByLabel('Mật khẩu hiện tại').waitFor();
    await checkPage(page, '13-doi-mat-khau');
    await page.close();
  });

  it('the planners’ pages stay usable at tablet width (768 px): nothing wider than the screen', async () => {
    const page = await openPage();
    const tablet = { width: 768, height: 1024 };
    await page.setViewportSize(tablet);
    await logIn(page, planner.email);
    for (const [path, name, ready] of [
      ['/', 'tong-quan', 'venue-list'],
      ['/lanh-dao', 'lanh-dao', null],
      ['/lap-ke-hoach', 'lap-ke-hoach', null],
      ['/loi-moi', 'loi-moi', null],
      ['/mau-cong-viec', 'mau-cong-viec', null],
      ['/dot-to-chuc', 'dot-to-chuc', null],
      ['/tai-khoan', 'tai-khoan', null],
      ['/nhat-ky', 'nhat-ky', 'audit-table'],
      [`/diem/${venue.id}`, 'diem-to-chuc', 'venue-status'],
    ] as const) {
      await page.goto(`${base}${path}`);
      if (ready) await page.getByTestId(ready).waitFor();
      else await page.locator('main h1, main h2').first().waitFor();
      await page.locator('main .loading').first().waitFor({ state: 'detached' }); // every part has loaded
      const overflow = await overflowOf(page);
      expect({ page: name, overflow: overflow.scrollWidth <= tablet.width ? null : overflow }).toEqual({ page: name, overflow: null });
      await shot(page, `tablet-${name}`);
    }
    await page.close();
  });

  it('the audit log names people, fields and values: no raw id or key', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    // A cancellation asks first too, naming the venue (left unconfirmed here).
    await page.goto(`${base}/diem/${venue.id}`);
    await page.getByRole('button', { name: 'Hủy điểm' }).click();
    const cancel = page.getByRole('form', { name: 'Hủy điểm' });
    await expect(cancel.textContent()).resolves.toContain(`Hủy điểm «${venue.name}»?`);
    await cancel.getByRole('button', { name: 'Bỏ qua' }).click();
    await cancel.waitFor({ state: 'detached' });
    await page.goto(`${base}/nhat-ky?entityType=venue&entityId=${venue.id}`);
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr').first().waitFor();
    // E-mails are what they are (and factories' addresses hold underscores): only the rest must read as words.
    const text = (await table.textContent())!.replaceAll(planner.email, ' (e-mail) ').replaceAll(organizer.email, ' (e-mail) ');
    expect(text).toContain('Phạm Thị Điều Hành'); // the actor by name
    expect(text).toContain(venue.name); // the record by its name
    expect(text).toContain('Trạng thái'); // the field by its label
    expect(text).toContain('Được phê duyệt'); // the value by its name
    expect(text).toContain('14/08/'); // dates as dd/MM/yyyy
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/); // no uuid
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/); // no snake_case code
    expect(text).not.toMatch(/\b(?:status|scheduledDate|startsAt|version|approved|scheduled)\b/); // no field key, no raw code
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/); // no raw instant
    await checkPage(page, '14-nhat-ky');
    await page.close();
  });
});
