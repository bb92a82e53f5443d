/**
 * The console's venue nomination and editing form and the leader assignment section of the venue page,
 * in Chromium against the API booted in-process (as console.browser-spec.ts): an organizer nominates a
 * venue in their province and edits it, a planner assigns leaders and invites one. Every refusal of the
 * API must show where the action was, with nothing typed lost.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { type Leader, RankTier } from '@app/leaders/leader.entities';
import { createEdition, createLeader, createUser } from '../utils/factories';
import { SmtpSink } from '../utils/smtp-sink';
import type { TestApp } from '../utils/test-app';
import { createTestWorker } from '../utils/test-worker';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Web console: venue form and leader assignment (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let organizer: User; // Điện Biên
  let viewer: User;
  let edition: Edition;
  let chief: Leader; // Vũ …: sorts after the accompanying leader by name, so "chief guest first" is the role's doing
  let companion: Leader;
  let busy: Leader; // unavailable on the venue's day
  let venueId: string; // nominated through the console in the first test
  const problems: string[] = [];

  const openPage = () => watchedPage(context, problems);

  const logIn = (page: Page, email: string) => logInAs(page, base, email, edition.id);

  const fieldError = (page: Page, field: string) => page.locator(`.venue-form [data-field="${field}"]`);

  beforeAll(async () => {
    ({ t, base } = await startConsole());

    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Đỗ Thị Điều Phối' });
    organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '11', { fullName: 'Quàng Văn Đề Xuất' });
    viewer = await createUser(t.dataSource, Role.Viewer, null, { fullName: 'Hà Văn Theo Dõi' });
    edition = await createEdition(t.dataSource, { theme: 'Toàn dân bảo vệ an ninh Tổ quốc (thử biểu mẫu điểm)' });
    const day = `${edition.year}-08-12`;
    chief = await createLeader(t.dataSource, { fullName: 'Đồng chí Vũ Văn Chính', rankTier: RankTier.Politburo, position: 'Ủy viên Bộ Chính trị' });
    companion = await createLeader(t.dataSource, { fullName: 'Đồng chí An Thị Đi Cùng', position: 'Thứ trưởng Bộ Công an' });
    busy = await createLeader(t.dataSource, { fullName: 'Đồng chí Phạm Văn Bận', position: 'Bộ trưởng' }, [[day, day]]);
    const token = await t.tokenFor(planner);
    await t.http
      .put(`/api/editions/${edition.id}/leaders/${chief.id}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Ủy viên Bộ Chính trị, Thường trực Ban Bí thư' })
      .expect(200);

    context = await launchChromium();
  });

  afterAll(async () => {
    await context?.close();
    // Other suites count rows across the shared test database (active organizers per province, pending
    // reminders and e-mails a worker would send): leave nothing of this suite that they would count.
    if (edition) {
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = ANY($1)`, [[planner.id, organizer.id, viewer.id]]);
      await t.dataSource.query(`UPDATE leaders SET active = false WHERE id = ANY($1)`, [[chief.id, companion.id, busy.id]]);
      await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
      await t.dataSource.query(
        `UPDATE invitation_messages SET status = 'superseded' WHERE status = 'pending' AND invitation_id IN (SELECT id FROM invitations WHERE edition_id = $1)`,
        [edition.id],
      );
    }
    await t?.close();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]); // no script errors, nothing the CSP refused
  });

  it('an organizer nominates a venue in their province: the refusals show under each field, nothing typed is lost', async () => {
    const year = edition.year;
    const page = await openPage();
    await logIn(page, organizer.email);
    await page.getByRole('link', { name: 'Đề xuất điểm tổ chức' }).click();
    await page.waitForURL(/\/diem\/moi$/);
    const form = page.getByRole('form', { name: 'Đề xuất điểm tổ chức' });
    await expect(form.getByRole('heading').textContent()).resolves.toBe(`Đề xuất điểm tổ chức — đợt năm ${year}`);
    // The organizer's province is fixed.
    const province = form.locator('[name="provinceCode"]');
    await page.waitForFunction(`document.querySelector('input[name="provinceCode"]')?.value === 'Điện Biên'`); // named once the provinces load
    await expect(province.getAttribute('readonly')).resolves.not.toBeNull();

    await form.getByLabel('Tên điểm tổ chức').fill('Đi');
    await form.getByLabel('Địa chỉ').fill('Nhà văn hóa bản Mường Phăng');
    await form.getByLabel('Vĩ độ').fill('200');
    await form.getByLabel('Kinh độ').fill('103,1');
    await form.getByLabel('E-mail liên hệ').fill('khong-phai-email');
    await form.getByLabel('Số người dự kiến').fill('khoảng 800');
    await form.getByLabel('Ngày dự kiến').fill(`12/08/${year}`);
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();

    // What is not a number, and the host kind not chosen, are refused before anything is sent, under their fields.
    await fieldError(page, 'expectedAttendance').waitFor();
    await expect(form.locator('.form-error').getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    await expect(fieldError(page, 'expectedAttendance').textContent()).resolves.toContain('phải là số nguyên');
    await expect(fieldError(page, 'hostKind').textContent()).resolves.toContain('không được để trống');
    await expect(fieldError(page, 'name').count()).resolves.toBe(0); // nothing sent: the API has not judged the rest yet
    await expect(form.getByLabel('Số người dự kiến').inputValue()).resolves.toBe('khoảng 800');

    // Once read, the rest is the API's to refuse: under each field, nothing typed lost.
    await form.getByLabel('Số người dự kiến').fill('800');
    await form.locator('[name="hostKind"]').selectOption('ban');
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await fieldError(page, 'name').waitFor();
    await expect(form.locator('.form-error').getAttribute('data-code')).resolves.toBe('VALIDATION_FAILED');
    await expect(fieldError(page, 'name').textContent()).resolves.toContain('quá ngắn');
    await expect(fieldError(page, 'communeName').textContent()).resolves.toContain('quá ngắn');
    await expect(fieldError(page, 'latitude').textContent()).resolves.toContain('vĩ độ không hợp lệ');
    await expect(fieldError(page, 'contactEmail').textContent()).resolves.toContain('phải là địa chỉ e-mail hợp lệ');
    await expect(fieldError(page, 'longitude').count()).resolves.toBe(0); // "103,1" is a longitude
    await expect(fieldError(page, 'expectedAttendance').count()).resolves.toBe(0);
    expect(page.url()).toMatch(/\/diem\/moi$/);
    await expect(form.getByLabel('Tên điểm tổ chức').inputValue()).resolves.toBe('Đi');
    await expect(form.getByLabel('Vĩ độ').inputValue()).resolves.toBe('200');
    await expect(form.getByLabel('Số người dự kiến').inputValue()).resolves.toBe('800');
    await shot(page, '10-de-xuat-diem');

    await form.getByLabel('Tên điểm tổ chức').fill('Ngày hội bản Mường Phăng');
    await form.getByLabel('Xã, phường, đặc khu').fill('Xã Mường Phăng');
    await form.getByLabel('Thôn, bản, tổ dân phố').fill('Bản Mường Phăng');
    await form.locator('[name="hostKind"]').selectOption('ban');
    await form.getByLabel('Vĩ độ').fill('21,4');
    await form.getByLabel('E-mail liên hệ').fill('phongtrao@congan.dienbien.gov.vn');
    await form.getByLabel('Số người dự kiến').fill('1.200');
    await form.getByLabel('Miền núi').check();
    // A date that is not one is refused before anything is sent, under its field.
    await form.getByLabel('Ngày dự kiến').fill(`12/08/${year}, 32/08/${year}`);
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await expect(fieldError(page, 'candidateDates').textContent()).resolves.toContain(`không đọc được 32/08/${year}`);
    await expect(fieldError(page, 'name').count()).resolves.toBe(0);
    // A date outside the edition's window is the API's refusal (422), shown under the dates too.
    await form.getByLabel('Ngày dự kiến').fill(`01/01/${year}, 12/08/${year}`);
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await form.locator('.form-error[data-code="DATE_OUTSIDE_WINDOW"]').waitFor();
    await expect(form.locator('.form-error').textContent()).resolves.toContain('Ngày đề xuất phải nằm trong thời gian tổ chức của đợt Ngày hội.');
    await expect(fieldError(page, 'candidateDates').textContent()).resolves.toBe(`Ngoài thời gian tổ chức: 01/01/${year}`);

    // From here the organizer's pages must not even ask for the leaders register (planners' only).
    const leaderRegisterAsked: string[] = [];
    page.on('request', (request) => /\/api\/(leaders|editions\/[^/]+\/leaders)/.test(request.url()) && leaderRegisterAsked.push(request.url()));
    await form.getByLabel('Ngày dự kiến').fill(`12/08/${year}, 10/08/${year}`);
    await form.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await page.waitForURL(/\/diem\/[0-9a-f-]{36}$/);
    venueId = /\/diem\/([0-9a-f-]{36})$/.exec(page.url())![1];
    await page.getByRole('heading', { level: 1, name: 'Ngày hội bản Mường Phăng', exact: true }).waitFor();
    await expect(page.getByTestId('venue-status').textContent()).resolves.toBe('Được đề xuất');
    const details = page.locator('dl.details');
    await expect(details.textContent()).resolves.toContain('Bản Mường Phăng, Xã Mường Phăng, Điện Biên (Tây Bắc)');
    await expect(details.textContent()).resolves.toContain('1.200 người');
    await expect(details.textContent()).resolves.toContain('miền núi');
    await expect(page.getByTestId('venue-schedule').textContent()).resolves.toContain(`ngày dự kiến: 10/08/${year}, 12/08/${year}`);
    // An organizer learns who comes to their venue, but does not assign or invite.
    await expect(page.getByTestId('venue-leaders').textContent()).resolves.toContain('Chưa phân công lãnh đạo dự điểm này.');
    await expect(page.getByRole('form', { name: 'Phân công lãnh đạo' }).count()).resolves.toBe(0);
    await expect(page.getByTestId('venue-leaders').locator('.error-panel').count()).resolves.toBe(0);
    expect(leaderRegisterAsked).toEqual([]);

    const [saved] = await t.dataSource.query(
      `SELECT province_code, tier, region, latitude, longitude, expected_attendance, area_flags::text[] AS area_flags, nominated_by FROM venues WHERE id = $1`,
      [venueId],
    );
    expect(saved).toMatchObject({
      province_code: '11',
      tier: 'provincial',
      region: 'tay_bac',
      latitude: 21.4,
      longitude: 103.1,
      expected_attendance: 1200,
      nominated_by: organizer.id,
    });
    expect(saved.area_flags).toEqual(['mien_nui']);
    await page.close();
  });

  it('the organizer edits their venue: a refusal keeps the edit, the saved change shows on the venue page', async () => {
    const page = await openPage();
    await logIn(page, organizer.email);
    await page.getByTestId('venue-list').getByRole('link', { name: 'Ngày hội bản Mường Phăng' }).click();
    await page.getByRole('link', { name: 'Sửa thông tin' }).click();
    await page.waitForURL(new RegExp(`/diem/${venueId}/sua$`));
    const form = page.getByRole('form', { name: 'Sửa thông tin điểm tổ chức' });
    await expect(form.getByLabel('Tên điểm tổ chức').inputValue()).resolves.toBe('Ngày hội bản Mường Phăng');
    await expect(form.getByLabel('Ngày dự kiến').inputValue()).resolves.toBe(`10/08/${edition.year}, 12/08/${edition.year}`);
    await expect(form.getByLabel('Miền núi').isChecked()).resolves.toBe(true);
    await expect(form.locator('[name="tier"]').isDisabled()).resolves.toBe(true); // only planners change the tier
    await expect(form.getByRole('button', { name: 'Lưu thay đổi' }).isDisabled()).resolves.toBe(true); // nothing changed yet

    await form.getByLabel('Tên điểm tổ chức').fill('');
    await form.getByLabel('Số người dự kiến').fill('1.500');
    await form.getByLabel('Biên giới').check();
    await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(fieldError(page, 'name').textContent()).resolves.toContain('quá ngắn');
    await expect(form.getByLabel('Số người dự kiến').inputValue()).resolves.toBe('1.500');
    await expect(form.getByLabel('Biên giới').isChecked()).resolves.toBe(true);
    await shot(page, '10-sua-thong-tin-diem');

    await form.getByLabel('Tên điểm tổ chức').fill('Ngày hội bản Mường Phăng mở rộng');
    const [patch] = await Promise.all([
      page.waitForRequest((request) => request.method() === 'PATCH' && request.url().endsWith(`/api/venues/${venueId}`)),
      form.getByRole('button', { name: 'Lưu thay đổi' }).click(),
    ]);
    // The edit sends what changed and the version it started from, nothing else.
    expect(patch.postDataJSON()).toEqual({
      name: 'Ngày hội bản Mường Phăng mở rộng',
      expectedAttendance: 1500,
      areaFlags: ['bien_gioi', 'mien_nui'],
      version: 1,
    });
    await page.waitForURL(new RegExp(`/diem/${venueId}$`));
    await page.getByRole('heading', { level: 1, name: 'Ngày hội bản Mường Phăng mở rộng', exact: true }).waitFor();
    await expect(page.locator('dl.details').textContent()).resolves.toContain('1.500 người');
    await expect(page.locator('dl.details').textContent()).resolves.toContain('biên giới, miền núi');
    const [saved] = await t.dataSource.query(`SELECT name, expected_attendance, version FROM venues WHERE id = $1`, [venueId]);
    expect(saved).toEqual({ name: 'Ngày hội bản Mường Phăng mở rộng', expected_attendance: 1500, version: 2 });
    await page.close();
  });

  it('a planner assigns leaders (refusals in place), removes and reassigns one, and invites the chief guest', async () => {
    // Moving the venue to its date is the workflow's business (covered elsewhere): done through the API.
    const token = await t.tokenFor(planner);
    let version = (await t.http.get(`/api/venues/${venueId}`).set('Authorization', `Bearer ${token}`).expect(200)).body.version as number;
    for (const step of [{ to: 'shortlisted' }, { to: 'approved' }, { to: 'scheduled', date: `${edition.year}-08-12`, startTime: '07:30', endTime: '11:30' }]) {
      version = (
        await t.http
          .post(`/api/venues/${venueId}/transitions`)
          .set('Authorization', `Bearer ${token}`)
          .send({ ...step, version })
          .expect(200)
      ).body.version;
    }

    const page = await openPage();
    await logIn(page, planner.email);
    await page.goto(`${base}/diem/${venueId}`);
    const section = page.getByTestId('venue-leaders');
    await expect(section.textContent()).resolves.toContain('Chưa phân công lãnh đạo dự điểm này.');
    const form = page.getByRole('form', { name: 'Phân công lãnh đạo' });
    const leader = form.locator('[name="leaderId"]');
    const role = form.locator('[name="role"]');
    const rows = section.getByTestId('leader-row');
    await leader.locator('option', { hasText: 'Thường trực Ban Bí thư' }).waitFor({ state: 'attached' }); // the edition's title, once loaded
    // Per leader, from the API: appearances used / allowed this edition, free that day or not (issue 18).
    await expect(leader.locator(`option[value="${chief.id}"]`).textContent()).resolves.toMatch(
      new RegExp(`^Đồng chí Vũ Văn Chính — Ủy viên Bộ Chính trị, Thường trực Ban Bí thư · đã dự 0/\\d+ · rảnh ngày 12/08/${edition.year}$`),
    );
    await expect(leader.locator(`option[value="${busy.id}"]`).textContent()).resolves.toBe(
      `⚠ Đồng chí Phạm Văn Bận — Bộ trưởng · đã dự 0/1 · bận ngày 12/08/${edition.year}`,
    );

    await leader.selectOption(chief.id);
    await expect(role.inputValue()).resolves.toBe('chief_guest'); // no chief guest yet
    await form.getByRole('button', { name: 'Phân công' }).click();
    await rows.first().waitFor();
    await expect(section.getByRole('row', { name: 'Đồng chí Vũ Văn Chính' }).getByTestId('leader-role').textContent()).resolves.toBe('Lãnh đạo dự chính');
    await expect(leader.locator(`option[value="${chief.id}"]`).count()).resolves.toBe(0); // assigned leaders are not offered again

    // A second chief guest is refused, in place, and the choice stays.
    await leader.selectOption(companion.id);
    await role.selectOption('chief_guest');
    await form.getByRole('button', { name: 'Phân công' }).click();
    await form.locator('.form-error[data-code="CHIEF_GUEST_TAKEN"]').waitFor();
    await expect(form.locator('.form-error').textContent()).resolves.toContain('Điểm tổ chức này đã có đồng chí lãnh đạo dự chính.');
    await expect(leader.inputValue()).resolves.toBe(companion.id);
    await expect(rows.count()).resolves.toBe(1);
    // A leader unavailable that day: the picker says why before choosing, and the API refuses too.
    await leader.selectOption(busy.id);
    await expect(form.getByTestId('leader-option').textContent()).resolves.toContain(
      `Đã dự 0/1 lần trong đợt này · không rảnh ngày 12/08/${edition.year}.Bận ngày 12/08/${edition.year} (Công tác).`,
    );
    await role.selectOption('accompanying');
    await form.getByRole('button', { name: 'Phân công' }).click();
    await form.locator('.form-error[data-code="LEADER_UNAVAILABLE"]').waitFor();
    await expect(form.locator('.form-error').textContent()).resolves.toContain('Đồng chí Phạm Văn Bận bận vào ngày tổ chức');
    await shot(page, '11-phan-cong-lanh-dao');

    await leader.selectOption(companion.id);
    await form.getByRole('button', { name: 'Phân công' }).click();
    await section.getByRole('row', { name: 'Đồng chí An Thị Đi Cùng' }).waitFor();
    await expect(form.locator('.form-error').count()).resolves.toBe(0);
    await expect(rows.locator('strong').allTextContents()).resolves.toEqual(['Đồng chí Vũ Văn Chính', 'Đồng chí An Thị Đi Cùng']); // chief guest first
    await expect(section.getByTestId('leader-role').allTextContents()).resolves.toEqual(['Lãnh đạo dự chính', 'Đi cùng']);

    // Remove the chief guest, then assign them again.
    await section.getByRole('row', { name: 'Đồng chí Vũ Văn Chính' }).getByRole('button', { name: 'Bỏ phân công' }).click();
    await section.getByRole('row', { name: 'Đồng chí Vũ Văn Chính' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    await leader.locator(`option[value="${chief.id}"]`).waitFor({ state: 'attached' }); // offered again
    await leader.selectOption(chief.id);
    await role.selectOption('chief_guest');
    await form.getByRole('button', { name: 'Phân công' }).click();
    await section.getByRole('row', { name: 'Đồng chí Vũ Văn Chính' }).waitFor();
    await expect(rows.locator('strong').allTextContents()).resolves.toEqual(['Đồng chí Vũ Văn Chính', 'Đồng chí An Thị Đi Cùng']);

    // The chief guest's own invitation: drafted, then sent: queued, and "sent" once the worker has mailed it.
    const chiefRow = section.getByRole('row', { name: 'Đồng chí Vũ Văn Chính' });
    const companionRow = section.getByRole('row', { name: 'Đồng chí An Thị Đi Cùng' });
    await chiefRow.getByText('Chưa lập lời mời').waitFor();
    await chiefRow.getByRole('button', { name: 'Lập lời mời' }).click();
    await chiefRow.getByTestId('leader-invitation-status').getByText('Bản nháp').waitFor();
    await chiefRow.getByRole('button', { name: 'Gửi lời mời' }).click();
    await chiefRow.getByTestId('leader-invitation-status').getByText('Đang chờ gửi').waitFor();
    await expect(chiefRow.getByRole('button', { name: 'Lập lời mời' }).count()).resolves.toBe(0);
    await expect(companionRow.textContent()).resolves.toContain('Chưa lập lời mời');
    await shot(page, '11-loi-moi-lanh-dao');

    // The worker mails it through a real SMTP server; the page follows by itself (nothing is left queued).
    const sink = await new SmtpSink().start();
    const worker = await createTestWorker({ SMTP_URL: sink.url, MAIL_RETRY_DELAY_MS: '50' });
    try {
      await chiefRow.getByTestId('leader-invitation-status').getByText('Đã gửi').waitFor({ timeout: 30_000 });

      // Taking the invited chief guest off the venue asks first, then withdraws the invitation: a CANCEL goes out.
      await chiefRow.getByRole('button', { name: 'Bỏ phân công' }).click();
      const confirm = chiefRow.getByRole('group', { name: 'Xác nhận bỏ phân công' });
      await expect(confirm.textContent()).resolves.toContain('sẽ bị thu hồi và thư hủy lịch sẽ được gửi');
      await confirm.getByRole('button', { name: 'Xác nhận bỏ phân công' }).click();
      await chiefRow.waitFor({ state: 'detached' });
      const deadline = Date.now() + 15_000;
      // Only the chief guest's office counts: the worker may also send other suites' leftover mail.
      while (!sink.to(chief.officeEmail).some((mail) => mail.calendar?.method === 'CANCEL') && Date.now() < deadline)
        await new Promise((resume) => setTimeout(resume, 100));
    } finally {
      await worker.close();
      await sink.stop();
    }
    // The invitation and its cancellation; the office's calendar feed link comes in a letter of its own.
    const [feedLetters, letters] = [true, false].map((feed) =>
      sink.to(chief.officeEmail).filter((mail) => mail.parsed.headers.has('x-ngayhoi-calendar-feed') === feed),
    );
    expect(letters.map((mail) => mail.calendar?.method)).toEqual(['REQUEST', 'CANCEL']);
    expect(feedLetters.length).toBeLessThanOrEqual(1);
    expect(sink.to(companion.officeEmail)).toEqual([]); // not invited
    const invitations = await t.dataSource.query(`SELECT leader_id, role, status FROM invitations WHERE venue_id = $1`, [venueId]);
    expect(invitations).toEqual([{ leader_id: chief.id, role: 'chief_guest', status: 'withdrawn' }]);

    // Assigned again, the chief guest can be invited anew (the withdrawn invitation shows until then).
    await leader.selectOption(chief.id);
    await role.selectOption('chief_guest');
    await form.getByRole('button', { name: 'Phân công' }).click();
    await chiefRow.getByTestId('leader-invitation-status').getByText('Đã thu hồi').waitFor();
    await expect(chiefRow.getByRole('button', { name: 'Lập lời mời' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('organizers see who comes to their venue but assign and invite no one; viewers nominate and edit nothing and see no leaders', async () => {
    let page = await openPage();
    await logIn(page, organizer.email);
    await page.goto(`${base}/diem/${venueId}`);
    const section = page.getByTestId('venue-leaders');
    await section.getByTestId('leader-row').first().waitFor();
    await expect(section.getByTestId('leader-row').locator('strong').allTextContents()).resolves.toEqual(['Đồng chí Vũ Văn Chính', 'Đồng chí An Thị Đi Cùng']);
    await expect(section.getByRole('button').count()).resolves.toBe(0);
    await expect(section.getByTestId('leader-invitation-status').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Sửa thông tin' }).count()).resolves.toBe(1);

    await page.close();

    page = await openPage();
    await logIn(page, viewer.email);
    await page.getByTestId('venue-list').waitFor();
    await expect(page.getByRole('link', { name: 'Đề xuất điểm tổ chức' }).count()).resolves.toBe(0);
    await page.goto(`${base}/diem/${venueId}`);
    await page.getByTestId('venue-status').waitFor();
    // Viewers do not see leaders' movements (the API refuses them, as it refuses them the export).
    await expect(page.getByTestId('venue-leaders').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Sửa thông tin' }).count()).resolves.toBe(0);
    await page.goto(`${base}/diem/moi`);
    await page.getByText('Tài khoản xem không được đề xuất điểm tổ chức.').waitFor();
    await page.close();
  });
});
