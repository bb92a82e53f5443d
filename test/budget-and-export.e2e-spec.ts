import { parse as parseContentDisposition } from 'content-disposition';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { Role } from '@app/auth';
import { todayInFestivalZone } from '@app/common/time';
import { Edition } from '@app/editions/edition.entity';
import { AssignmentRole } from '@app/leaders/leader.entities';
import { Venue } from '@app/venues/venue.entity';
import { VenueStatus } from '@app/venues/venue.enums';
import { auditEntriesFor, createEdition, createLeader, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/** supertest hands binary bodies over as a Buffer only when asked to. */
function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

interface Line {
  venue: Venue;
  category: string;
  planned: number;
  actual: number | null;
  source: string;
}

describe('Budget lines, roll-ups and the edition-plan export', () => {
  let t: TestApp;
  let planner: string;
  let laiChau: string;
  let dakLak: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    laiChau = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    dakLak = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '66'))}`;
    viewer = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.Viewer))}`;
  });
  afterAll(() => t.close());

  const linesUrl = (venue: Venue) => `/api/venues/${venue.id}/budget-lines`;
  const countLines = async (venue: Venue) => Number((await t.dataSource.query(`SELECT count(*) AS n FROM budget_lines WHERE venue_id = $1`, [venue.id]))[0].n);
  const addLine = async (line: Line, token = planner) =>
    (
      await t.http
        .post(linesUrl(line.venue))
        .set('Authorization', token)
        .send({
          category: line.category,
          description: `Khoản ${line.category}`,
          plannedVnd: line.planned,
          fundingSource: line.source,
          ...(line.actual === null ? {} : { actualVnd: line.actual }),
        })
        .expect(201)
    ).body;

  describe('budget lines', () => {
    let edition: Edition;
    let venue: Venue;

    beforeAll(async () => {
      edition = await createEdition(t.dataSource);
      venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-15` });
    });

    it('lets the province organizer create, read, correct and delete lines, audited, with money as exact JSON numbers', async () => {
      const { body: created } = await t.http
        .post(linesUrl(venue))
        .set('Authorization', laiChau)
        .send({
          category: 'stage_sound_decor',
          description: '  Thuê sân khấu, âm thanh, ánh sáng  ',
          plannedVnd: 999_999_999_999_999,
          fundingSource: 'provincial_budget',
          notes: 'Theo báo giá ngày 01/07',
        })
        .expect(201);
      expect(created).toMatchObject({
        venueId: venue.id,
        editionId: edition.id,
        category: 'stage_sound_decor',
        description: 'Thuê sân khấu, âm thanh, ánh sáng',
        plannedVnd: 999_999_999_999_999,
        actualVnd: null,
        fundingSource: 'provincial_budget',
        version: 1,
      });

      const listed = (await t.http.get(linesUrl(venue)).set('Authorization', viewer).expect(200)).body;
      expect(listed).toEqual([expect.objectContaining({ id: created.id, plannedVnd: 999_999_999_999_999, actualVnd: null })]);

      const { body: settled } = await t.http
        .patch(`${linesUrl(venue)}/${created.id}`)
        .set('Authorization', laiChau)
        .send({ version: 1, plannedVnd: 45_000_000, actualVnd: 43_500_000 })
        .expect(200);
      expect(settled).toMatchObject({ plannedVnd: 45_000_000, actualVnd: 43_500_000, version: 2 });
      const stale = await t.http
        .patch(`${linesUrl(venue)}/${created.id}`)
        .set('Authorization', planner)
        .send({ version: 1, notes: 'bản cũ' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } });
      const { body: unsettled } = await t.http
        .patch(`${linesUrl(venue)}/${created.id}`)
        .set('Authorization', planner)
        .send({ version: 2, actualVnd: null })
        .expect(200);
      expect(unsettled).toMatchObject({ actualVnd: null, plannedVnd: 45_000_000, notes: 'Theo báo giá ngày 01/07', version: 3 });

      // A removal says which version it read: none is 428, a stale one 409, and the line stays.
      const blind = await t.http
        .delete(`${linesUrl(venue)}/${created.id}`)
        .set('Authorization', laiChau)
        .expect(428);
      expect(blind.body.code).toBe('VERSION_REQUIRED');
      await t.http
        .delete(`${linesUrl(venue)}/${created.id}`)
        .query({ version: 2 })
        .set('Authorization', laiChau)
        .expect(409);
      expect(await countLines(venue)).toBe(1);
      await t.http
        .delete(`${linesUrl(venue)}/${created.id}`)
        .query({ version: 3 })
        .set('Authorization', laiChau)
        .expect(204);
      await t.http
        .delete(`${linesUrl(venue)}/${created.id}`)
        .query({ version: 3 })
        .set('Authorization', laiChau)
        .expect(404);
      expect(await countLines(venue)).toBe(0);
      const audit = await auditEntriesFor(t.dataSource, 'budget_line', created.id);
      expect(audit.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'update', 'delete']);
      expect(audit[1].changes).toMatchObject({ actualVnd: { before: null, after: 43_500_000 } });
    });

    it('refuses other provinces and viewers, and writes nothing', async () => {
      const line = await addLine({ venue, category: 'security', planned: 12_000_000, actual: null, source: 'central_budget' });
      const body = { category: 'medical', description: 'Tổ y tế trực', plannedVnd: 3_000_000, fundingSource: 'socialized' };
      expect((await t.http.get(linesUrl(venue)).set('Authorization', dakLak).expect(403)).body.code).toBe('PROVINCE_SCOPE');
      expect((await t.http.post(linesUrl(venue)).set('Authorization', dakLak).send(body).expect(403)).body.code).toBe('PROVINCE_SCOPE');
      await t.http.post(linesUrl(venue)).set('Authorization', viewer).send(body).expect(403);
      await t.http
        .patch(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', dakLak)
        .send({ version: 1, actualVnd: 1 })
        .expect(403);
      await t.http
        .patch(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', viewer)
        .send({ version: 1, actualVnd: 1 })
        .expect(403);
      await t.http
        .delete(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', dakLak)
        .expect(403);
      await t.http
        .delete(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', viewer)
        .expect(403);
      expect(await countLines(venue)).toBe(1);
      expect((await t.http.get(linesUrl(venue)).set('Authorization', planner).expect(200)).body[0]).toMatchObject({ version: 1, actualVnd: null });

      // A line is reached through its own venue only.
      const other = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-16` });
      await t.http
        .patch(`${linesUrl(other)}/${line.id}`)
        .set('Authorization', planner)
        .send({ version: 1, actualVnd: 1 })
        .expect(404);
    });

    it('validates amounts, categories, sources and fields, writing nothing', async () => {
      const before = await countLines(venue);
      const valid = { category: 'gifts', description: 'Quà tặng gia đình chính sách', plannedVnd: 20_000_000, fundingSource: 'socialized' };
      const refused = async (body: Record<string, unknown>, field: string) => {
        const response = await t.http.post(linesUrl(venue)).set('Authorization', laiChau).send(body).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(response.body.message).toBe('Dữ liệu gửi lên không hợp lệ.');
        expect(response.body.details.map((issue: { field: string }) => issue.field)).toContain(field);
      };
      await refused({ ...valid, plannedVnd: -1 }, 'plannedVnd');
      await refused({ ...valid, actualVnd: -500 }, 'actualVnd');
      await refused({ ...valid, plannedVnd: 1_500.5 }, 'plannedVnd');
      await refused({ ...valid, plannedVnd: '20000000' }, 'plannedVnd');
      await refused({ ...valid, plannedVnd: 1_000_000_000_000_000 }, 'plannedVnd');
      await refused({ ...valid, category: 'fireworks' }, 'category');
      await refused({ ...valid, fundingSource: 'loan' }, 'fundingSource');
      await refused({ ...valid, approvedBy: 'Giám đốc' }, 'approvedBy');
      const { category: _category, ...withoutCategory } = valid;
      await refused(withoutCategory, 'category');
      const [line] = (await t.http.get(linesUrl(venue)).set('Authorization', planner).expect(200)).body;
      const patch = await t.http
        .patch(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', planner)
        .send({ version: line.version, actualVnd: -1 })
        .expect(400);
      expect(patch.body.code).toBe('VALIDATION_FAILED');
      await t.http
        .patch(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', planner)
        .send({ actualVnd: 1 })
        .expect(400); // no version
      const cleared = await t.http
        .patch(`${linesUrl(venue)}/${line.id}`)
        .set('Authorization', planner)
        .send({ version: line.version, plannedVnd: null })
        .expect(400);
      expect(cleared.body.details).toEqual([{ field: 'plannedVnd', messages: expect.arrayContaining(['phải là số nguyên']) }]);
      expect(await countLines(venue)).toBe(before);
      expect((await t.http.get(linesUrl(venue)).set('Authorization', planner).expect(200)).body[0]).toMatchObject({ version: line.version, actualVnd: null });
    });

    it('follows the venue: no edits once it is cancelled', async () => {
      const cancelled = await createVenue(t.dataSource, edition, '12', { status: VenueStatus.Cancelled });
      const response = await t.http
        .post(linesUrl(cancelled))
        .set('Authorization', laiChau)
        .send({ category: 'other', description: 'Không được', plannedVnd: 1_000, fundingSource: 'other' })
        .expect(409);
      expect(response.body.code).toBe('VENUE_FINAL');
    });

    it("moves a venue's budget with it when it changes province (a venue event, in its transaction)", async () => {
      const own = await createEdition(t.dataSource);
      const venue = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-08-15` });
      await addLine({ venue, category: 'security', planned: 7_000_000, actual: 6_000_000, source: 'central_budget' });
      const summary = async () => (await t.http.get(`/api/editions/${own.id}/budget`).set('Authorization', planner).expect(200)).body;
      expect((await summary()).provinces).toMatchObject([{ key: '12', venues: 1, planned: 7_000_000, actual: 6_000_000 }]);

      const [{ version }] = await t.dataSource.query(`SELECT version FROM venues WHERE id = $1`, [venue.id]);
      await t.http.patch(`/api/venues/${venue.id}`).set('Authorization', planner).send({ version, provinceCode: '66', region: 'tay_nguyen' }).expect(200);
      const moved = await summary();
      expect(moved.provinces).toMatchObject([{ key: '66', venues: 1, planned: 7_000_000, actual: 6_000_000 }]);
      expect(moved.provinces).toHaveLength(1);
      expect(moved.regions).toMatchObject([{ key: 'tay_nguyen', venues: 1, planned: 7_000_000 }]);
      expect(moved.categories).toMatchObject([{ key: 'security', venues: 1, planned: 7_000_000 }]);
      const page = (await t.http.get(`/api/editions/${own.id}/budget/provinces/66`).set('Authorization', planner).expect(200)).body;
      expect(page.venues).toMatchObject([{ venueId: venue.id, provinceCode: '66', planned: 7_000_000, actual: 6_000_000 }]);
      expect(page.province).toEqual(moved.provinces[0]);
      const [{ count }] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM budget_rollups WHERE edition_id = $1 AND province_code = '12' AND (venues <> 0 OR lines <> 0)`,
        [own.id],
      );
      expect(count).toBe(0); // what the venue added under Lai Châu was taken back, not left at zero venues with money
    });

    it("keeps a held venue's budget open for the actual spending recorded after the festival, and in the totals", async () => {
      const own = await createEdition(t.dataSource);
      const held = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-08-01`, status: VenueStatus.Held });
      const line = (
        await t.http
          .post(linesUrl(held))
          .set('Authorization', laiChau)
          .send({ category: 'gifts', description: 'Quà tặng', plannedVnd: 10_000_000, fundingSource: 'socialized' })
          .expect(201)
      ).body;
      await t.http
        .patch(`${linesUrl(held)}/${line.id}`)
        .set('Authorization', laiChau)
        .send({ version: line.version, actualVnd: 12_000_000 })
        .expect(200);
      const rollup = (await t.http.get(`/api/editions/${own.id}/budget`).set('Authorization', planner).expect(200)).body;
      expect(rollup.edition).toMatchObject({ planned: 10_000_000, actual: 12_000_000, variance: 2_000_000 });
    });
  });

  describe('roll-ups and export', () => {
    let edition: Edition;
    let laiChauA: Venue; // 15/08, Lai Châu, Tây Bắc
    let laiChauB: Venue; // 10/08, Lai Châu, Tây Bắc
    let dakLakC: Venue; // 15/08, Đắk Lắk, Tây Nguyên
    let laiChauProposed: Venue; // approved, not scheduled yet: first proposed date 20/08
    let nominated: Venue; // not live: counts nowhere
    let lines: Line[];

    beforeAll(async () => {
      edition = await createEdition(t.dataSource);
      const y = edition.year;
      laiChauA = await createVenue(t.dataSource, edition, '12', {
        name: 'Bản Nà Luông',
        scheduleOn: `${y}-08-15`,
        communeName: 'Xã Bum Nưa',
        address: 'Bản Nà Luông, xã Bum Nưa',
      });
      laiChauB = await createVenue(t.dataSource, edition, '12', { name: 'Bản Thẳm', scheduleOn: `${y}-08-10`, hours: ['14:00', '17:30'] });
      dakLakC = await createVenue(t.dataSource, edition, '66', { name: 'Buôn Đôn', scheduleOn: `${y}-08-15`, region: 'tay_nguyen' as never });
      laiChauProposed = await createVenue(t.dataSource, edition, '12', {
        name: 'Tổ dân phố 5',
        status: VenueStatus.Approved,
        candidateDates: [`${y}-08-20`, `${y}-08-22`],
      });
      nominated = await createVenue(t.dataSource, edition, '66', { name: 'Chưa duyệt', candidateDates: [`${y}-08-12`] });

      lines = [
        { venue: laiChauA, category: 'security', planned: 30_000_000, actual: 32_000_000, source: 'central_budget' },
        { venue: laiChauA, category: 'stage_sound_decor', planned: 45_000_000, actual: null, source: 'provincial_budget' },
        { venue: laiChauA, category: 'gifts', planned: 20_000_000, actual: 18_500_000, source: 'socialized' },
        { venue: laiChauB, category: 'security', planned: 10_000_000, actual: null, source: 'provincial_budget' },
        { venue: dakLakC, category: 'medical', planned: 5_000_000, actual: 0, source: 'provincial_budget' },
        { venue: dakLakC, category: 'security', planned: 25_000_000, actual: 27_000_000, source: 'central_budget' },
        { venue: nominated, category: 'security', planned: 99_000_000, actual: 99_000_000, source: 'central_budget' },
      ];
      for (const line of lines) await addLine(line);

      // Readiness of venue A: 3 of 4 weight done, one task overdue → 75%, at risk.
      await t.dataSource.query(
        `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight, done_at) VALUES
           ($1, $2, 'Phương án bảo vệ', 'Công an tỉnh', $3::date - 20, 'done', 3, now()),
           ($1, $2, 'Dựng sân khấu', 'Phòng Hậu cần', $3::date - 1, 'todo', 1, NULL)`,
        [laiChauA.id, edition.id, todayInFestivalZone()],
      );
      // Leaders of venue A, with the edition's title for the chief guest.
      const chief = await createLeader(t.dataSource, { fullName: 'Nguyễn Văn An', position: 'Bộ trưởng' });
      const second = await createLeader(t.dataSource, { fullName: 'Trần Thị Bình', position: 'Thứ trưởng Bộ Công an' });
      await t.dataSource.query(
        `INSERT INTO leader_participations (edition_id, leader_id, title) VALUES ($1, $2, 'Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an')`,
        [edition.id, chief.id],
      );
      await t.dataSource.query(`INSERT INTO venue_leader_assignments (venue_id, leader_id, role) VALUES ($1, $2, $3), ($1, $4, $5)`, [
        laiChauA.id,
        second.id,
        AssignmentRole.Accompanying,
        chief.id,
        AssignmentRole.ChiefGuest,
      ]);
      const invite = (name: string, status: string, role: AssignmentRole, substitute: object | null = null) =>
        t.dataSource.query(
          `INSERT INTO invitations (edition_id, venue_id, delegate_name, delegate_email, role, status, uid, sequence, rsvp_token_hash, rsvp_expires_at, substitute)
           VALUES ($1, $2, $3, md5(random()::text) || '@vanphong.example.vn', $4, $5, gen_random_uuid() || '@ngayhoi.vn', 0, md5(random()::text), now() + interval '30 days', $6)`,
          [edition.id, laiChauA.id, name, role, status, substitute && JSON.stringify(substitute)],
        );
      await invite('Nguyễn Văn An', 'accepted', AssignmentRole.ChiefGuest);
      await invite('Trần Thị Bình', 'substitute_proposed', AssignmentRole.Accompanying, {
        name: 'Lê Văn Cường',
        position: 'Cục trưởng',
        contact: 'cuong@example.vn',
      });
      await invite('Phạm Văn Dũng', 'withdrawn', AssignmentRole.Accompanying);
      await invite('Hoàng Văn Em', 'sent', AssignmentRole.Accompanying);
    });

    /** The totals a finance officer would add up by hand from the lines (the variance rule, spelled out). */
    const handSums = (selected: Line[]) => {
      const settled = selected.filter((line) => line.actual !== null);
      const planned = selected.reduce((sum, line) => sum + line.planned, 0);
      const settledPlanned = settled.reduce((sum, line) => sum + line.planned, 0);
      const actual = settled.reduce((sum, line) => sum + line.actual!, 0);
      return {
        lines: selected.length,
        linesWithActual: settled.length,
        planned,
        settledPlanned,
        actual: settled.length ? actual : null,
        variance: settled.length ? actual - settledPlanned : null,
      };
    };
    const live = () => lines.filter((line) => line.venue !== nominated);

    it('serves the roll-up from memory until a change through the API, and follows a venue leaving it', async () => {
      const own = await createEdition(t.dataSource);
      const venue = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-08-15` });
      await addLine({ venue, category: 'security', planned: 10_000_000, actual: null, source: 'central_budget' });
      const rollup = async () => (await t.http.get(`/api/editions/${own.id}/budget`).set('Authorization', planner).expect(200)).body;
      expect((await rollup()).edition).toMatchObject({ venues: 1, planned: 10_000_000 });

      // Written behind the services' back: the computed answer still stands (this proves the caching).
      await t.dataSource.query(
        `INSERT INTO budget_lines (venue_id, edition_id, category, description, planned_vnd, funding_source) VALUES ($1, $2, 'medical', 'Ghi thẳng vào cơ sở dữ liệu', 5000000, 'central_budget')`,
        [venue.id, own.id],
      );
      expect((await rollup()).edition.planned).toBe(10_000_000);

      // A line written through the API is seen at once, with everything else now stored.
      await addLine({ venue, category: 'transport', planned: 1_000_000, actual: null, source: 'provincial_budget' });
      expect((await rollup()).edition).toMatchObject({ planned: 16_000_000, lines: 3 });

      // The venue cancelled (a venue event): it leaves the roll-up at once.
      await t.http
        .post(`/api/venues/${venue.id}/transitions`)
        .set('Authorization', planner)
        .send({ to: 'cancelled', version: venue.version, reason: 'Thiên tai' })
        .expect(200);
      expect((await rollup()).edition).toMatchObject({ venues: 0, planned: 0 });
    });

    it('rolls the budget up per venue, province, region, category, source and edition, live venues only', async () => {
      const budget = (await t.http.get(`/api/editions/${edition.id}/budget`).set('Authorization', planner).expect(200)).body;
      expect(budget.rule).toContain('chỉ tính trên các khoản đã có thực chi');
      expect(budget.venues).toBeUndefined(); // the venues are paged by province (issue 21)
      const pageOf = async (code: string, as = planner) =>
        (await t.http.get(`/api/editions/${edition.id}/budget/provinces/${code}`).set('Authorization', as).expect(200)).body;
      const pages = [await pageOf('12'), await pageOf('66')];
      // Each page carries its province's totals, the same as the summary's row.
      expect(pages.map((page) => page.province)).toEqual(budget.provinces);
      budget.venues = pages.flatMap((page) => page.venues);

      expect(budget.edition).toMatchObject({ venues: 4, ...handSums(live()) });
      expect(budget.edition).toMatchObject({ planned: 135_000_000, actual: 77_500_000, settledPlanned: 80_000_000, variance: -2_500_000, variancePct: -3.1 });
      expect(budget.edition.spentShare).toBeCloseTo(77_500_000 / 135_000_000, 3);

      const venueTotals = (venue: Venue) => budget.venues.find((row: { venueId: string }) => row.venueId === venue.id);
      expect(budget.venues).toHaveLength(4);
      expect(venueTotals(laiChauA)).toMatchObject({ name: 'Bản Nà Luông', provinceCode: '12', ...handSums(lines.filter((line) => line.venue === laiChauA)) });
      expect(venueTotals(laiChauA)).toMatchObject({ variance: 500_000, variancePct: 1 }); // 50.5 tr spent against 50 tr settled
      expect(venueTotals(laiChauB)).toMatchObject({ planned: 10_000_000, actual: null, variance: null, variancePct: null, spentShare: 0 });
      expect(venueTotals(laiChauProposed)).toMatchObject({ lines: 0, planned: 0, actual: null, spentShare: null });
      expect(venueTotals(dakLakC)).toMatchObject(handSums(lines.filter((line) => line.venue === dakLakC)));
      expect(venueTotals(nominated)).toBeUndefined();

      expect(budget.provinces.map((row: { key: string; name: string; venues: number }) => `${row.key} ${row.name} ${row.venues}`)).toEqual([
        '12 Lai Châu 3',
        '66 Đắk Lắk 1',
      ]);
      expect(budget.provinces[0]).toMatchObject(handSums(live().filter((line) => line.venue.provinceCode === '12')));
      expect(budget.provinces[1]).toMatchObject(handSums(live().filter((line) => line.venue.provinceCode === '66')));
      const region = (key: string) => budget.regions.find((row: { key: string }) => row.key === key);
      expect(region('tay_bac')).toMatchObject({ name: 'Tây Bắc', venues: 3, ...handSums(live().filter((line) => line.venue !== dakLakC)) });
      expect(region('tay_nguyen')).toMatchObject({ name: 'Tây Nguyên', venues: 1, ...handSums(live().filter((line) => line.venue === dakLakC)) });

      const category = (key: string) => budget.categories.find((row: { key: string }) => row.key === key);
      expect(budget.categories).toHaveLength(4);
      expect(category('security')).toMatchObject({ name: 'An ninh, bảo vệ', venues: 3, ...handSums(live().filter((line) => line.category === 'security')) });
      expect(category('medical')).toMatchObject({ name: 'Y tế', actual: 0, variance: -5_000_000, variancePct: -100 });
      const source = (key: string) => budget.fundingSources.find((row: { key: string }) => row.key === key);
      expect(source('central_budget')).toMatchObject({ name: 'Ngân sách Trung ương', ...handSums(live().filter((line) => line.source === 'central_budget')) });
      expect(source('socialized')).toMatchObject({ name: 'Xã hội hóa', planned: 20_000_000, actual: 18_500_000 });
      expect(budget.fundingSources.reduce((sum: number, row: { planned: number }) => sum + row.planned, 0)).toBe(budget.edition.planned);

      const forLaiChau = (await t.http.get(`/api/editions/${edition.id}/budget`).set('Authorization', laiChau).expect(200)).body;
      expect(forLaiChau.provinces.map((row: { key: string }) => row.key)).toEqual(['12']);
      expect(forLaiChau.edition).toMatchObject({ name: 'Toàn tỉnh', venues: 3, ...handSums(live().filter((line) => line.venue.provinceCode === '12')) });
      expect((await pageOf('12', laiChau)).venues.every((row: { provinceCode: string }) => row.provinceCode === '12')).toBe(true);
      await t.http.get(`/api/editions/${edition.id}/budget/provinces/66`).set('Authorization', laiChau).expect(403);
      await t.http.get(`/api/editions/${edition.id}/budget/provinces/99`).set('Authorization', planner).expect(404);
      await t.http.get(`/api/editions/${edition.id}/budget`).set('Authorization', viewer).expect(200);
      await t.http.get(`/api/editions/${edition.id}/budget/provinces/66`).set('Authorization', viewer).expect(200);
      await t.http.get(`/api/editions/00000000-0000-4000-8000-000000000000/budget`).set('Authorization', planner).expect(404);
    });

    const download = (format: string | null, token = planner) =>
      t.http
        .get(`/api/editions/${edition.id}/export${format ? `?format=${format}` : ''}`)
        .set('Authorization', token)
        .buffer(true)
        .parse(binary);

    it('exports a printable XLSX of the live venues by date then province', async () => {
      const response = await download('xlsx').expect(200);
      const y = edition.year;
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      // What a browser saves it as: the Vietnamese name, the ASCII one for clients without RFC 8187.
      const disposition = parseContentDisposition(response.headers['content-disposition']);
      expect(disposition).toEqual({ type: 'attachment', parameters: { filename: `Kế hoạch Ngày hội ${y}.xlsx` } });
      expect(parseContentDisposition(response.headers['content-disposition'], { extended: false }).parameters.filename).toBe(`ke-hoach-ngay-hoi-${y}.xlsx`);
      expect(response.headers['cache-control']).toBe('no-store');

      const workbook = await readWorkbook(response.body);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Kế hoạch', 'Ngân sách']);
      const sheet = workbook.getWorksheet('Kế hoạch')!;
      expect(sheet.getCell('A1').value).toBe(`KẾ HOẠCH TỔ CHỨC NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM ${y}`);
      expect(sheet.getCell('A2').value).toContain('Phạm vi: Toàn quốc');
      const header = sheet.getRow(3);
      expect((header.values as unknown[]).slice(1)).toEqual(PLAN_HEADERS);
      expect(header.getCell(1).font?.bold).toBe(true);

      // Ready to print: frozen header, landscape A4 fitted to the width, header repeated on every page.
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
      expect(sheet.getColumn(4).width).toBe(28);

      const column = (name: string) => PLAN_HEADERS.indexOf(name) + 1;
      const venueNames = [4, 5, 6, 7].map((row) => sheet.getRow(row).getCell(column('Điểm tổ chức')).value);
      expect(venueNames).toEqual(['Bản Thẳm', 'Bản Nà Luông', 'Buôn Đôn', 'Tổ dân phố 5']);
      expect(sheet.getRow(4).getCell(column('Giờ')).value).toBe('14:00–17:30');
      expect(sheet.getRow(7).getCell(column('Ngày tổ chức')).value).toBe(`20/08/${y} (dự kiến)`);

      const a = sheet.getRow(5);
      const cell = (name: string) => a.getCell(column(name));
      expect(cell('STT').value).toBe(2);
      expect(cell('Tỉnh/thành phố').value).toBe('Lai Châu');
      expect(cell('Vùng').value).toBe('Tây Bắc');
      expect(cell('Xã/phường').value).toBe('Xã Bum Nưa');
      expect(cell('Địa chỉ').value).toBe('Bản Nà Luông, xã Bum Nưa');
      expect(cell('Ngày tổ chức').value).toBe(`15/08/${y}`);
      expect(cell('Giờ').value).toBe('07:30–11:30');
      expect(cell('Lãnh đạo dự').value).toBe(
        'Nguyễn Văn An, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an (dự, phát biểu chỉ đạo)\nTrần Thị Bình, Thứ trưởng Bộ Công an (cùng dự)',
      );
      expect(cell('Lãnh đạo dự').alignment?.wrapText).toBe(true);
      expect(cell('Trả lời mời').value).toBe('Nguyễn Văn An: Nhận lời\nHoàng Văn Em: Chưa trả lời\nTrần Thị Bình: Đề nghị cử người thay (Lê Văn Cường)');
      expect(cell('Mức độ sẵn sàng').value).toBe('75% – Có nguy cơ');
      expect(cell('Việc quá hạn').value).toBe(1);
      expect(cell('Dự toán (đ)').value).toBe(95_000_000);
      expect(cell('Dự toán (đ)').numFmt).toBe('#,##0');
      expect(cell('Thực chi (đ)').value).toBe(50_500_000);
      expect(cell('Chênh lệch (đ)').value).toBe(500_000);
      expect(cell('Chênh lệch (đ)').numFmt).toBe('#,##0');
      const unsettled = sheet.getRow(4).getCell(column('Thực chi (đ)'));
      expect(unsettled.value).toBeNull(); // nothing settled at Bản Thẳm: blank, not 0
      expect(unsettled.border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } }); // the grid stays whole for printing
      expect(sheet.getRow(7).getCell(column('Mức độ sẵn sàng')).value).toBe('Chưa có công việc');

      const totals = sheet.getRow(8);
      expect(totals.getCell(column('Điểm tổ chức')).value).toBe('Tổng cộng (4 điểm)');
      expect(totals.getCell(column('Dự toán (đ)')).value).toBe(135_000_000);
      expect(totals.getCell(column('Chênh lệch (đ)')).value).toBe(-2_500_000);
      expect(sheet.rowCount).toBe(8);

      const budgetSheet = workbook.getWorksheet('Ngân sách')!;
      const rows = new Map<string, unknown[]>();
      budgetSheet.eachRow((row) => rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(2)));
      expect(rows.get('Lai Châu')).toEqual([3, 4, 105_000_000, 50_500_000, 500_000, 0.01, expect.closeTo(50_500_000 / 105_000_000, 3)]);
      expect(rows.get('Đắk Lắk')?.slice(0, 5)).toEqual([1, 2, 30_000_000, 27_000_000, -3_000_000]);
      expect(rows.get('Tây Nguyên')?.slice(0, 5)).toEqual([1, 2, 30_000_000, 27_000_000, -3_000_000]);
      expect(rows.get('Toàn quốc')?.slice(0, 5)).toEqual([4, 6, 135_000_000, 77_500_000, -2_500_000]);
      expect(rows.has('Theo vùng') && rows.has('Theo tỉnh, thành phố')).toBe(true);
      expect(budgetSheet.getRow(3).getCell(4).value).toBe('Dự toán (đ)');
    });

    it('totals the plan sheet over the venues it lists, while the budget sheet also counts held venues', async () => {
      const own = await createEdition(t.dataSource);
      const preparing = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-08-15` });
      const held = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-07-05`, status: VenueStatus.Held });
      await addLine({ venue: preparing, category: 'security', planned: 10_000_000, actual: 9_000_000, source: 'central_budget' });
      await addLine({ venue: held, category: 'security', planned: 20_000_000, actual: 19_000_000, source: 'central_budget' });
      const response = await t.http.get(`/api/editions/${own.id}/export?format=xlsx`).set('Authorization', planner).buffer(true).parse(binary).expect(200);
      const workbook = await readWorkbook(response.body);
      const sheet = workbook.getWorksheet('Kế hoạch')!;
      const header = sheet.getRow(3).values as unknown[];
      const column = (name: string) => header.indexOf(name);
      const totals = sheet.getRow(sheet.rowCount);
      expect(totals.getCell(column('Điểm tổ chức')).value).toBe('Tổng cộng (1 điểm)');
      expect(totals.getCell(column('Dự toán (đ)')).value).toBe(10_000_000);
      expect(totals.getCell(column('Chênh lệch (đ)')).value).toBe(-1_000_000);
      const budgetRows: unknown[][] = [];
      workbook.getWorksheet('Ngân sách')!.eachRow((row) => budgetRows.push(row.values as unknown[]));
      expect(budgetRows.find((row) => row.includes(30_000_000))).toBeDefined(); // the edition total: both venues
    });

    it('exports the same rows as CSV in UTF-8 with a BOM, without the title', async () => {
      const response = await download('csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(parseContentDisposition(response.headers['content-disposition']).parameters.filename).toBe(`Kế hoạch Ngày hội ${edition.year}.csv`);
      const body = response.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const records: string[][] = parse(body, { bom: true });
      expect(records[0]).toEqual(PLAN_HEADERS);
      expect(records).toHaveLength(5);
      expect(records.slice(1).map((record) => record[3])).toEqual(['Bản Thẳm', 'Bản Nà Luông', 'Buôn Đôn', 'Tổ dân phố 5']);
      const a = Object.fromEntries(PLAN_HEADERS.map((name, index) => [name, records[2][index]]));
      expect(a).toMatchObject({
        STT: '2',
        'Tỉnh/thành phố': 'Lai Châu',
        'Ngày tổ chức': `15/08/${edition.year}`,
        Giờ: '07:30–11:30',
        'Lãnh đạo dự': 'Nguyễn Văn An, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an (dự, phát biểu chỉ đạo); Trần Thị Bình, Thứ trưởng Bộ Công an (cùng dự)',
        'Mức độ sẵn sàng': '75% – Có nguy cơ',
        'Việc quá hạn': '1',
        'Dự toán (đ)': '95000000',
        'Thực chi (đ)': '50500000',
        'Chênh lệch (đ)': '500000',
      });
      expect(records[1][PLAN_HEADERS.indexOf('Thực chi (đ)')]).toBe('');
    });

    it('gives organizers their own province only, refuses viewers, and checks the request first', async () => {
      const response = await download('xlsx', laiChau).expect(200);
      const workbook = await readWorkbook(response.body);
      const sheet = workbook.getWorksheet('Kế hoạch')!;
      expect(sheet.getCell('A2').value).toContain('Phạm vi: Lai Châu');
      const provinces = [4, 5, 6].map((row) => sheet.getRow(row).getCell(2).value);
      expect(provinces).toEqual(['Lai Châu', 'Lai Châu', 'Lai Châu']);
      expect(sheet.getRow(7).getCell(4).value).toBe('Tổng cộng (3 điểm)');
      const budgetSheet = workbook.getWorksheet('Ngân sách')!;
      const names: string[] = [];
      budgetSheet.eachRow((row) => names.push(String(row.getCell(1).value)));
      expect(names).not.toContain('Đắk Lắk');

      const csv: string[][] = parse((await download('csv', dakLak).expect(200)).body as Buffer, { bom: true });
      expect(csv.slice(1).map((record) => record[3])).toEqual(['Buôn Đôn']);

      expect((await download('xlsx', viewer).expect(403)).body.length).toBeGreaterThan(0);
      const wrong = await t.http.get(`/api/editions/${edition.id}/export?format=pdf`).set('Authorization', planner).expect(400);
      expect(wrong.body.code).toBe('VALIDATION_FAILED');
      const missing = await t.http.get(`/api/editions/00000000-0000-4000-8000-000000000000/export?format=csv`).set('Authorization', planner).expect(404);
      expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
      expect(missing.headers['content-disposition']).toBeUndefined();
      const byDefault = await download(null).expect(200);
      expect(byDefault.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    });
  });
});

const PLAN_HEADERS = [
  'STT',
  'Tỉnh/thành phố',
  'Vùng',
  'Điểm tổ chức',
  'Xã/phường',
  'Địa chỉ',
  'Ngày tổ chức',
  'Giờ',
  'Lãnh đạo dự',
  'Trả lời mời',
  'Mức độ sẵn sàng',
  'Việc quá hạn',
  'Dự toán (đ)',
  'Thực chi (đ)',
  'Chênh lệch (đ)',
];
