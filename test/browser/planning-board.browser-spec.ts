/**
 * The planning board in a real browser (Debian's Chromium): a planner runs the solver with weights,
 * pins and bans, reads the proposal next to the plan in force (solved by the worker, issue 19), accepts
 * it, sees a stale proposal refused, cancels a waiting run, and follows a commune-tier run the worker
 * solves province by province.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { BrowserContext, Page } from 'playwright-core';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { Leader, LeaderParticipation, RankTier } from '@app/leaders/leader.entities';
import { Region } from '@app/provinces/region';
import type { Venue } from '@app/venues/venue.entity';
import { VenueStatus, VenueTier } from '@app/venues/venue.enums';
import { createEdition, createLeader, createUser, createVenue } from '../utils/factories';
import type { TestApp } from '../utils/test-app';
import { createTestWorker } from '../utils/test-worker';
import { launchChromium, logInAs, shot, startConsole, watchedPage } from './browser';

jest.setTimeout(90_000);

describe('Planning board (Chromium)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let base: string;
  let planner: User;
  let edition: Edition;
  let venues: Record<'laiChau' | 'dienBien' | 'dakLak', Venue>;
  let leaders: Record<'laiChau' | 'dienBien' | 'dakLak' | 'haNoi', Leader>;
  /** Every run is solved by the worker; some tests stop it to see a run wait. */
  let worker: INestApplicationContext | undefined;
  const problems: string[] = [];
  /** The venue lists the board's page asked the API for (issue 18: never the whole edition). */
  let venueRequests: URL[] = [];

  async function openBoard(): Promise<Page> {
    const page = await watchedPage(context, problems);
    venueRequests = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      // The board's own requests (logging in lands on the overview, which asks for its page of the list first).
      if (url.pathname === '/api/venues' && new URL(page.url()).pathname === '/lap-ke-hoach') venueRequests.push(url);
    });
    await logInAs(page, base, planner.email, edition.id);
    await page.getByRole('link', { name: 'Lập kế hoạch' }).click();
    await page.getByRole('form', { name: 'Thiết lập lượt lập kế hoạch' }).waitFor();
    return page;
  }

  const form = (page: Page) => page.getByRole('form', { name: 'Thiết lập lượt lập kế hoạch' });

  /** Every venue list the board asked for was one page (of at most 50) of the live venues of a tier, never the edition page by page. */
  function expectOnlyPlannablePages(): void {
    expect(venueRequests.length).toBeGreaterThan(0);
    expect(venueRequests.length).toBeLessThanOrEqual(4);
    for (const url of venueRequests) {
      expect({
        editionId: url.searchParams.get('editionId'),
        tier: url.searchParams.get('tier') !== null,
        status: url.searchParams.getAll('status').sort(),
        page: url.searchParams.get('page'),
        pageSize: Number(url.searchParams.get('pageSize')),
      }).toEqual({ editionId: edition.id, tier: true, status: ['approved', 'scheduled'], page: null, pageSize: 50 });
    }
  }
  const row = (page: Page, venue: Venue) => page.getByTestId('plan-comparison').getByRole('row', { name: venue.name, exact: true });

  async function participate(leader: Leader): Promise<Leader> {
    await t.dataSource.getRepository(LeaderParticipation).save({ editionId: edition.id, leaderId: leader.id, title: leader.position });
    return leader;
  }

  beforeAll(async () => {
    ({ t, base } = await startConsole());
    planner = await createUser(t.dataSource, Role.CentralPlanner, null, { fullName: 'Trần Văn Lập Kế Hoạch' });
    edition = await createEdition(t.dataSource, { theme: 'Thử bảng lập kế hoạch' });
    const day = (d: number) => `${edition.year}-08-${d}`;
    const approved = (province: string, name: string, dates: number[], extra: Partial<Venue> = {}) =>
      createVenue(t.dataSource, edition, province, { name, status: VenueStatus.Approved, candidateDates: dates.map(day), ...extra });
    venues = {
      laiChau: await approved('12', 'Điểm bản Nậm Cang', [10, 11], { latitude: 22.39, longitude: 103.45 }),
      dienBien: await approved('11', 'Điểm bản Mường Phăng', [10, 12], { latitude: 21.4, longitude: 103.1 }),
      dakLak: await approved('66', 'Điểm buôn Ako Dhông', [11, 12], { region: Region.TayNguyen, latitude: 12.7, longitude: 108.05 }),
    };
    const member = (fullName: string, homeProvinceCode: string) =>
      createLeader(t.dataSource, { fullName, homeProvinceCode, rankTier: RankTier.CentralCommittee });
    leaders = {
      laiChau: await participate(await member('Đồng chí Lò Văn Quê', '12')),
      dienBien: await participate(await member('Đồng chí Lường Thị Bản', '11')),
      dakLak: await participate(await member('Đồng chí Y Buôn', '66')),
      haNoi: await participate(await member('Đồng chí Nguyễn Thủ Đô', '01')),
    };
    context = await launchChromium();
    worker = await createTestWorker();
  });

  afterAll(async () => {
    await worker?.close();
    await context?.close();
    if (edition) {
      // Other suites count across the shared test database: nothing of this suite may stay active.
      await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [planner.id]);
      await t.dataSource.query(`UPDATE reminders SET status = 'cancelled' WHERE edition_id = $1 AND status = 'pending'`, [edition.id]);
    }
    await t?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('shows the API validation messages under the fields, then proposes home-province leaders next to the empty plan and accepts them', async () => {
    const page = await openBoard();
    await form(page)
      .getByTestId('plannable-count')
      .getByText(/^3 điểm đã phê duyệt/)
      .waitFor();
    await form(page).getByLabel('Dàn đều theo ngày').fill('nhiều');
    await form(page).getByLabel('Số lãnh đạo cấp cao tối đa mỗi ngày (toàn quốc)').fill('-1');
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    // "nhiều" is not a number: refused before anything is sent; then the API refuses a cap below zero.
    await expect(form(page).locator('[data-field="weights.spread"]').textContent()).resolves.toContain('phải là số');
    await expect(form(page).locator('[data-field="maxTopTierPerDay"]').count()).resolves.toBe(0);
    await expect(form(page).getByLabel('Dàn đều theo ngày').inputValue()).resolves.toBe('nhiều'); // nothing typed is lost
    await form(page).getByLabel('Dàn đều theo ngày').fill('2,5');
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    await expect(form(page).locator('[data-field="maxTopTierPerDay"]').textContent()).resolves.toContain('giá trị quá nhỏ');
    await expect(form(page).locator('[data-field="weights.spread"]').count()).resolves.toBe(0);

    await form(page).getByLabel('Dàn đều theo ngày').fill('');
    await form(page).getByLabel('Số lãnh đạo cấp cao tối đa mỗi ngày (toàn quốc)').fill('');
    await form(page).getByLabel('Gắn bó với địa phương').fill('10');
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    // The worker solves it (its solver thread starts with this first run): the board polls until then.
    await page.getByTestId('run-status').getByText('Chờ chấp nhận').waitFor({ timeout: 60_000 });
    await expect(page.locator('.field-error').count()).resolves.toBe(0);

    // Side by side: nothing in force yet, the proposal gives each venue its own province's leader.
    await expect(page.getByTestId('comparison-row').count()).resolves.toBe(3);
    for (const [key, venue] of Object.entries(venues)) {
      const cells = await row(page, venue).locator('td').allTextContents();
      expect(cells[2]).toContain('Chưa có lãnh đạo dự chính');
      expect(cells[4]).toBe(leaders[key as keyof typeof leaders].fullName);
    }
    await expect(page.getByTestId('run-summary').textContent()).resolves.toContain('Phương án mới: 3 phân công lãnh đạo cho 3 điểm tổ chức');
    await expect(page.getByTestId('uncovered-count').textContent()).resolves.toBe('0');
    await expect(page.getByTestId('changed-count').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('objective-breakdown').textContent()).resolves.toContain('Gắn bó với địa phương');
    await shot(page, '09-lap-ke-hoach-phuong-an');
    expectOnlyPlannablePages();

    await page.getByRole('button', { name: 'Chấp nhận phương án' }).click();
    await page.getByRole('button', { name: 'Xác nhận chấp nhận (3 điểm thay đổi)' }).click();
    await page.getByTestId('accepted-note').waitFor();
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Đã chấp nhận');
    const chiefs = await t.dataSource.query(`SELECT venue_id, leader_id FROM venue_leader_assignments WHERE role = 'chief_guest' AND venue_id = ANY($1)`, [
      Object.values(venues).map((venue) => venue.id),
    ]);
    expect(chiefs).toHaveLength(3);
    expect(chiefs).toContainEqual({ venue_id: venues.laiChau.id, leader_id: leaders.laiChau.id });

    // The venues are scheduled on the proposed dates, as the venue page shows.
    await row(page, venues.dakLak).getByRole('link', { name: venues.dakLak.name }).click();
    await expect(page.getByTestId('venue-status').textContent()).resolves.toBe('Đã xếp lịch');
    await page.close();
  });

  it('repairs the plan around a ban with one change, highlights it, and refuses a proposal the plan has moved away from', async () => {
    const page = await openBoard();
    const bans = page.getByTestId('bans');
    await bans.getByRole('button', { name: 'Thêm điều kiện không phân công' }).click();
    await bans.getByLabel('Lãnh đạo không phân công 1').selectOption(leaders.laiChau.id);
    await bans.getByLabel('Điểm không phân công 1').selectOption(venues.laiChau.id);
    // The choices are the API's, searched there (without diacritics); a venue chosen stays chosen when a search leaves it out.
    await form(page).getByLabel('Tìm điểm để cố định hoặc không phân công').fill('muong phang');
    await form(page).getByTestId('venue-choices').getByText('1 điểm phù hợp.').waitFor();
    const choices = bans.getByLabel('Điểm không phân công 1').locator('option');
    await expect(choices.allTextContents()).resolves.toEqual([venues.laiChau.name, venues.dienBien.name]);
    await expect(bans.getByLabel('Điểm không phân công 1').inputValue()).resolves.toBe(venues.laiChau.id);
    await form(page).getByLabel('Tìm điểm để cố định hoặc không phân công').fill('');
    await form(page).getByTestId('venue-choices').getByText('3 điểm phù hợp.').waitFor();
    await expect(choices.count()).resolves.toBe(3);
    expect(venueRequests.some((url) => url.searchParams.get('q') === 'muong phang')).toBe(true);
    expectOnlyPlannablePages();
    await form(page).getByLabel('Gắn bó với địa phương').fill('10');
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    await page.getByTestId('run-status').getByText('Chờ chấp nhận').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('run-summary').textContent()).resolves.toContain('thay đổi 1 phân công');
    await expect(page.getByTestId('changed-count').textContent()).resolves.toBe('1');
    const changed = row(page, venues.laiChau);
    await expect(changed.getAttribute('class')).resolves.toBe('changed');
    await expect(changed.locator('td').nth(2).textContent()).resolves.toBe(leaders.laiChau.fullName);
    await expect(changed.locator('td').nth(4).textContent()).resolves.not.toBe(leaders.laiChau.fullName);
    // …but another leader taking part: the venue is not simply left without a chief guest.
    await expect(changed.locator('td').nth(4).textContent()).resolves.toMatch(/^Đồng chí (Lường Thị Bản|Y Buôn|Nguyễn Thủ Đô)$/);
    await expect(page.getByTestId('uncovered-count').textContent()).resolves.toBe('0');
    await page.getByLabel('Chỉ hiện điểm thay đổi').check();
    await expect(page.getByTestId('comparison-row').count()).resolves.toBe(1);
    await shot(page, '09-lap-ke-hoach-dieu-chinh');

    // Someone changes the plan in force before the planner accepts: the proposal is refused, in place.
    const token = await t.tokenFor(planner);
    await t.http.delete(`/api/venues/${venues.dienBien.id}/leaders/${leaders.dienBien.id}`).set('Authorization', `Bearer ${token}`).expect(204);
    await page.getByRole('button', { name: 'Chấp nhận phương án' }).click();
    await page.getByRole('button', { name: /Xác nhận chấp nhận/ }).click();
    const refusal = page.locator('[data-testid="planning-run"] .form-error[data-code="PLANNING_RUN_STALE"]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('Vui lòng lập lại phương án');
    await page.getByTestId('planning-runs').locator('tbody tr').nth(1).waitFor();
    await expect(page.getByTestId('planning-runs').locator('tbody tr').count()).resolves.toBe(2);
    await page.close();
  });

  it('a planner adds a leader with their busy days, invites them to the edition, and cannot take out one still assigned', async () => {
    const page = await openBoard();
    await page.getByRole('link', { name: 'Lãnh đạo', exact: true }).click();
    await expect(page.getByTestId('participation-count').textContent()).resolves.toContain('4 đồng chí tham gia');
    await page.getByRole('button', { name: 'Thêm lãnh đạo' }).click();
    const create = page.getByRole('form', { name: 'Thêm lãnh đạo' });
    await create.getByLabel('Họ và tên').fill('Đồng chí Hà Thị Mới');
    await create.getByLabel('Chức vụ').fill('Phó Chủ tịch Quốc hội');
    await create.getByLabel('Cơ quan').fill('Quốc hội');
    await create.getByLabel('E-mail văn phòng').fill('khong-phai-email');
    await create.getByRole('button', { name: 'Thêm thời gian bận' }).click();
    await create.getByLabel('Bận từ ngày 1').fill(`32/08/${edition.year}`);
    await create.getByLabel('Bận đến ngày 1').fill(`12/08/${edition.year}`);
    await create.getByRole('button', { name: 'Thêm lãnh đạo' }).click();
    await expect(create.locator('[data-field="unavailability.0.startDate"]').textContent()).resolves.toContain('dd/mm/yyyy');
    await create.getByLabel('Bận từ ngày 1').fill(`10/08/${edition.year}`);
    await create.getByRole('button', { name: 'Thêm lãnh đạo' }).click();
    await expect(create.locator('[data-field="officeEmail"]').textContent()).resolves.toContain('phải là địa chỉ e-mail hợp lệ');
    await create.getByLabel('E-mail văn phòng').fill('vp.phochutichqh@quochoi.example.vn');
    await create.getByLabel('Quê quán').selectOption('12');
    await create.getByLabel('Nơi công tác (xuất phát đi dự)').selectOption('79');
    await create.getByRole('button', { name: 'Thêm lãnh đạo' }).click();

    // The list shows the new record (filtered to its name), the form closed.
    const added = page.getByTestId('leaders-table').getByRole('row', { name: 'Đồng chí Hà Thị Mới', exact: true });
    await added.waitFor();
    await expect(page.getByRole('form', { name: 'Thêm lãnh đạo' }).count()).resolves.toBe(0);
    await added.getByText(`10/08/${edition.year}–12/08/${edition.year}`).waitFor();
    await expect(added.textContent()).resolves.toContain('Công tác tại: Thành phố Hồ Chí Minh');
    const [{ base_province_code: base }] = await t.dataSource.query(`SELECT base_province_code FROM leaders WHERE full_name = 'Đồng chí Hà Thị Mới'`);
    expect(base).toBe('79');
    await added.getByRole('button', { name: 'Mời tham gia đợt' }).click();
    const join = page.getByRole('form', { name: 'Tham gia đợt: Đồng chí Hà Thị Mới' });
    await expect(join.getByLabel('Chức danh khi mời').inputValue()).resolves.toBe('Phó Chủ tịch Quốc hội');
    await join.getByLabel('Số điểm tối đa').fill('0');
    await join.getByRole('button', { name: 'Lưu' }).click();
    await expect(join.locator('[data-field="maxAppearances"]').textContent()).resolves.toContain('giá trị quá nhỏ');
    await join.getByLabel('Số điểm tối đa').fill('2');
    await join.getByRole('button', { name: 'Lưu' }).click();
    await added.getByTestId('participation').getByText('Tối đa 2 điểm').waitFor();
    await page
      .getByTestId('participation-count')
      .getByText(/^5 đồng chí tham gia/)
      .waitFor();
    await shot(page, '10-lanh-dao');

    // A leader the accepted plan sends to a venue stays in the edition until unassigned.
    await page.getByLabel('Tìm theo tên, chức vụ, cơ quan').fill(leaders.dakLak.fullName);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const assigned = page.getByTestId('leaders-table').getByRole('row', { name: leaders.dakLak.fullName, exact: true });
    await assigned.getByRole('button', { name: 'Đưa ra khỏi đợt' }).click();
    const asked = page.getByRole('dialog');
    await expect(asked.textContent()).resolves.toContain(`Đưa đồng chí ${leaders.dakLak.fullName} ra khỏi đợt`); // asks first, naming them
    await asked.getByRole('button', { name: 'Đưa ra khỏi đợt', exact: true }).click();
    const refusal = assigned.locator('.form-error[data-code="LEADER_STILL_ASSIGNED"]');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('vẫn đang được phân công dự 1 điểm');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM leader_participations WHERE edition_id = $1`, [edition.id]);
    expect(n).toBe(5);
    await page.close();
  });

  it('cancels a run waiting for the worker, after a confirmation', async () => {
    await worker?.close();
    worker = undefined;
    const page = await openBoard();
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Đang chờ xử lý');
    await page.getByRole('button', { name: 'Huỷ lượt lập kế hoạch' }).click();
    await page.getByRole('button', { name: 'Không huỷ' }).click(); // asks first; changing one's mind keeps it
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Đang chờ xử lý');
    await page.getByRole('button', { name: 'Huỷ lượt lập kế hoạch' }).click();
    await page.getByRole('button', { name: 'Xác nhận huỷ lượt lập kế hoạch' }).click();
    await page.getByTestId('cancelled-note').waitFor();
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Đã huỷ');
    await expect(page.getByRole('button', { name: 'Huỷ lượt lập kế hoạch' }).count()).resolves.toBe(0);
    await page.getByTestId('planning-runs').locator('tbody tr').first().getByText('Đã huỷ').waitFor();
    const [{ status }] = await t.dataSource.query(`SELECT status FROM planning_runs WHERE edition_id = $1 ORDER BY created_at DESC LIMIT 1`, [edition.id]);
    expect(status).toBe('cancelled');
    await page.close();
  });

  it('pins a venue to a day with the date field (typed, then picked on the calendar): the pin reaches the API as that day', async () => {
    // No worker since the last test: the run waits in the queue as the planner sent it.
    const year = edition.year;
    const page = await openBoard();
    const pins = page.getByTestId('date-pins');
    await pins.getByRole('button', { name: 'Thêm ngày cố định' }).click();
    await pins.getByLabel('Điểm cố định ngày 1').selectOption(venues.dakLak.id);
    const day = pins.locator('input[aria-label="Ngày cố định 1"]');
    await day.fill(`11/8/${year}`);
    await day.press('Tab');
    await expect(day.inputValue()).resolves.toBe(`11/08/${year}`); // shown as it will be read
    // The calendar opens on the typed day's month, inside the edition's window; the day picked replaces the one typed.
    await pins.getByRole('button', { name: 'Mở lịch' }).click();
    const calendar = page.getByRole('dialog', { name: 'Ngày cố định 1' });
    await expect(calendar.locator('.rdp-caption_label').textContent()).resolves.toBe(`Tháng 8 năm ${year}`);
    await expect(calendar.locator(`td[data-day="${year}-08-20"] button`).isDisabled()).resolves.toBe(true); // after the window
    await calendar.locator(`td[data-day="${year}-08-12"] button`).click();
    await calendar.waitFor({ state: 'hidden' });
    await expect(day.inputValue()).resolves.toBe(`12/08/${year}`);

    const sent = page.waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === `/api/editions/${edition.id}/planning-runs`,
    );
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    const response = await sent;
    const pinned = [{ venueId: venues.dakLak.id, date: `${year}-08-12` }];
    expect(response.request().postDataJSON().datePins).toEqual(pinned);
    expect(response.status()).toBe(201);
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Đang chờ xử lý');
    const { id: runId } = await response.json();
    const [{ request }] = await t.dataSource.query(`SELECT request FROM planning_runs WHERE id = $1`, [runId]);
    expect(request.datePins).toEqual(pinned); // what the solver will read

    // Not left waiting for the next test's worker.
    await t.http
      .post(`/api/editions/${edition.id}/planning-runs/${runId}/cancel`)
      .set('Authorization', `Bearer ${await t.tokenFor(planner)}`)
      .expect(200);
    await page.close();
  });

  it('queues a commune-tier run for the worker, shows it waiting, then the proposal solved province by province', async () => {
    const day = (d: number) => `${edition.year}-08-${d}`;
    const commune = (province: string, name: string) =>
      createVenue(t.dataSource, edition, province, { name, status: VenueStatus.Approved, tier: VenueTier.Commune, candidateDates: [day(10), day(11)] });
    await commune('12', 'Xã Sìn Hồ');
    await commune('66', 'Xã Ea Súp');
    await participate(await createLeader(t.dataSource, { fullName: 'Cán bộ tỉnh Lai Châu', homeProvinceCode: '12', rankTier: RankTier.Provincial }));
    await participate(await createLeader(t.dataSource, { fullName: 'Cán bộ tỉnh Đắk Lắk', homeProvinceCode: '66', rankTier: RankTier.Provincial }));

    const page = await openBoard();
    await form(page).getByLabel('Cấp điểm tổ chức').selectOption(VenueTier.Commune);
    await form(page).getByLabel('Cấp lãnh đạo dự chính tối thiểu').selectOption(RankTier.Provincial);
    await form(page).getByRole('button', { name: 'Chạy lập kế hoạch' }).click();
    // No worker yet: the run waits in the queue and the board says so.
    await expect(page.getByTestId('run-status').textContent()).resolves.toBe('Đang chờ xử lý');
    await page.getByRole('status').getByText('Đang chờ máy xử lý nền nhận lượt lập kế hoạch…').waitFor();
    await shot(page, '09-lap-ke-hoach-cho-xu-ly');

    try {
      worker = await createTestWorker();
      await page.getByTestId('run-status').getByText('Chờ chấp nhận').waitFor({ timeout: 60_000 });
      await expect(page.getByTestId('run-summary').textContent()).resolves.toContain('2 tỉnh, thành phố');
      await expect(page.getByTestId('comparison-row').count()).resolves.toBe(2);
      await expect(
        row(page, { name: 'Xã Sìn Hồ' } as Venue)
          .locator('td')
          .nth(4)
          .textContent(),
      ).resolves.toMatch(/^(Cán bộ tỉnh Lai Châu|Đồng chí Lò Văn Quê)$/); // one of Lai Châu's own
      await expect(page.getByTestId('planning-runs').locator('tbody tr').first().textContent()).resolves.toContain('Cấp xã');
    } finally {
      await worker?.close();
      worker = undefined;
    }
    await page.close();
  });
});
