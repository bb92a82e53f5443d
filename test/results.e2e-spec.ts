import { parse as parseContentDisposition } from 'content-disposition';
import ExcelJS from 'exceljs';
import { Role } from '@app/auth';
import { Edition } from '@app/editions/edition.entity';
import { Region } from '@app/provinces';
import { Venue } from '@app/venues/venue.entity';
import { VenueStatus, VenueTier } from '@app/venues';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { binary, pdfText } from './utils/documents';
import { createTestApp, TestApp } from './utils/test-app';

/**
 * Issue 20, results and comparison: a venue records its attendance, figures and short report from its
 * day on (its province and planners, optimistic locking), and an edition's report sums them with the
 * leaders who came, the budget and the tasks done in time, per province and region, as JSON, XLSX and
 * PDF; two editions side by side.
 */
describe('Results: a venue’s result, the edition report, two editions compared', () => {
  let t: TestApp;
  let edition: Edition;
  let previous: Edition;
  let planner: string;
  let organizer: string;
  let otherOrganizer: string;
  let viewer: string;
  const past = '2026-08-19'; // before today: the day has come

  beforeAll(async () => {
    t = await createTestApp();
    previous = await createEdition(t.dataSource);
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    organizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    otherOrganizer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '14'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(() => t.close());

  const result = (venue: Venue) => `/api/venues/${venue.id}/result`;
  const record = {
    attendance: 1200,
    awardedCollectives: 3,
    awardedIndividuals: 12,
    summary: 'Ngày hội diễn ra an toàn, trang trọng; ký kết giao ước thi đua giữa các bản.',
  };

  async function acceptedLeaderAt(venue: Venue): Promise<void> {
    const leader = await createLeader(t.dataSource);
    await t.dataSource.query(
      `INSERT INTO invitations (edition_id, venue_id, leader_id, delegate_name, delegate_email, role, status, uid, rsvp_token_hash, rsvp_expires_at)
       VALUES ($1, $2, $3, $4, $5, 'chief_guest', 'accepted', gen_random_uuid()::text, gen_random_uuid()::text, now() + interval '30 days')`,
      [venue.editionId, venue.id, leader.id, leader.fullName, leader.officeEmail],
    );
  }

  async function budgetLine(venue: Venue, planned: number, actual: number | null): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO budget_lines (venue_id, edition_id, category, description, planned_vnd, actual_vnd, funding_source) VALUES ($1, $2, 'reception', 'Đón tiếp', $3, $4, 'provincial_budget')`,
      [venue.id, venue.editionId, planned, actual],
    );
  }

  /** A task due on `due`, done at `doneAt` (an instant) or not done. */
  async function task(venue: Venue, due: string, doneAt: string | null): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, done_at) VALUES ($1, $2, 'Việc thử', 'Công an tỉnh', $3, $4, $5)`,
      [venue.id, venue.editionId, due, doneAt ? 'done' : 'todo', doneAt],
    );
  }

  it('records a venue’s result from its day on, for its province and planners, one version at a time', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: past });
    const future = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });

    const before = (await t.http.get(result(venue)).set('Authorization', organizer).expect(200)).body;
    expect(before).toMatchObject({ recorded: false, canRecord: true, refusal: null, attendance: 0, version: 0 });

    const early = await t.http.put(result(future)).set('Authorization', organizer).send(record).expect(409);
    expect(early.body).toMatchObject({ code: 'RESULT_BEFORE_DAY', message: `Chỉ ghi kết quả từ ngày tổ chức (12/08/${edition.year}) trở đi.` });
    expect((await t.http.get(result(future)).set('Authorization', organizer).expect(200)).body).toMatchObject({
      canRecord: false,
      refusal: early.body.message,
    });

    await t.http.put(result(venue)).set('Authorization', otherOrganizer).send(record).expect(403);
    await t.http.put(result(venue)).set('Authorization', viewer).send(record).expect(403);
    await t.http.get(result(venue)).set('Authorization', otherOrganizer).expect(403);
    const invalid = await t.http
      .put(result(venue))
      .set('Authorization', organizer)
      .send({ ...record, attendance: -1, extra: 1 })
      .expect(400);
    expect(JSON.stringify(invalid.body.details)).toContain('attendance');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM venue_results WHERE venue_id = $1`, [venue.id]))[0].n).toBe(0); // nothing kept of bad input

    const first = (await t.http.put(result(venue)).set('Authorization', organizer).send(record).expect(200)).body;
    expect(first).toMatchObject({ recorded: true, attendance: 1200, awardedCollectives: 3, awardedIndividuals: 12, version: 1 });
    // A second first record (another organizer who had not reloaded) is told, not applied.
    await t.http
      .put(result(venue))
      .set('Authorization', planner)
      .send({ ...record, attendance: 5 })
      .expect(428);
    const corrected = (
      await t.http
        .put(result(venue))
        .set('Authorization', planner)
        .send({ ...record, attendance: 1250, version: 1 })
        .expect(200)
    ).body;
    expect(corrected).toMatchObject({ attendance: 1250, version: 2 });
    await t.http
      .put(result(venue))
      .set('Authorization', organizer)
      .send({ ...record, attendance: 1, version: 1 })
      .expect(409);
    expect((await t.http.get(result(venue)).set('Authorization', viewer).expect(200)).body).toMatchObject({ attendance: 1250, canRecord: false });

    const audit = await auditEntriesFor(t.dataSource, 'venue', venue.id);
    expect(audit.map((entry: { note: string | null }) => entry.note)).toEqual(expect.arrayContaining(['Ghi kết quả Ngày hội', 'Sửa kết quả Ngày hội']));

    const cancelled = await createVenue(t.dataSource, edition, '12', { scheduleOn: past, status: VenueStatus.Cancelled });
    expect((await t.http.put(result(cancelled)).set('Authorization', organizer).send(record).expect(409)).body.code).toBe('VENUE_NOT_HELD');
  });

  it('sums the report per province and region with leaders’ coverage, budget and tasks in time; organizers get their province; XLSX and PDF say the same', async () => {
    const a = await createVenue(t.dataSource, previous, '12', { scheduleOn: past, status: VenueStatus.Held, region: Region.TayBac });
    const b = await createVenue(t.dataSource, previous, '12', { scheduleOn: past, tier: VenueTier.Commune, region: Region.TayBac });
    const c = await createVenue(t.dataSource, previous, '66', { scheduleOn: past, region: Region.TayNguyen });
    await createVenue(t.dataSource, previous, '66', { scheduleOn: past, region: Region.TayNguyen, status: VenueStatus.Cancelled });
    await createVenue(t.dataSource, previous, '66', { region: Region.TayNguyen, status: VenueStatus.Rejected });
    await t.http.put(result(a)).set('Authorization', organizer).send(record).expect(200);
    await t.http.put(result(c)).set('Authorization', planner).send({ attendance: 800, summary: 'Ngày hội ở Tây Nguyên diễn ra an toàn.' }).expect(200);
    await acceptedLeaderAt(a);
    await budgetLine(a, 100_000_000, 90_000_000);
    await budgetLine(b, 20_000_000, null);
    await budgetLine(c, 60_000_000, 10_000_000);
    await task(a, '2026-08-10', '2026-08-10T16:30:00Z'); // 23:30 in Vietnam on its due day: in time
    await task(a, '2026-08-10', '2026-08-10T17:30:00Z'); // 00:30 the next day: late
    await task(c, '2026-08-10', null);
    await task(c, '2026-08-10', '2026-08-01T02:00:00Z');

    const report = (await t.http.get(`/api/editions/${previous.id}/report`).set('Authorization', planner).expect(200)).body;
    expect(report).toMatchObject({ editionId: previous.id, year: previous.year, scopeName: 'Toàn quốc' });
    expect(report.total).toMatchObject({
      venues: 3,
      held: 1,
      cancelled: 1,
      reported: 2,
      attendance: 2000,
      centralVenues: 2,
      centralVenuesWithLeader: 1,
      leaderCoverage: 0.5,
      budgetPlannedVnd: 180_000_000,
      budgetActualVnd: 100_000_000,
      budgetPerVenueVnd: 60_000_000,
      tasks: 4,
      tasksOnTime: 2,
      onTimeRate: 0.5,
    });
    const laiChau = report.provinces.find((line: { key: string }) => line.key === '12');
    expect(laiChau).toMatchObject({ name: 'Lai Châu', venues: 2, attendance: 1200, leaderCoverage: 1, tasks: 2, tasksOnTime: 1 });
    expect(report.regions.map((line: { name: string }) => line.name)).toContain('Tây Nguyên');
    expect(report.regions.find((line: { key: string }) => line.key === String(Region.TayNguyen))).toMatchObject({ venues: 1, cancelled: 1, attendance: 800 });

    const own = (await t.http.get(`/api/editions/${previous.id}/report`).set('Authorization', organizer).expect(200)).body;
    expect(own.scopeName).toBe('Lai Châu');
    expect(own.provinces.map((line: { key: string }) => line.key)).toEqual(['12']);
    expect(own.total).toMatchObject({ name: 'Lai Châu', venues: 2, attendance: 1200 });
    await t.http.get(`/api/editions/${previous.id}/report`).set('Authorization', viewer).expect(200);
    await t.http.get(`/api/editions/${previous.id}/report?format=doc`).set('Authorization', planner).expect(400);
    await t.http.get(`/api/editions/00000000-0000-4000-8000-000000000000/report`).set('Authorization', planner).expect(404);

    const xlsx = await t.http.get(`/api/editions/${previous.id}/report?format=xlsx`).set('Authorization', planner).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-disposition']).toContain(`attachment; filename=bao-cao-ngay-hoi-${previous.year}.xlsx;`); // ASCII for old clients
    expect(parseContentDisposition(xlsx.headers['content-disposition']).parameters.filename).toBe(`Báo cáo Ngày hội ${previous.year}.xlsx`);
    expect(xlsx.headers['content-disposition']).toContain(`filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20Ng%C3%A0y%20h%E1%BB%99i%20${previous.year}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as Parameters<ExcelJS.Xlsx['load']>[0]); // exceljs declares its own Buffer type
    const provinces = workbook.getWorksheet('Theo tỉnh')!;
    const rows = provinces.getSheetValues().filter(Boolean) as unknown[][];
    const laiChauRow = rows.find((row) => row[1] === 'Lai Châu')!;
    expect(laiChauRow.slice(1, 7)).toEqual(['Lai Châu', 2, 1, 0, 1, 1200]);
    expect(rows.at(-1)!.slice(1, 3)).toEqual(['Toàn quốc', 3]);
    expect(workbook.getWorksheet('Theo vùng')!.rowCount).toBe(3 + 8 + 1); // title, scope, header; eight regions; total

    const pdf = await t.http.get(`/api/editions/${previous.id}/report?format=pdf`).set('Authorization', organizer).buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain(`Báo cáo kết quả Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${previous.year}`);
    expect(text).toContain('Lai Châu');
    expect(text).toContain('1.200 người tham dự');
    expect(text).not.toContain('Đắk Lắk'); // the organizer's province only
  });

  it('compares two editions region by region in the caller’s scope', async () => {
    const later = await createVenue(t.dataSource, edition, '12', { scheduleOn: past, region: Region.TayBac });
    await budgetLine(later, 40_000_000, null);
    const comparison = (await t.http.get(`/api/editions/${edition.id}/comparison?with=${previous.id}`).set('Authorization', planner).expect(200)).body;
    expect(comparison.first).toEqual({ editionId: edition.id, year: edition.year });
    expect(comparison.second).toEqual({ editionId: previous.id, year: previous.year });
    expect(comparison.lines).toHaveLength(9);
    const tayBac = comparison.lines.find((line: { key: string }) => line.key === String(Region.TayBac));
    expect(tayBac.name).toBe('Tây Bắc');
    expect(tayBac.second).toMatchObject({ venues: 2, budgetPerVenueVnd: 60_000_000 });
    expect(tayBac.first.venues).toBeGreaterThanOrEqual(1);
    expect(comparison.lines.at(-1)).toMatchObject({ key: 'total', name: 'Toàn quốc' });

    const own = (await t.http.get(`/api/editions/${edition.id}/comparison?with=${previous.id}`).set('Authorization', otherOrganizer).expect(200)).body;
    expect(own.scopeName).not.toBe('Toàn quốc');
    expect(own.lines.at(-1).second.venues).toBe(0); // nothing of province 14 in the earlier edition
    await t.http.get(`/api/editions/${edition.id}/comparison`).set('Authorization', planner).expect(400);
  });
});
