/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the API
 * booted in-process on the test database: the API serves the built console at `/`, exactly as in
 * production. Each main page is photographed into test-artifacts/screenshots/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { Region } from '@app/provinces/region';
import type { Venue } from '@app/venues/venue.entity';
import { VenueStatus } from '@app/venues/venue.enums';
import { createEdition, createLeader, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { SmtpSink } from '../utils/smtp-sink';
import { createTestWorker } from '../utils/test-worker';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Web console (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User;
  let edition: Edition;
  let shortlisted: Venue; // Lai Châu: approved and scheduled through the console
  let otherProvince: Venue; // Điện Biên: scheduled, with a leader (organizers of Lai Châu may not see it)
  let ownScheduled: Venue; // Lai Châu: scheduled, with a leader
  const problems: string[] = [];
  const invitedOffices: string[] = []; // the leaders' office addresses: the worker may also send other suites' leftover mail

  const openPage = () => watchedPage(context, problems);

  const logIn = (page: Page, email: string) => logInAs(page, base, email, edition.id);

  beforeAll(async () => {
    ({ t, base } = await startConsole());

    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Nguyễn Thị Kế Hoạch' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Văn Tổ Chức' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử trình duyệt)' });
    const year = edition.year;
    shortlisted = await createVenue(t.dataSource, edition, '12', {
      name: 'Điểm bản Nậm Cang',
      status: VenueStatus.Shortlisted,
      candidateDates: [`${year}-08-10`],
      latitude: 22.39,
      longitude: 103.45,
    });
    otherProvince = await createVenue(t.dataSource, edition, '11', {
      name: 'Điểm bản Mường Phăng',
      scheduleOn: `${year}-08-12`,
      latitude: 21.4,
      longitude: 103.1,
    });
    ownScheduled = await createVenue(t.dataSource, edition, '12', { name: 'Điểm xã Sìn Hồ', scheduleOn: `${year}-08-15`, latitude: 22.36, longitude: 103.24 });
    await createVenue(t.dataSource, edition, '66', { name: 'Điểm buôn Ako Dhông', region: Region.TayNguyen, latitude: 12.7, longitude: 108.05 });

    const token = await t.tokenFor(planner);
    for (const venue of [otherProvince, ownScheduled]) {
      const leader = await createLeader(t.dataSource, { fullName: `Đồng chí ${venue.name.slice(5)}` });
      invitedOffices.push(leader.officeEmail);
      await t.http
        .post(`/api/venues/${venue.id}/leaders`)
        .set('Authorization', `Bearer ${token}`)
        .send({ leaderId: leader.id, role: 'chief_guest' })
        .expect(201);
    }
    await t.http.post(`/api/venues/${otherProvince.id}/programme/from-template`).set('Authorization', `Bearer ${token}`).send({}).expect(201);

    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database (active organizers of Lai Châu, budget
    // lines, pending reminders): leave nothing of this suite that they would count.
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

  it('serves the console from the API, sends strangers to the login page and shows the API validation messages in place', async () => {
    const page = await openPage();
    await page.goto(`${base}/diem/${shortlisted.id}`);
    await page.waitForURL(/\/dang-nhap$/);
    await page.getByLabel('E-mail').fill('khong-phai-email');
    await page.getByLabel('Mật khẩu').fill('x');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('[data-field="email"]').textContent()).resolves.toContain('phải là địa chỉ e-mail hợp lệ');
    await page.getByLabel('E-mail').fill(planner.email);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('E-mail hoặc mật khẩu không đúng.').waitFor();
    await shot(page, '01-dang-nhap');
    await page.close();
  });

  it('a planner sees the edition on the map (without tiles), in the list and on the calendar', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Tổng quan', 'Mức độ sẵn sàng', 'Lời mời', 'Nhật ký thay đổi']),
    );
    const list = page.getByTestId('venue-list');
    await list.locator('li').nth(3).waitFor();
    await expect(list.locator('li').count()).resolves.toBe(4);
    await page.getByText('Không tải được nền bản đồ').waitFor();
    // Clustered on the server: each venue is a circle or counted in a numbered bubble, and a bubble opens up when clicked.
    const circles = page.locator('[data-testid="venue-map"] path.leaflet-interactive');
    const bubbles = page.locator('[data-testid="venue-map"] .map-bubble');
    await circles.first().waitFor();
    const inBubbles = (await bubbles.allTextContents()).reduce((sum, text) => sum + Number(text), 0);
    expect((await circles.count()) + inBubbles).toBe(4);
    if (inBubbles > 0) {
      await bubbles.first().click();
      await bubbles.first().waitFor({ state: 'detached' });
      await expect(circles.count()).resolves.toBeGreaterThanOrEqual(2);
    }
    // Each day with venues names them (a link to each venue, its count beside the date); an empty day says nothing.
    const day = page.locator(`[data-date="${edition.year}-08-12"]`);
    await expect(day.locator('a.chip').allTextContents()).resolves.toEqual(['Điểm bản Mường Phăng']);
    await expect(day.locator('a.chip').getAttribute('href')).resolves.toBe(`/diem/${otherProvince.id}`);
    await expect(day.locator('.count').textContent()).resolves.toBe('1');
    await expect(day.getByRole('button').count()).resolves.toBe(0); // nothing more to show
    await expect(page.locator(`[data-date="${edition.year}-08-15"] a.chip`).allTextContents()).resolves.toEqual(['Điểm xã Sìn Hồ']);
    // A candidate date is not a scheduled one.
    await expect(page.locator(`[data-date="${edition.year}-08-10"]`).locator('a.chip, .count').count()).resolves.toBe(0);
    await expect(page.locator('.calendar-month h3').allTextContents()).resolves.toEqual([`Tháng 7/${edition.year}`, `Tháng 8/${edition.year}`]);
    await expect(page.getByText(`Thời gian tổ chức: 01/07/${edition.year} – 19/08/${edition.year}`).count()).resolves.toBe(1);
    await shot(page, '02-tong-quan');
    await page.close();
  });

  it('a planner approves and schedules a venue, edits its programme and sees the overlap on the row', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await page.getByTestId('venue-list').getByRole('link', { name: 'Điểm bản Nậm Cang' }).click();
    const status = page.getByTestId('venue-status');
    await expect(status.textContent()).resolves.toBe('Vào danh sách xem xét');

    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.getByTestId('venue-status').getByText('Được phê duyệt').waitFor();
    await page.getByTestId('task-card').first().waitFor(); // approving made its checklist

    await page.getByRole('button', { name: 'Xếp lịch' }).click();
    const schedule = page.getByTestId('workflow-actions');
    await schedule.getByLabel('Ngày tổ chức').fill(`01/01/${edition.year}`);
    await page.getByRole('button', { name: /Xác nhận/ }).click();
    await page.getByText('Ngày đề xuất phải nằm trong thời gian tổ chức của đợt Ngày hội.').or(page.locator('.form-error')).first().waitFor();
    await expect(page.locator('.form-error').textContent()).resolves.toMatch(/thời gian tổ chức/);
    await schedule.getByLabel('Ngày tổ chức').fill(`10/08/${edition.year}`);
    await schedule.getByLabel('Giờ bắt đầu').fill('07:30');
    await schedule.getByLabel('Giờ kết thúc').fill('11:30');
    await page.getByRole('button', { name: /Xác nhận/ }).click();
    await page.getByTestId('venue-status').getByText('Đã xếp lịch').waitFor();
    await expect(page.getByTestId('venue-schedule').textContent()).resolves.toContain(`10/08/${edition.year}, 07:30–11:30`);

    // Programme: lay out the template, then add an item that clashes with it.
    await page.getByRole('button', { name: 'Lập theo chương trình mẫu' }).click();
    await page.getByTestId('programme-row').first().waitFor();
    const rows = await page.getByTestId('programme-row').count();
    expect(rows).toBeGreaterThan(1);
    const added = page.getByTestId('programme-new');
    await added.getByLabel('Giờ bắt đầu').fill('07:40');
    await added.getByLabel('Giờ kết thúc').fill('08:00');
    await added.getByLabel('Nội dung').fill('Tiết mục chen ngang');
    await added.getByRole('button', { name: 'Thêm mục' }).click();
    const rowError = page.locator('tr.row-error .form-error');
    await rowError.waitFor();
    await expect(rowError.textContent()).resolves.toContain('trùng thời gian với mục');
    await expect(rowError.getAttribute('data-code')).resolves.toBe('PROGRAMME_OVERLAP');
    await expect(page.locator('tr.clash').count()).resolves.toBe(1); // the item it clashes with is highlighted
    await shot(page, '03-chuong-trinh-trung-gio');
    // An item outside the venue's hours is refused on its row too; a valid one is added.
    await added.getByLabel('Giờ bắt đầu').fill('11:00');
    // The quick choices keep to the venue's hours (07:30–11:30): starts up to the last quarter, ends after the start typed.
    const choicesOf = (field: string) =>
      added
        .getByLabel(field)
        // The field's <datalist> (the test's own types know no DOM: its shape is written out).
        .evaluate((input) =>
          Array.from((input as unknown as { list: { options: ArrayLike<{ value: string }> } | null }).list?.options ?? [], (option) => option.value),
        );
    const starts = await choicesOf('Giờ bắt đầu');
    expect([starts[0], starts.at(-1), starts.length]).toEqual(['07:30', '11:15', 16]);
    await expect(choicesOf('Giờ kết thúc')).resolves.toEqual(['11:15', '11:30']);
    await added.getByLabel('Giờ kết thúc').fill('12:00');
    await added.getByRole('button', { name: 'Thêm mục' }).click();
    await page.locator('tr.row-error .form-error[data-code="PROGRAMME_OUTSIDE_VENUE_DAY"]').waitFor();
    await added.getByLabel('Giờ bắt đầu').fill('10:40');
    await added.getByLabel('Giờ kết thúc').fill('11:15');
    await added.getByRole('button', { name: 'Thêm mục' }).click();
    await page.getByRole('row', { name: 'Mục Tiết mục chen ngang' }).waitFor();
    await expect(page.getByTestId('programme-row').count()).resolves.toBe(rows + 1);

    // Logistics board: start a task.
    const todo = page.getByRole('region', { name: 'Cần làm' });
    const firstTask = todo.getByTestId('task-card').first();
    const title = (await firstTask.locator('strong').textContent())!;
    await firstTask.getByLabel(/Chuyển trạng thái/).selectOption('in_progress');
    await page.getByRole('region', { name: 'Đang làm' }).getByRole('article', { name: title }).waitFor();

    // Budget: the API's field messages show under the fields; a valid line adds to the total.
    const budget = page.getByRole('form', { name: 'Thêm dòng kinh phí' });
    await budget.getByRole('button', { name: 'Thêm dòng kinh phí' }).click();
    await expect(budget.locator('[data-field="plannedVnd"]').textContent()).resolves.toBe('không được để trống'); // refused before sending
    await budget.getByLabel('Dự toán (đồng)').fill('45.000.000');
    await budget.getByRole('button', { name: 'Thêm dòng kinh phí' }).click();
    await expect(budget.locator('[data-field="description"]').textContent()).resolves.toContain('quá ngắn'); // the API's
    await budget.getByLabel('Nội dung').fill('Thuê sân khấu, âm thanh, ánh sáng');
    await budget.getByRole('button', { name: 'Thêm dòng kinh phí' }).click();
    await page.getByTestId('budget-lines').getByText('Thuê sân khấu, âm thanh, ánh sáng').waitFor();
    await expect(page.getByTestId('budget-planned-total').textContent()).resolves.toMatch(/45\.000\.000\s₫/);
    await shot(page, '03-diem-to-chuc-da-xep-lich');
    await page.close();
  });

  it('a planner sends the invitations, follows them through the mail queue to "sent", previews one and withdraws one', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await page.getByRole('link', { name: 'Lời mời' }).click();
    await page.getByText('Chưa có lời mời nào.').waitFor();
    await page.getByRole('button', { name: 'Gửi lời mời cho tất cả lãnh đạo đã phân công' }).click();
    await expect(page.getByTestId('bulk-result').textContent()).resolves.toContain('Đã lập 2 lời mời mới');
    const rows = page.getByTestId('invitation-row');
    // The page of invitations and their counts come from the API after the bulk answer: wait for both.
    await rows.nth(1).waitFor();
    await expect(rows.count()).resolves.toBe(2);
    // No worker yet: both wait in the mail queue, and the page says how far sending has got.
    await expect(page.getByTestId('invitation-status').allTextContents()).resolves.toEqual(['Đang chờ gửi', 'Đang chờ gửi']);
    await page.getByTestId('sending-progress').filter({ hasText: 'đã gửi 0/2' }).waitFor();

    // The worker sends them through a real SMTP server; the page follows until both are sent. It keeps
    // running until the withdrawal's cancellation is out, so no mail is left queued for other suites.
    const sink = await new SmtpSink().start();
    const worker = await createTestWorker({ SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' });
    try {
      await page.getByTestId('sending-progress').waitFor({ state: 'detached', timeout: 30_000 });
      await expect(page.getByTestId('invitation-status').allTextContents()).resolves.toEqual(['Đã gửi', 'Đã gửi']);
      const ours = (method: string) => invitedOffices.flatMap((address) => sink.to(address)).filter((mail) => mail.calendar?.method === method);
      expect(ours('REQUEST')).toHaveLength(2);
      const requests = () => ours('REQUEST').length;

      // An office cannot find the letter: it goes again, on the same calendar entry.
      const second = rows.nth(1);
      await second.getByRole('button', { name: 'Gửi lại' }).click();
      await second.getByText('Đã xếp hàng gửi lại thư mời.').waitFor();
      for (let tries = 0; requests() < 3 && tries < 150; tries += 1) await new Promise((resume) => setTimeout(resume, 100));
      expect(requests()).toBe(3);

      const first = rows.first();
      await first.getByRole('button', { name: 'Xem trước' }).click();
      await page.getByTestId('preview-subject').waitFor();
      await expect(page.getByTestId('preview-ics').textContent()).resolves.toContain('BEGIN:VCALENDAR');
      await shot(page, '04-loi-moi');

      await first.getByRole('button', { name: 'Thu hồi' }).click();
      const form = page.getByRole('form', { name: /Thu hồi lời mời/ });
      await form.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
      await expect(form.locator('[data-field="reason"]').textContent()).resolves.toContain('quá ngắn');
      await form.getByLabel('Lý do thu hồi').fill('Thay đổi kế hoạch công tác');
      await form.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
      await page.getByTestId('invitation-status').getByText('Đã thu hồi').waitFor();
      await expect(page.getByTestId('invitation-status').allTextContents()).resolves.toEqual(expect.arrayContaining(['Đã thu hồi', 'Đã gửi']));
      // The withdrawn leader's calendar gets the cancellation.
      const deadline = Date.now() + 15_000;
      while (ours('CANCEL').length === 0 && Date.now() < deadline) await new Promise((resume) => setTimeout(resume, 100));
      expect(ours('CANCEL')).toHaveLength(1);
    } finally {
      await worker.close();
      await sink.stop();
    }
    await page.close();
  });

  it('a planner reads the readiness dashboard, exports the plan and reads the audit log', async () => {
    const page = await openPage();
    await logIn(page, planner.email);
    await page.getByRole('link', { name: 'Mức độ sẵn sàng' }).click();
    await page.getByTestId('chart-regions').waitFor();
    await expect(page.getByTestId('chart-provinces').textContent()).resolves.toContain('Lai Châu');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await page.getByText(/^Đã xuất .*\.csv/).waitFor();
    await shot(page, '05-san-sang');

    await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await expect(table.textContent()).resolves.toContain('Chuyển trạng thái');
    await expect(table.textContent()).resolves.toContain(planner.email);
    await shot(page, '06-nhat-ky');
    await page.close();
  });

  it('an organizer sees only their province and is refused another province', async () => {
    const page = await openPage();
    await logIn(page, organizer.email);
    const nav = await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link').allTextContents();
    expect(nav).toEqual(['Tổng quan', 'Mức độ sẵn sàng', 'Kinh phí', 'Trực tiếp ngày hội', 'Báo cáo kết quả']);
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('Lai Châu');
    await page.getByTestId('venue-list').getByRole('link').nth(1).waitFor();
    const names = await page.getByTestId('venue-list').getByRole('link').allTextContents();
    expect(names.sort()).toEqual(['Điểm bản Nậm Cang', 'Điểm xã Sìn Hồ']);
    await shot(page, '07-to-chuc-tinh');

    await page.goto(`${base}/diem/${otherProvince.id}`);
    await page.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    await expect(page.locator('.error-panel').textContent()).resolves.toContain('tỉnh, thành phố mình phụ trách');
    await shot(page, '08-tu-choi-tinh-khac');

    await page.goto(`${base}/loi-moi`);
    await page.getByText('Chỉ cán bộ lập kế hoạch Trung ương được xem trang này.').waitFor();

    // Their own venue: the central-tier workflow stays with the planners, the programme is theirs to edit.
    await page.goto(`${base}/diem/${ownScheduled.id}`);
    await page.getByTestId('programme-editor').waitFor();
    await expect(page.getByRole('button', { name: 'Đổi lịch' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Hủy điểm' }).count()).resolves.toBe(0); // central tier: the planners'
    // Its day is still ahead: "held" is not offered yet (workflow.spec.ts covers the day itself).
    await expect(page.getByRole('button', { name: 'Đánh dấu đã tổ chức' }).count()).resolves.toBe(0);
    await page.close();
  });
});
