import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { createDataSource } from '@app/database';
import { BudgetCategory, FundingSource, insertBudgetLines } from '@app/logistics';
import { VenueStatus } from '@app/venues';
import type { Edition } from '@app/editions';
import { createEdition, createVenue } from './utils/factories';
import { TEST_ENV } from './test-env';

interface Sums {
  tasks: number;
  total_weight: number;
  done_weight: number;
  blocked: number;
  open_due_dates: string;
}

/**
 * The task roll-ups (venue_task_rollups, kept by statement triggers on venue_tasks) under two
 * transactions writing one venue's tasks at once — the way the race of bench/README.md's readiness
 * section happened: A writes, B writes and waits on the roll-up row A holds, A commits, then B. Before
 * migration 1796460000000, B's trigger had summed the tasks from a snapshot taken before A committed,
 * and its commit left the roll-up without A's task. Real PostgreSQL, two connections, the interleaving
 * made certain by waiting until B is seen blocked on a lock.
 */
describe('Task roll-ups under concurrent writers', () => {
  let dataSource: DataSource;
  let edition: Edition;
  beforeAll(async () => {
    dataSource = await createDataSource({ DATABASE_URL: TEST_ENV.DATABASE_URL }).initialize();
    edition = await createEdition(dataSource);
  });
  afterAll(() => dataSource.destroy());

  const rollupOf = async (venueId: string): Promise<Sums & { venue_status: string }> => {
    const [row] = await dataSource.query(
      `SELECT tasks, total_weight, done_weight, blocked, open_due_dates::text, venue_status::text FROM venue_task_rollups WHERE venue_id = $1`,
      [venueId],
    );
    return row;
  };

  /** What the roll-up should say: the venue's committed tasks, counted now. */
  const freshSums = async (venueId: string): Promise<Sums> => {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS tasks, COALESCE(sum(weight), 0)::int AS total_weight,
              COALESCE(sum(weight) FILTER (WHERE status = 'done'), 0)::int AS done_weight,
              count(*) FILTER (WHERE status = 'blocked')::int AS blocked,
              COALESCE(array_agg(due_date ORDER BY due_date) FILTER (WHERE status <> 'done' AND due_date IS NOT NULL), '{}')::text AS open_due_dates
         FROM venue_tasks WHERE venue_id = $1`,
      [venueId],
    );
    return row;
  };

  const insertTask = (venueId: string, title: string, weight: number, dueDate: string) =>
    `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, weight, due_date)
     VALUES ('${venueId}', '${edition.id}', '${title}', 'Ban tổ chức', ${weight}, '${dueDate}')`;

  const backendPid = async (runner: QueryRunner): Promise<number> => {
    const [{ pid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
    return Number(pid);
  };
  /** Resolves once this backend waits for a lock (polls pg_stat_activity; no time limit but Jest's). */
  const waitUntilWaiting = async (pid: number): Promise<void> => {
    for (;;) {
      const [{ waiting }] = await dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid]);
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  /**
   * A runs `first` and stays open; B runs `second`, which blocks on A; A commits, then B. Returns once
   * both have committed.
   */
  type Step = string | ((runner: QueryRunner) => Promise<unknown>);
  const run = (runner: QueryRunner, step: Step) => (typeof step === 'string' ? runner.query(step) : step(runner));
  const interleave = async (first: Step[], second: Step[]): Promise<void> => {
    const a = dataSource.createQueryRunner();
    const b = dataSource.createQueryRunner();
    try {
      await a.connect();
      await b.connect();
      const bPid = await backendPid(b);
      await a.startTransaction();
      for (const step of first) await run(a, step);
      await b.startTransaction();
      for (const step of second.slice(0, -1)) await run(b, step);
      const blocked = run(b, second[second.length - 1]);
      await waitUntilWaiting(bPid);
      await a.commitTransaction();
      await blocked;
      await b.commitTransaction();
    } finally {
      await a.release();
      await b.release();
    }
  };

  it('counts both tasks inserted at once for one venue', async () => {
    const venue = await createVenue(dataSource, edition, '12', { scheduleOn: `${edition.year}-08-15` });
    await interleave([insertTask(venue.id, 'Việc A', 3, `${edition.year}-08-01`)], [insertTask(venue.id, 'Việc B', 5, `${edition.year}-08-05`)]);
    const fresh = await freshSums(venue.id);
    expect(fresh.tasks).toBe(2);
    expect(await rollupOf(venue.id)).toMatchObject(fresh);
  });

  it('keeps a task done in one transaction and a task deleted in another', async () => {
    const venue = await createVenue(dataSource, edition, '12', { scheduleOn: `${edition.year}-08-15` });
    await dataSource.query(
      `${insertTask(venue.id, 'Việc 1', 2, `${edition.year}-08-01`)}, ('${venue.id}', '${edition.id}', 'Việc 2', 'Ban tổ chức', 4, '${edition.year}-08-02'),
              ('${venue.id}', '${edition.id}', 'Việc 3', 'Ban tổ chức', 6, '${edition.year}-08-03')`,
    );
    await interleave(
      [`UPDATE venue_tasks SET status = 'done', done_at = now() WHERE venue_id = '${venue.id}' AND title = 'Việc 1'`],
      [`DELETE FROM venue_tasks WHERE venue_id = '${venue.id}' AND title = 'Việc 3'`],
    );
    const fresh = await freshSums(venue.id);
    expect(fresh).toMatchObject({ tasks: 2, total_weight: 6, done_weight: 2 });
    expect(await rollupOf(venue.id)).toMatchObject(fresh);
  });

  it('keeps the venue facts written by one transaction and the task sums by another', async () => {
    const venue = await createVenue(dataSource, edition, '12', { status: VenueStatus.Approved });
    await interleave([`UPDATE venues SET status = 'cancelled' WHERE id = '${venue.id}'`], [insertTask(venue.id, 'Việc C', 7, `${edition.year}-08-01`)]);
    const fresh = await freshSums(venue.id);
    expect(fresh.tasks).toBe(1);
    expect(await rollupOf(venue.id)).toMatchObject({ ...fresh, venue_status: 'cancelled' });
  });

  /**
   * The budget roll-ups are kept by refreshBudgetRollups, whose callers lock the venue's row first (the
   * services: VenuesService.lockForChildEdit). The demo seed's insertBudgetLines did not, and two of
   * them at once (or one and a person's edit) left the venue's stored share without the other's line.
   */
  it("keeps both budget lines written at once for one venue in the venue's share and the edition's sums", async () => {
    const venue = await createVenue(dataSource, edition, '12', { scheduleOn: `${edition.year}-08-15` });
    const line = (plannedVnd: number) => (runner: QueryRunner) =>
      insertBudgetLines(runner.manager, [
        {
          id: randomUUID(),
          venueId: venue.id,
          editionId: edition.id,
          category: BudgetCategory.Security,
          description: 'Bảo vệ',
          plannedVnd,
          actualVnd: null,
          fundingSource: FundingSource.ProvincialBudget,
        },
      ]);
    const editionSumsBefore = await editionCategorySums();
    await interleave([line(1_000_000)], [line(2_500_000)]);
    const [fresh] = await dataSource.query(`SELECT count(*)::int AS lines, sum(planned_vnd)::text AS planned FROM budget_lines WHERE venue_id = $1`, [
      venue.id,
    ]);
    expect(fresh).toEqual({ lines: 2, planned: '3500000' });
    const [share] = await dataSource.query(
      `SELECT sum(p.lines)::int AS lines, sum(p.planned)::text AS planned
         FROM venue_budget_rollups r, jsonb_to_recordset(r.parts) AS p(dimension text, lines int, planned numeric)
        WHERE r.venue_id = $1 AND p.dimension = 'category'`,
      [venue.id],
    );
    expect(share).toEqual(fresh);
    const editionSumsAfter = await editionCategorySums();
    expect({ lines: editionSumsAfter.lines - editionSumsBefore.lines, planned: String(editionSumsAfter.planned - editionSumsBefore.planned) }).toEqual(fresh);
  });

  const editionCategorySums = async (): Promise<{ lines: number; planned: number }> => {
    const [row] = await dataSource.query(
      `SELECT COALESCE(sum(lines), 0)::int AS lines, COALESCE(sum(planned), 0)::bigint AS planned FROM budget_rollups WHERE edition_id = $1 AND dimension = 'category'`,
      [edition.id],
    );
    return { lines: row.lines, planned: Number(row.planned) };
  };
});
