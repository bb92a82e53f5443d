import { randomUUID } from 'node:crypto';
import { Role } from '@app/auth';
import { todayInFestivalZone } from '@app/common/time';
import { Edition } from '@app/editions/edition.entity';
import { auditEntriesFor, createEdition, createUser, createVenue } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';
import { DASHBOARD_SQL } from '../libs/logistics/src/readiness/readiness.query';

describe('Logistics: checklists, dependencies, readiness', () => {
  let t: TestApp;
  let edition: Edition;
  let planner: string;
  let laiChau: string;
  let dakLak: string;

  beforeAll(async () => {
    t = await createTestApp();
    edition = await createEdition(t.dataSource);
    planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    laiChau = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'))}`;
    dakLak = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '66'))}`;
  });
  afterAll(() => t.close());

  const transition = (id: string, body: Record<string, unknown>) =>
    t.http.post(`/api/venues/${id}/transitions`).set('Authorization', planner).send(body).expect(200);
  const tasksOf = async (venueId: string, token = planner) => (await t.http.get(`/api/venues/${venueId}/tasks`).set('Authorization', token).expect(200)).body;

  it('creates the checklist when a venue is approved, and re-dates open tasks when its date moves', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-15`] });
    expect(await tasksOf(venue.id)).toEqual([]);
    await transition(venue.id, { to: 'approved', version: venue.version });
    const tasks = await tasksOf(venue.id);
    expect(tasks).toHaveLength(11);
    const security = tasks.find((task: { templateCode: string }) => task.templateCode === 'phuong-an-bao-ve');
    expect(security).toMatchObject({ title: 'Xây dựng phương án bảo vệ', dueDate: `${edition.year}-07-16`, status: 'todo', weight: 3 }); // D-30 of the first candidate date
    const rehearsal = tasks.find((task: { templateCode: string }) => task.templateCode === 'tong-duyet');
    expect(rehearsal.prerequisiteIds).toHaveLength(3);
    expect((await auditEntriesFor(t.dataSource, 'venue', venue.id)).some((entry: { note: string | null }) => entry.note?.includes('11 công việc'))).toBe(true);

    // Done tasks keep their dates; open ones follow the venue.
    await t.http
      .patch(`/api/venues/${venue.id}/tasks/${security.id}`)
      .set('Authorization', laiChau)
      .send({ version: security.version, status: 'done' })
      .expect(200);
    await transition(venue.id, { to: 'scheduled', version: venue.version + 1, date: `${edition.year}-08-19`, startTime: '07:30', endTime: '11:30' });
    const moved = await tasksOf(venue.id);
    expect(moved.find((task: { id: string }) => task.id === security.id).dueDate).toBe(`${edition.year}-07-16`);
    expect(moved.find((task: { templateCode: string }) => task.templateCode === 'du-toan').dueDate).toBe(`${edition.year}-07-20`);
    expect(moved.find((task: { templateCode: string }) => task.templateCode === 'tong-duyet').dueDate).toBe(`${edition.year}-08-18`);
  });

  it('makes the checklist on approval even when the province added a task by hand before', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { status: 'shortlisted' as never, candidateDates: [`${edition.year}-08-16`] });
    await t.http
      .post(`/api/venues/${venue.id}/tasks`)
      .set('Authorization', laiChau)
      .send({ title: 'Khảo sát đường vào bản', responsibleUnit: 'Công an xã', offsetDays: -40 })
      .expect(201);
    await transition(venue.id, { to: 'approved', version: venue.version });
    const tasks = await tasksOf(venue.id);
    expect(tasks).toHaveLength(12); // the 11 of the template and the one added by hand
    expect(tasks.filter((task: { templateCode: string | null }) => task.templateCode === null).map((task: { title: string }) => task.title)).toEqual([
      'Khảo sát đường vào bản',
    ]);
  });

  it('refuses to finish a task before its prerequisites, and refuses dependency cycles', async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-10` });
    const create = async (title: string) =>
      (
        await t.http
          .post(`/api/venues/${venue.id}/tasks`)
          .set('Authorization', laiChau)
          .send({ title, responsibleUnit: 'Công an xã', offsetDays: -7, ownerName: 'Thiếu tá Lò Văn Minh' })
          .expect(201)
      ).body;
    const stage = await create('Dựng sân khấu');
    const sound = await create('Lắp đặt âm thanh');
    const rehearsal = await create('Tổng duyệt');
    expect(stage.dueDate).toBe(`${edition.year}-08-03`);

    await t.http.post(`/api/venues/${venue.id}/tasks/${sound.id}/dependencies`).set('Authorization', laiChau).send({ prerequisiteId: stage.id }).expect(201);
    await t.http
      .post(`/api/venues/${venue.id}/tasks/${rehearsal.id}/dependencies`)
      .set('Authorization', laiChau)
      .send({ prerequisiteId: sound.id })
      .expect(201);
    const cycle = await t.http
      .post(`/api/venues/${venue.id}/tasks/${stage.id}/dependencies`)
      .set('Authorization', laiChau)
      .send({ prerequisiteId: rehearsal.id })
      .expect(422);
    expect(cycle.body.code).toBe('DEPENDENCY_CYCLE');
    await t.http.post(`/api/venues/${venue.id}/tasks/${stage.id}/dependencies`).set('Authorization', laiChau).send({ prerequisiteId: stage.id }).expect(422);
    // An organizer cannot take a prerequisite away to get round it (issue 18): only planners change them.
    const removal = await t.http.delete(`/api/venues/${venue.id}/tasks/${rehearsal.id}/dependencies/${sound.id}`).set('Authorization', laiChau).expect(403);
    expect(removal.body.code).toBe('PLANNER_ONLY');

    const early = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${rehearsal.id}`)
      .set('Authorization', laiChau)
      .send({ version: 1, status: 'done' })
      .expect(422);
    expect(early.body).toMatchObject({ code: 'PREREQUISITES_NOT_DONE', details: { prerequisites: [{ id: sound.id, title: 'Lắp đặt âm thanh' }] } });

    const blocked = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${stage.id}`)
      .set('Authorization', laiChau)
      .send({ version: 1, status: 'blocked' })
      .expect(400);
    expect(blocked.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .patch(`/api/venues/${venue.id}/tasks/${stage.id}`)
      .set('Authorization', laiChau)
      .send({ version: 1, status: 'blocked', blockedReason: 'Chưa có kinh phí thuê sân khấu' })
      .expect(200);
    await t.http.patch(`/api/venues/${venue.id}/tasks/${stage.id}`).set('Authorization', laiChau).send({ version: 2, status: 'done' }).expect(200);
    await t.http.patch(`/api/venues/${venue.id}/tasks/${sound.id}`).set('Authorization', laiChau).send({ version: 1, status: 'done' }).expect(200);
    const done = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${rehearsal.id}`)
      .set('Authorization', laiChau)
      .send({ version: 1, status: 'done' })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'done', doneBy: expect.any(String), doneAt: expect.any(String), blockedReason: null });
    const stale = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${rehearsal.id}`)
      .set('Authorization', laiChau)
      .send({ version: 1, notes: 'cũ' })
      .expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
  });

  it("edits a task's title, unit, owner and deadline; absent fields stay, empty ones are refused field by field", async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-12` });
    const { body: task } = await t.http
      .post(`/api/venues/${venue.id}/tasks`)
      .set('Authorization', laiChau)
      .send({ title: 'Bố trí điểm đỗ xe', responsibleUnit: 'Công an xã', offsetDays: -2, ownerName: 'Thiếu tá Lò Văn Minh' })
      .expect(201);
    const refused = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${task.id}`)
      .set('Authorization', laiChau)
      .send({ version: task.version, title: 'x', responsibleUnit: null })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'title', messages: ['quá ngắn'] }, { field: 'responsibleUnit' }] });

    const { body: edited } = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${task.id}`)
      .set('Authorization', laiChau)
      .send({
        version: task.version,
        title: '  Bố trí điểm đỗ xe cho đại biểu ',
        responsibleUnit: 'Đội Cảnh sát giao thông',
        ownerName: null,
        dueDate: `${edition.year}-08-09`,
      })
      .expect(200);
    expect(edited).toMatchObject({
      title: 'Bố trí điểm đỗ xe cho đại biểu',
      responsibleUnit: 'Đội Cảnh sát giao thông',
      ownerName: null,
      dueDate: `${edition.year}-08-09`,
      offsetDays: null, // a date set by hand no longer follows the venue
      status: 'todo',
      version: task.version + 1,
    });
    const { body: renamedOnly } = await t.http
      .patch(`/api/venues/${venue.id}/tasks/${task.id}`)
      .set('Authorization', laiChau)
      .send({ version: edited.version, title: 'Điểm đỗ xe đại biểu' })
      .expect(200);
    expect(renamedOnly).toMatchObject({ title: 'Điểm đỗ xe đại biểu', responsibleUnit: 'Đội Cảnh sát giao thông', dueDate: `${edition.year}-08-09` });
    const audit = await auditEntriesFor(t.dataSource, 'venue_task', task.id);
    expect(audit.at(-1).changes.title).toEqual({ before: 'Bố trí điểm đỗ xe cho đại biểu', after: 'Điểm đỗ xe đại biểu' });
  });

  it('refuses to save the task template over a copy another planner has changed since it was read', async () => {
    const own = await createEdition(t.dataSource);
    const path = `/api/editions/${own.id}/task-template`;
    const { body: read } = await t.http.get(path).set('Authorization', planner).expect(200);
    expect(read).toMatchObject({ isDefault: true, revision: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const first = [{ ...read.items[0], dependsOn: [] }];
    const { body: saved } = await t.http.put(path).set('Authorization', planner).send({ items: first, revision: read.revision }).expect(200);
    expect(saved).toMatchObject({ isDefault: false, items: [expect.objectContaining({ code: read.items[0].code })] });
    expect(saved.revision).not.toBe(read.revision);

    // A second planner still holding the first copy is refused, and nothing of theirs is written.
    const stale = await t.http.put(path).set('Authorization', planner).send({ items: read.items, revision: read.revision }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentRevision: saved.revision } });
    expect((await t.http.get(path).set('Authorization', planner).expect(200)).body.items).toHaveLength(1);
    await t.http.put(path).set('Authorization', planner).send({ items: first, revision: 'khong-hop-le' }).expect(400);
  });

  it("lets organizers manage only their own province's tasks", async () => {
    const venue = await createVenue(t.dataSource, edition, '12', { scheduleOn: `${edition.year}-08-11` });
    const { body: task } = await t.http
      .post(`/api/venues/${venue.id}/tasks`)
      .set('Authorization', planner)
      .send({ title: 'Tổ y tế trực', responsibleUnit: 'Trung tâm y tế' })
      .expect(201);
    await t.http.get(`/api/venues/${venue.id}/tasks`).set('Authorization', dakLak).expect(403);
    await t.http.post(`/api/venues/${venue.id}/tasks`).set('Authorization', dakLak).send({ title: 'Không được', responsibleUnit: 'Công an xã' }).expect(403);
    await t.http.patch(`/api/venues/${venue.id}/tasks/${task.id}`).set('Authorization', dakLak).send({ version: 1, status: 'done' }).expect(403);
    await t.http.put(`/api/editions/${edition.id}/task-template`).set('Authorization', laiChau).send({ items: [] }).expect(403);
  });

  it('rolls readiness up by province, region and edition in one request, with the rule stated', async () => {
    const own = await createEdition(t.dataSource);
    const today = todayInFestivalZone();
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const onTrack = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-08-15` });
    const late = await createVenue(t.dataSource, own, '66', { scheduleOn: `${own.year}-08-15`, region: 'tay_nguyen' as never });
    const atRisk = await createVenue(t.dataSource, own, '66', { scheduleOn: `${own.year}-08-16`, region: 'tay_nguyen' as never });
    await t.dataSource.query(
      `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight, done_at, blocked_reason) VALUES
         ($1, $4, 'Xong', 'A', '2030-01-01', 'done', 3, now(), NULL), ($1, $4, 'Sắp tới', 'A', $5::date + 20, 'todo', 1, NULL, NULL),
         ($2, $4, 'Quá hạn lâu', 'B', $5::date - 10, 'todo', 1, NULL, NULL),
         ($3, $4, 'Vướng', 'C', $6::date, 'blocked', 1, NULL, 'Thiếu xe')`,
      [onTrack.id, late.id, atRisk.id, own.id, today, soon],
    );

    const dashboard = (await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', planner).expect(200)).body;
    expect(dashboard.rule).toContain('Chậm: một việc quá hạn'); // the levels by their names, not their codes
    expect(dashboard.rule).not.toMatch(/late|at_risk|on_track/);
    expect(dashboard.edition.name).toBe('Toàn quốc');
    expect(dashboard.edition).toMatchObject({ venues: 3, onTrack: 1, atRisk: 1, late: 1, overdue: 1, blocked: 1 });
    expect(dashboard.edition.doneShare).toBeCloseTo(3 / 6, 3);
    expect(dashboard.provinces.map((group: { key: string; venues: number }) => `${group.key}:${group.venues}`)).toEqual(['12:1', '66:2']);
    expect(dashboard.regions.find((group: { key: string }) => group.key === 'tay_nguyen')).toMatchObject({ name: 'Tây Nguyên', venues: 2, late: 1, atRisk: 1 });
    expect(dashboard.venuesAtRisk.map((venue: { venueId: string; status: string }) => `${venue.venueId}:${venue.status}`)).toEqual([
      `${late.id}:late`,
      `${atRisk.id}:at_risk`,
    ]);

    const forLaiChau = (await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', laiChau).expect(200)).body;
    expect(forLaiChau.edition).toMatchObject({ name: 'Lai Châu', venues: 1 }); // one province's total, named after it
    const single = (await t.http.get(`/api/venues/${late.id}/readiness`).set('Authorization', planner).expect(200)).body;
    expect(single).toMatchObject({ status: 'late', overdue: 1 });
    expect(dashboard.venuesAtRiskTotal).toBe(2);
  });

  it("counts each venue where it is now: the roll-up's copy of its province, region, date and status follows every write", async () => {
    const own = await createEdition(t.dataSource);
    const moving = await createVenue(t.dataSource, own, '12', { scheduleOn: `${own.year}-08-15` });
    const taskless = await createVenue(t.dataSource, own, '66', {
      status: 'approved' as never,
      candidateDates: [`${own.year}-08-17`],
      region: 'tay_nguyen' as never,
    });
    const dropped = await createVenue(t.dataSource, own, '66', { scheduleOn: `${own.year}-08-18`, region: 'tay_nguyen' as never });
    await createVenue(t.dataSource, own, '66', { candidateDates: [`${own.year}-08-18`] }); // nominated: not live, never counted
    await t.dataSource.query(
      `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight, blocked_reason) VALUES
         ($1, $3, 'Vướng', 'C', $4::date, 'blocked', 1, 'Thiếu xe'), ($2, $3, 'Sắp tới', 'A', $4::date, 'todo', 1, NULL)`,
      [moving.id, dropped.id, own.id, `${own.year}-08-10`],
    );
    const dashboard = async () => (await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', planner).expect(200)).body;
    const provinces = (body: { provinces: { key: string; venues: number; atRisk: number }[] }) =>
      body.provinces.map((group) => `${group.key}:${group.venues}:${group.atRisk}`);

    const before = await dashboard();
    expect(before.edition).toMatchObject({ venues: 3, onTrack: 2, atRisk: 1 }); // a live venue without tasks counts, on track
    expect(provinces(before)).toEqual(['12:1:1', '66:2:0']);
    expect(before.venuesAtRisk).toEqual([expect.objectContaining({ venueId: moving.id, provinceCode: '12', date: `${own.year}-08-15` })]);

    // Moved to another province and region, then to another day, through the API.
    const moved = (
      await t.http
        .patch(`/api/venues/${moving.id}`)
        .set('Authorization', planner)
        .send({ version: moving.version, provinceCode: '66', region: 'tay_nguyen' })
        .expect(200)
    ).body;
    let now = await dashboard();
    expect(provinces(now)).toEqual(['66:3:1']);
    expect(now.regions.map((group: { key: string; venues: number }) => `${group.key}:${group.venues}`)).toEqual(['tay_nguyen:3']);
    expect(now.venuesAtRisk).toEqual([expect.objectContaining({ venueId: moving.id, provinceCode: '66' })]);
    await transition(moving.id, { to: 'scheduled', version: moved.version, date: `${own.year}-08-16`, startTime: '07:30', endTime: '11:30' });
    now = await dashboard();
    expect(now.venuesAtRisk).toEqual([expect.objectContaining({ venueId: moving.id, date: `${own.year}-08-16` })]);

    // Cancelled: no longer live, no longer counted (its tasks stay).
    await transition(dropped.id, { to: 'cancelled', version: dropped.version, reason: 'Mưa bão' });
    now = await dashboard();
    expect(now.edition).toMatchObject({ venues: 2, onTrack: 1, atRisk: 1 });
    expect(provinces(now)).toEqual(['66:2:1']);

    // Written behind the services' back too (SQL by hand, a seed): the copy follows the row in its statement.
    await t.dataSource.query(`UPDATE venues SET province_code = '12', region = 'tay_bac', candidate_dates = $2 WHERE id = $1`, [
      taskless.id,
      [`${own.year}-08-20`],
    ]);
    const stale = await t.dataSource.query(
      `SELECT v.id FROM venues v LEFT JOIN venue_task_rollups r ON r.venue_id = v.id
        WHERE v.edition_id = $1
          AND (r.venue_id IS NULL OR (r.venue_status, r.province_code, r.region, r.anchor_date)
               IS DISTINCT FROM (v.status, v.province_code, v.region, COALESCE(v.scheduled_date, v.candidate_dates[1])))`,
      [own.id],
    );
    expect(stale).toEqual([]);
    const [copy] = await t.dataSource.query(`SELECT province_code, region::text, anchor_date::text FROM venue_task_rollups WHERE venue_id = $1`, [taskless.id]);
    expect(copy).toEqual({ province_code: '12', region: 'tay_bac', anchor_date: `${own.year}-08-20` });
  });

  it('answers an edition without live venues with zeros, and no edition with 404', async () => {
    const empty = await createEdition(t.dataSource);
    await createVenue(t.dataSource, empty, '66', { candidateDates: [`${empty.year}-08-18`] }); // nominated: not live
    const dashboard = (await t.http.get(`/api/editions/${empty.id}/readiness`).set('Authorization', planner).expect(200)).body;
    expect(dashboard.edition).toMatchObject({ venues: 0, onTrack: 0, atRisk: 0, late: 0, doneShare: 1 });
    expect(dashboard.provinces).toEqual([]);
    expect(dashboard.venuesAtRisk).toEqual([]);
    await t.http.get(`/api/editions/${randomUUID()}/readiness`).set('Authorization', planner).expect(404);
  });

  it('lists the most urgent venues late first, then by date (none first), the id breaking ties, however few are asked for', async () => {
    const own = await createEdition(t.dataSource);
    const today = todayInFestivalZone();
    const venue = (date: string | null) =>
      createVenue(t.dataSource, own, '66', date ? { scheduleOn: date } : { status: 'approved' as never, candidateDates: [] });
    const [lateLater, lateSooner, lateUndated, atRiskSooner, atRiskLater, onTrack] = [
      await venue(`${own.year}-08-18`),
      await venue(`${own.year}-08-12`),
      await venue(null),
      await venue(`${own.year}-08-10`),
      await venue(`${own.year}-08-15`),
      await venue(`${own.year}-08-01`),
    ];
    const task = (venueId: string, due: string, status: string) =>
      t.dataSource.query(
        `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight, blocked_reason) VALUES ($1, $2, 'Việc', 'A', $3::date, $4, 1, $5)`,
        [venueId, own.id, due, status, status === 'blocked' ? 'Thiếu xe' : null],
      );
    const longAgo = new Date(Date.parse(today) - 10 * 86_400_000).toISOString().slice(0, 10);
    for (const late of [lateLater, lateSooner, lateUndated]) await task(late.id, longAgo, 'todo');
    for (const atRisk of [atRiskSooner, atRiskLater]) await task(atRisk.id, `${own.year}-07-01`, 'blocked');
    await task(onTrack.id, `${own.year}-07-01`, 'todo');
    const listed = async (count: number) => {
      const rows: { kind: string; venue_id: string; rank: number }[] = await t.dataSource.query(DASHBOARD_SQL, [own.id, today, null, count]);
      return rows
        .filter((row) => row.kind === 'venue')
        .sort((a, b) => a.rank - b.rank)
        .map((row) => row.venue_id);
    };
    expect(await listed(10)).toEqual([lateUndated.id, lateSooner.id, lateLater.id, atRiskSooner.id, atRiskLater.id]);
    expect(await listed(4)).toEqual([lateUndated.id, lateSooner.id, lateLater.id, atRiskSooner.id]);
    expect(await listed(2)).toEqual([lateUndated.id, lateSooner.id]);
  });

  it('serves the computed dashboard until a change recorded through the API, which every API instance sees at once', async () => {
    const own = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, own, '66', { scheduleOn: `${own.year}-08-15` });
    const [{ id: taskId }] = await t.dataSource.query(
      `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight, blocked_reason) VALUES ($1, $2, 'Vướng', 'C', $3::date, 'blocked', 1, 'Thiếu xe') RETURNING id`,
      [venue.id, own.id, `${own.year}-08-10`],
    );
    const readiness = async (app: TestApp) => (await app.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', planner).expect(200)).body;
    const second = await createTestApp(); // another API instance: its own in-process cache
    try {
      expect((await readiness(t)).edition).toMatchObject({ venues: 1, atRisk: 1, blocked: 1 });
      expect((await readiness(second)).edition).toMatchObject({ venues: 1, atRisk: 1 });

      // A task written behind the services' back is not seen yet: the answer is served from memory…
      await t.dataSource.query(
        `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight) VALUES ($1, $2, 'Quá hạn, thêm bằng SQL', 'C', $3::date - 10, 'todo', 1)`,
        [venue.id, own.id, todayInFestivalZone()],
      );
      expect((await readiness(t)).edition).toMatchObject({ venues: 1, atRisk: 1, late: 0, overdue: 0 }); // computed, it would be late
      // …and a change through the API is seen at once, by this instance and the other one (both tasks counted).
      const [{ version }] = await t.dataSource.query(`SELECT version FROM venue_tasks WHERE id = $1`, [taskId]);
      await t.http.patch(`/api/venues/${venue.id}/tasks/${taskId}`).set('Authorization', planner).send({ version, status: 'done' }).expect(200);
      expect((await readiness(t)).edition).toMatchObject({ venues: 1, late: 1, overdue: 1, blocked: 0, doneShare: 0.5 });
      expect((await readiness(second)).edition).toMatchObject({ venues: 1, late: 1, overdue: 1, doneShare: 0.5 });
    } finally {
      await second.close();
    }
  });

  it('sends the stored dashboard with an entity tag, and 304 to a client that has it until the answer changes', async () => {
    const own = await createEdition(t.dataSource);
    const venue = await createVenue(t.dataSource, own, '66', { scheduleOn: `${own.year}-08-15` });
    const [{ id: taskId, version }] = await t.dataSource.query(
      `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, due_date, status, weight, blocked_reason) VALUES ($1, $2, 'Vướng', 'C', $3::date, 'blocked', 1, 'Thiếu xe') RETURNING id, version`,
      [venue.id, own.id, `${own.year}-08-10`],
    );
    const first = await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', planner).expect(200);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.body.edition).toMatchObject({ venues: 1, atRisk: 1, blocked: 1 });
    const etag: string = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', planner).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    // Another scope's answer has its own tag; a change gives the edition's answer a new one.
    const forLaiChau = await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', laiChau).set('If-None-Match', etag).expect(200);
    expect(forLaiChau.headers.etag).not.toBe(etag);
    await t.http.patch(`/api/venues/${venue.id}/tasks/${taskId}`).set('Authorization', planner).send({ version, status: 'done' }).expect(200);
    const changed = await t.http.get(`/api/editions/${own.id}/readiness`).set('Authorization', planner).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.body.edition).toMatchObject({ venues: 1, onTrack: 1, blocked: 0, doneShare: 1 });
  });
});
