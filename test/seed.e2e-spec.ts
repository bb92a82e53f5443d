import { loadAppConfig } from '@app/config';
import { PRIORITY_REGIONS } from '@app/provinces/region';
import { DEMO_ACCOUNTS, seedDemo } from '@app/seed';
import { Role } from '@app/auth';
import { createUser } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';
import { createTestWorker } from './utils/test-worker';

describe('Demo seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a realistic edition for the coming year, and a second run changes nothing', async () => {
    const now = new Date('2026-11-26T03:00:00Z');
    const first = await seedDemo(t.dataSource, loadAppConfig(), now);
    expect(first).toContain('venues: 30 added');
    expect(first).toContain('leaders: 40 added');

    const [edition] = await t.dataSource.query(`SELECT id, year, window_start::text, window_end::text, status FROM editions WHERE year = 2027`);
    expect(edition).toMatchObject({ window_start: '2027-07-01', window_end: '2027-08-19', status: 'planning' });

    const venues: { province_code: string; region: string; status: string; tier: string; items: string; chiefs: string }[] = await t.dataSource.query(
      `SELECT v.province_code, v.region, v.status, v.tier,
              (SELECT count(*) FROM programme_items p WHERE p.venue_id = v.id) AS items,
              (SELECT count(*) FROM venue_leader_assignments a WHERE a.venue_id = v.id AND a.role = 'chief_guest') AS chiefs
         FROM venues v WHERE v.edition_id = $1`,
      [edition.id],
    );
    expect(venues).toHaveLength(30);
    expect(new Set(venues.map((venue) => venue.province_code)).size).toBeGreaterThanOrEqual(20);
    expect(venues.every((venue) => venue.status === 'scheduled' && venue.tier === 'central')).toBe(true);
    const hardAreas = venues.filter((venue) => PRIORITY_REGIONS.includes(venue.region as never)).length;
    expect(hardAreas).toBeGreaterThanOrEqual(15); // weighted to Tây Bắc, Tây Nguyên, Tây Nam Bộ
    expect(venues.every((venue) => Number(venue.items) === 13)).toBe(true);
    const [{ tasks, venues_with_tasks }] = await t.dataSource.query(
      `SELECT count(*)::int AS tasks, count(DISTINCT venue_id)::int AS venues_with_tasks FROM venue_tasks t JOIN venues v ON v.id = t.venue_id WHERE v.edition_id = $1`,
      [edition.id],
    );
    expect({ tasks, venues_with_tasks }).toEqual({ tasks: 30 * 11, venues_with_tasks: 30 });
    expect(venues.filter((venue) => Number(venue.chiefs) === 1).length).toBeGreaterThanOrEqual(25);

    // Programmes fit their venue's hours and chief guests are free on their day.
    const [{ outside }] = await t.dataSource.query(
      `SELECT count(*)::int AS outside FROM programme_items p JOIN venues v ON v.id = p.venue_id
        WHERE v.edition_id = $1 AND (p.start_time < (v.starts_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::time
                                  OR p.end_time > (v.ends_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::time)`,
      [edition.id],
    );
    expect(outside).toBe(0);
    const [{ clashes }] = await t.dataSource.query(
      `SELECT count(*)::int AS clashes FROM venue_leader_assignments a JOIN venues v ON v.id = a.venue_id
         JOIN leader_unavailability u ON u.leader_id = a.leader_id AND v.scheduled_date BETWEEN u.start_date AND u.end_date
        WHERE v.edition_id = $1`,
      [edition.id],
    );
    expect(clashes).toBe(0);

    const [{ leaders, tiers }] = await t.dataSource.query(
      `SELECT count(*)::int AS leaders, count(DISTINCT rank_tier)::int AS tiers FROM leaders WHERE office_email LIKE '%@vanphong.example.vn'`,
    );
    expect(leaders).toBeGreaterThanOrEqual(40);
    expect(tiers).toBeGreaterThanOrEqual(4);
    const accounts = await t.dataSource.query(`SELECT email, role, province_code FROM users WHERE email LIKE '%@ngayhoi.example.vn'`);
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(accounts.filter((account: { role: string }) => account.role === 'provincial_organizer').length).toBeGreaterThanOrEqual(3);

    // The demo's logistics beyond checklists: resources booked within their travel times, budget lines,
    // and the organizers' reminders planned as the API would (rows; the worker enqueues them in time).
    const [logistics] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM shared_resources WHERE edition_id = $1)::int AS resources, (SELECT count(*) FROM resource_bookings WHERE edition_id = $1)::int AS bookings,
              (SELECT count(*) FROM budget_lines WHERE edition_id = $1)::int AS budget_lines,
              (SELECT count(*) FROM reminders WHERE kind = 'task_deadline' AND status = 'pending' AND edition_id = $1)::int AS task_reminders,
              (SELECT count(*) FROM reminders WHERE kind = 'venue_key_date' AND status = 'pending' AND edition_id = $1)::int AS venue_reminders`,
      [edition.id],
    );
    expect(logistics).toMatchObject({ resources: 3, budget_lines: 90, venue_reminders: 60 });
    expect(logistics.bookings).toBeGreaterThanOrEqual(10);
    expect(logistics.task_reminders).toBeGreaterThanOrEqual(30 * 8 * 3); // open tasks × 3 (some done in the demo)
    const counts = () =>
      t.dataSource.query(
        `SELECT (SELECT count(*) FROM venues)::int AS venues, (SELECT count(*) FROM programme_items)::int AS items,
                (SELECT count(*) FROM leaders)::int AS leaders, (SELECT count(*) FROM leader_unavailability)::int AS ranges,
                (SELECT count(*) FROM venue_leader_assignments)::int AS assignments, (SELECT count(*) FROM users)::int AS users,
                (SELECT count(*) FROM venue_tasks)::int AS tasks, (SELECT count(*) FROM resource_bookings)::int AS bookings,
                (SELECT count(*) FROM budget_lines)::int AS budget_lines, (SELECT count(*) FROM reminders)::int AS reminders,
                (SELECT max(revision) FROM reminders)::int AS reminder_revision,
                (SELECT count(*) FROM audit_entries)::int AS audit`,
      );
    const before = await counts();
    const second = await seedDemo(t.dataSource, loadAppConfig(), now);
    expect(second).toContain('venues: 0 added, 30 already present');
    expect(await counts()).toEqual(before);
  });

  it('seeds a plan the planning board keeps as it stands: a repair run changes nothing and leaves no venue uncovered', async () => {
    const [edition] = await t.dataSource.query(`SELECT id FROM editions WHERE year = 2027`);
    const planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    const { body: queued } = await t.http.post(`/api/editions/${edition.id}/planning-runs`).set('Authorization', planner).send({}).expect(201);
    // Every run is solved by the worker (issue 19), on its solver thread.
    const worker = await createTestWorker();
    let run = queued;
    try {
      while (['queued', 'solving'].includes(run.status)) {
        await new Promise((resume) => setTimeout(resume, 100));
        run = (await t.http.get(`/api/editions/${edition.id}/planning-runs/${queued.id}`).set('Authorization', planner).expect(200)).body;
      }
    } finally {
      await worker.close();
    }
    expect(run).toMatchObject({ status: 'proposed', mode: 'repair', explanations: [], objective: expect.objectContaining({ uncoveredVenues: 0 }) });
    expect(run.changes).toEqual([]);
    expect(run.comparison.filter((row: { changed: boolean }) => row.changed)).toEqual([]);
  }, 120_000); // the worker's solver thread starts under ts-node: seconds
});
