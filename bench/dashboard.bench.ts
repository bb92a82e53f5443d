/**
 * bench/dashboard: the national readiness dashboard under load, against a trivial route of the same
 * app in the same run. Data: every festival point of a year at all tiers — 50,000 venues (Thanh Hóa
 * alone 4,517, as in 2025) × 20 tasks = 1,000,000 tasks, with resource bookings and budget lines.
 * The API runs as its own process (as in production); autocannon loads it from this one.
 * Last line: one JSON object.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import { JwtService } from '@nestjs/jwt';

const SCALE = Number(process.argv[2] ?? 1);
const VENUES = Math.max(340, Math.round(50_000 * SCALE));
const THANH_HOA = Math.round(4_517 * SCALE);
const TASKS_PER_VENUE = 20;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 10;
const PORT = Number(process.env.BENCH_PORT ?? 3917);

const env = {
  NODE_ENV: 'production',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench_dashboard',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12',
  REDIS_KEY_PREFIX: 'ngayhoi-bench',
  // Production refuses demo secrets and wants a metrics token: fresh random ones for each run.
  JWT_SECRET: randomBytes(48).toString('base64url'),
  LINK_SECRET: randomBytes(48).toString('base64url'),
  METRICS_TOKEN: randomBytes(48).toString('base64url'),
  HTTP_PORT: String(PORT),
  // Production refuses a localhost base for the links it sends; this bench sends none.
  PUBLIC_BASE_URL: 'https://ngayhoi.bench.example',
  // Request logs off for both routes alike: the figure is the app's, not the log pipe's.
  LOG_LEVEL: 'warn',
  ENV_FILE: '/nonexistent',
};
Object.assign(process.env, env);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function main(): Promise<void> {
  const { recreateDatabase, createDataSource } = await import('@app/database');
  const redis = new Redis(env.REDIS_URL);
  await redis.flushdb(); // the bench's own Redis database index
  await recreateDatabase(env.DATABASE_URL);
  const dataSource = await createDataSource(env).initialize();
  await dataSource.runMigrations();

  const loading = process.hrtime.bigint();
  const [{ id: editionId }] = await dataSource.query(
    `INSERT INTO editions (year, theme, window_start, window_end, national_day, status) VALUES (2027, 'Đo hiệu năng', '2027-07-01', '2027-08-19', '2027-08-19', 'running') RETURNING id`,
  );
  const [{ id: plannerId }] = await dataSource.query(
    `INSERT INTO users (email, full_name, password_hash, role) VALUES ('bench@ngayhoi.vn', 'Cán bộ đo hiệu năng', 'not-a-login', 'central_planner') RETURNING id`,
  );
  await dataSource.query(`SELECT setseed(0.2027)`);
  // Venues: Thanh Hóa's share, the rest spread over the other 33 provinces; 30 central points.
  await dataSource.query(
    `WITH shares AS (
       SELECT p.code, p.default_region, p.latitude, p.longitude,
              CASE WHEN p.name = 'Thanh Hóa' THEN $2::int ELSE ($3::int - $2::int) / 33 + CASE WHEN row_number() OVER (ORDER BY p.code) <= ($3::int - $2::int) % 33 THEN 1 ELSE 0 END END AS n
         FROM provinces p
     )
     INSERT INTO venues (edition_id, name, tier, province_code, commune_name, host_kind, address, latitude, longitude, region,
                         expected_attendance, candidate_dates, status, scheduled_date, starts_at, ends_at)
     SELECT $1, 'Điểm ' || s.code || '-' || g, CASE WHEN g = 1 THEN 'central' WHEN g <= 5 THEN 'provincial' WHEN g <= 200 THEN 'commune' ELSE 'grassroots' END::venue_tier,
            s.code, 'Xã ' || (g % 97), 'thon', 'Nhà văn hóa thôn ' || g, s.latitude + random() * 0.5, s.longitude + random() * 0.5, s.default_region,
            300, ARRAY[d]::date[], CASE WHEN g % 7 = 0 THEN 'approved' ELSE 'scheduled' END::venue_status,
            CASE WHEN g % 7 = 0 THEN NULL ELSE d END,
            CASE WHEN g % 7 = 0 THEN NULL ELSE (d + time '07:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
            CASE WHEN g % 7 = 0 THEN NULL ELSE (d + time '11:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' END
       FROM shares s, generate_series(1, s.n) AS g, LATERAL (SELECT date '2027-07-01' + (random() * 49)::int AS d, g AS n, s.code) AS day`, // correlated: one draw per row
    [editionId, THANH_HOA, VENUES],
  );
  // Twenty tasks each: due 60 to 1 days before the venue, a mix of states; some fall overdue by "today".
  await dataSource.query(
    `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, offset_days, due_date, status, weight, blocked_reason, done_at)
     SELECT v.id, v.edition_id, 'Công việc ' || k, 'Đơn vị ' || (k % 5), -k * 3,
            CASE WHEN x.late < 0.15 THEN current_date - (x.late * 100)::int ELSE COALESCE(v.scheduled_date, v.candidate_dates[1]) - k * 3 END,
            x.status::task_status, 1 + k % 3, CASE WHEN x.status = 'blocked' THEN 'Thiếu kinh phí' END, CASE WHEN x.status = 'done' THEN now() END
       FROM venues v, generate_series(1, ${TASKS_PER_VENUE}) AS k,
            LATERAL (SELECT CASE WHEN r < 0.45 THEN 'done' WHEN r < 0.65 THEN 'in_progress' WHEN r < 0.68 THEN 'blocked' ELSE 'todo' END AS status, late
                       FROM (SELECT random() AS r, random() AS late, v.id AS venue, k AS task) AS draw) AS x -- correlated: one draw per task
      WHERE v.edition_id = $1`,
    [editionId],
  );
  // Shared resources booked across the window, and three budget lines per venue.
  await dataSource.query(
    `INSERT INTO shared_resources (edition_id, name, kind, owner_unit)
     SELECT $1, 'Đội ' || g, (ARRAY['art_troupe','press_crew','mobile_stage','escort_team','vehicle'])[1 + g % 5]::resource_kind, 'Cục Xây dựng phong trào'
       FROM generate_series(1, 50) AS g`,
    [editionId],
  );
  await dataSource.query(
    `INSERT INTO resource_bookings (resource_id, venue_id, edition_id, starts_at, ends_at, created_by)
     SELECT r.id, v.id, $1, v.starts_at - interval '1 hour', v.ends_at + interval '1 hour', $2
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM shared_resources WHERE edition_id = $1) AS r
       JOIN LATERAL (SELECT id, starts_at, ends_at FROM venues WHERE edition_id = $1 AND starts_at IS NOT NULL ORDER BY id OFFSET r.n * 200 LIMIT 200) AS v ON true`,
    [editionId, plannerId],
  );
  await dataSource.query(
    `INSERT INTO budget_lines (venue_id, edition_id, category, description, planned_vnd, actual_vnd, funding_source)
     SELECT v.id, v.edition_id, c.category::budget_category, 'Dự toán ' || c.category, (5 + random() * 50)::int * 1000000,
            CASE WHEN random() < 0.5 THEN (5 + random() * 50)::int * 1000000 END, 'provincial_budget'
       FROM venues v, unnest(ARRAY['security','stage_sound_decor','gifts']) AS c(category) WHERE v.edition_id = $1`,
    [editionId],
  );
  await dataSource.query(`ANALYZE`);
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM venues)::int AS venues, (SELECT count(*) FROM venue_tasks)::int AS tasks,
            (SELECT count(*) FROM resource_bookings)::int AS bookings, (SELECT count(*) FROM budget_lines)::int AS budget_lines`,
  );
  console.log(
    `data: ${counts.venues} venues, ${counts.tasks} tasks, ${counts.bookings} bookings, ${counts.budget_lines} budget lines (${seconds(loading).toFixed(1)} s)`,
  );
  await dataSource.destroy();

  const api = startApi();
  try {
    await waitForLive();
    const token = new JwtService({ secret: env.JWT_SECRET }).sign({ sub: plannerId, tv: 0 }, { algorithm: 'HS256', expiresIn: 3600 });
    const headers = { authorization: `Bearer ${token}` };
    const dashboardPath = `/api/editions/${editionId}/readiness`;

    // The first request computes the answer from the million tasks (a cache miss: measured apart).
    const cold = process.hrtime.bigint();
    const first = await fetch(`http://127.0.0.1:${PORT}${dashboardPath}`, { headers });
    if (first.status !== 200) throw new Error(`dashboard answered ${first.status}: ${await first.text()}`);
    const body = (await first.json()) as {
      edition: { venues: number; onTrack: number; atRisk: number; late: number };
      provinces: unknown[];
      venuesAtRiskTotal: number;
    };
    const coldMs = seconds(cold) * 1000;
    console.log(
      `dashboard: ${body.edition.venues} venues (${body.edition.onTrack} on track, ${body.edition.atRisk} at risk, ${body.edition.late} late), ` +
        `${body.provinces.length} provinces; computed cold in ${coldMs.toFixed(0)} ms`,
    );

    const trivial = await load('/api/health/live', {});
    const dashboard = await load(dashboardPath, headers);
    const ratio = dashboard.requests.average / trivial.requests.average;
    for (const [name, result] of [
      ['trivial /api/health/live', trivial],
      ['dashboard', dashboard],
    ] as const) {
      console.log(
        `${name.padEnd(26)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  errors ${result.errors + result.non2xx}`,
      );
    }
    console.log(`ratio dashboard / trivial: ${ratio.toFixed(2)} (goal ≥ 0.30); dashboard p99 ${dashboard.latency.p99} ms (goal < 50 ms)`);

    // The budget roll-up (every line of every live venue): computed once per change, then served from memory.
    const budgetPath = `/api/editions/${editionId}/budget`;
    const timeBudget = async () => {
      const started = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${PORT}${budgetPath}`, { headers });
      if (response.status !== 200) throw new Error(`budget answered ${response.status}: ${await response.text()}`);
      const bytes = (await response.arrayBuffer()).byteLength;
      return { ms: seconds(started) * 1000, bytes };
    };
    const budgetCold = await timeBudget();
    const warmRuns = [];
    for (let run = 0; run < 5; run += 1) warmRuns.push(await timeBudget());
    const budgetWarmMs = warmRuns.map((run) => run.ms).sort((a, b) => a - b)[2];
    console.log(
      `budget roll-up: ${(budgetCold.bytes / 1e6).toFixed(1)} MB; computed cold in ${budgetCold.ms.toFixed(0)} ms, served warm in ${budgetWarmMs.toFixed(0)} ms (median of 5), ` +
        `warm / cold ${(budgetWarmMs / budgetCold.ms).toFixed(3)}`,
    );
    console.log(
      JSON.stringify({
        req_per_s: Math.round(dashboard.requests.average),
        trivial_req_per_s: Math.round(trivial.requests.average),
        ratio: Math.round(ratio * 1000) / 1000,
        p50_ms: dashboard.latency.p50,
        p99_ms: dashboard.latency.p99,
        cold_ms: Math.round(coldMs),
        budget_cold_ms: Math.round(budgetCold.ms),
        budget_warm_ms: Math.round(budgetWarmMs),
        budget_warm_over_cold: Math.round((budgetWarmMs / budgetCold.ms) * 1000) / 1000,
        venues: counts.venues,
        tasks: counts.tasks,
      }),
    );
  } finally {
    api.kill('SIGTERM');
    await redis.flushdb();
    await redis.quit();
  }
}

function startApi(): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
    cwd: resolve(__dirname, '..'),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) console.error(`API exited with ${code ?? signal}`);
  });
  return child;
}

async function waitForLive(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('API did not start');
    await new Promise((done) => setTimeout(done, 250));
  }
}

function load(path: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${PORT}${path}`, headers, connections: CONNECTIONS, duration: DURATION_S });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
