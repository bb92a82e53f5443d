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
import { readFileSync } from 'node:fs';
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
  // Tasks keep their roll-ups by trigger; lines written in bulk behind BudgetService get theirs here.
  const { rebuildBudgetRollups } = await import('@app/logistics');
  await rebuildBudgetRollups(dataSource.manager, editionId);
  await dataSource.query(`ANALYZE`);
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM venues)::int AS venues, (SELECT count(*) FROM venue_tasks)::int AS tasks,
            (SELECT count(*) FROM resource_bookings)::int AS bookings, (SELECT count(*) FROM budget_lines)::int AS budget_lines`,
  );
  console.log(
    `data: ${counts.venues} venues, ${counts.tasks} tasks, ${counts.bookings} bookings, ${counts.budget_lines} budget lines (${seconds(loading).toFixed(1)} s)`,
  );
  // Same-run baseline, in SQL alone (median of 3 each): the statements the cold answers ran before issue 21
  // (every task aggregated; every line in GROUPING SETS with each venue), against what they read now.
  const { LIVE_VENUES, VENUE_FACTS } = await import('@app/venues');
  const { DASHBOARD_SQL } = await import('../libs/logistics/src/readiness/readiness.query');
  const { VENUES_AT_RISK_SHOWN } = await import('../libs/logistics/src/readiness/readiness.service');
  const median = async (sql: string, parameters: unknown[]) => {
    const runs: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = process.hrtime.bigint();
      await dataSource.query(sql, parameters);
      runs.push(seconds(started) * 1000);
    }
    return runs.sort((a, b) => a - b)[1];
  };
  const today = new Date().toISOString().slice(0, 10);
  const sql = {
    readinessBefore: await median(
      `SELECT v.id, count(t.id), sum(t.weight), sum(t.weight) FILTER (WHERE t.status = 'done'),
              count(t.id) FILTER (WHERE t.status <> 'done' AND t.due_date < $2::date), count(t.id) FILTER (WHERE t.status <> 'done' AND t.due_date < $2::date - 3),
              count(t.id) FILTER (WHERE t.status = 'blocked')
         FROM ${LIVE_VENUES} v LEFT JOIN venue_tasks t ON t.venue_id = v.id WHERE v.edition_id = $1 GROUP BY v.id, v.anchor_date`,
      [editionId, today],
    ),
    readinessAfter: await median(
      `SELECT v.id, r.tasks, r.total_weight, r.done_weight, width_bucket($2::date - 1, r.open_due_dates), width_bucket($2::date - 4, r.open_due_dates), r.blocked
         FROM ${LIVE_VENUES} v LEFT JOIN venue_task_rollups r ON r.venue_id = v.id WHERE v.edition_id = $1`,
      [editionId, today],
    ),
    // Since issue 21's second step the dashboard counts in PostgreSQL and reads a few dozen rows (DASHBOARD_SQL).
    readinessCounted: await median(DASHBOARD_SQL, [editionId, today, null, VENUES_AT_RISK_SHOWN]),
    budgetBefore: await median(
      `SELECT v.id, v.province_code, v.region, b.category, b.funding_source, count(DISTINCT v.id), count(b.id), count(b.actual_vnd), sum(b.planned_vnd),
              sum(b.planned_vnd) FILTER (WHERE b.actual_vnd IS NOT NULL), sum(b.actual_vnd)
         FROM ${VENUE_FACTS} v LEFT JOIN budget_lines b ON b.venue_id = v.id
        WHERE v.edition_id = $1 AND v.status IN ('approved', 'scheduled', 'held')
        GROUP BY GROUPING SETS ((v.id, v.name, v.province_code, v.region), (v.province_code), (v.region), (b.category), (b.funding_source), ())`,
      [editionId],
    ),
    budgetAfter: await median(
      `SELECT (SELECT count(*) FROM budget_rollups WHERE edition_id = $1 AND venues > 0),
              (SELECT count(*) FROM (SELECT v.province_code, v.region, count(*) FROM ${VENUE_FACTS} v
                                      WHERE v.edition_id = $1 AND v.status IN ('approved', 'scheduled', 'held') GROUP BY v.province_code, v.region) AS counted)`,
      [editionId],
    ),
  };
  console.log(
    `SQL alone, median of 3: readiness ${sql.readinessBefore.toFixed(0)} ms over every task before, ${sql.readinessAfter.toFixed(0)} ms over the roll-ups (a row a venue), ` +
      `${sql.readinessCounted.toFixed(0)} ms counted in SQL now; ` +
      `budget ${sql.budgetBefore.toFixed(0)} ms over every line before, ${sql.budgetAfter.toFixed(0)} ms over the roll-ups now`,
  );
  await dataSource.destroy();

  const api = startApi();
  try {
    await waitForLive();
    const token = new JwtService({ secret: env.JWT_SECRET }).sign({ sub: plannerId, tv: 0 }, { algorithm: 'HS256', expiresIn: 3600 });
    const headers = { authorization: `Bearer ${token}` };
    const dashboardPath = `/api/editions/${editionId}/readiness`;

    // The first request computes the answer (a cache miss: measured apart), from the venues' task roll-ups.
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
        `${body.provinces.length} provinces; computed cold in ${coldMs.toFixed(0)} ms (goal < 300 ms)`,
    );

    // Recomputed after a change (the revision bumped as a task write bumps it), in the warm process: median of 3.
    const recomputed = async (answer: 'readiness' | 'budget', path: string) => {
      const runs: number[] = [];
      for (let run = 0; run < 3; run += 1) {
        await redis.incr(`${env.REDIS_KEY_PREFIX}:${answer}-revision:${editionId}`);
        const started = process.hrtime.bigint();
        const response = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        await response.arrayBuffer();
        runs.push(seconds(started) * 1000);
      }
      return runs.sort((a, b) => a - b)[1];
    };
    const dashboardRecomputedMs = await recomputed('readiness', dashboardPath);
    console.log(`dashboard recomputed after a change: ${dashboardRecomputedMs.toFixed(0)} ms (median of 3)`);

    // The API's own CPU time per request of each load (utime + stime): unlike req/s, it does not move with
    // what else the machine's cores are running.
    const cpuBefore = cpuMs(api.pid);
    const trivial = await load('/api/health/live', {});
    const cpuBetween = cpuMs(api.pid);
    const dashboard = await load(dashboardPath, headers);
    const cpuAfter = cpuMs(api.pid);
    const ratio = dashboard.requests.average / trivial.requests.average;
    const cpuPerRequest = {
      trivial: (cpuBetween - cpuBefore) / trivial.requests.total,
      dashboard: (cpuAfter - cpuBetween) / dashboard.requests.total,
    };
    const cpuRatio = cpuPerRequest.trivial / cpuPerRequest.dashboard;
    for (const [name, result] of [
      ['trivial /api/health/live', trivial],
      ['dashboard', dashboard],
    ] as const) {
      console.log(
        `${name.padEnd(26)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  errors ${result.errors + result.non2xx}`,
      );
    }
    console.log(`ratio dashboard / trivial: ${ratio.toFixed(2)} (goal ≥ 0.50); dashboard p99 ${dashboard.latency.p99} ms (goal < 50 ms)`);
    console.log(
      `API CPU per request: trivial ${cpuPerRequest.trivial.toFixed(3)} ms, dashboard ${cpuPerRequest.dashboard.toFixed(3)} ms — ratio ${cpuRatio.toFixed(2)}`,
    );

    // The budget roll-up: the summary (provinces, regions, categories, sources, edition) then one page per
    // province (its venues), each computed once per change, then served from memory.
    const timed = async (path: string) => {
      const started = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers });
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      const text = await response.text();
      return { ms: seconds(started) * 1000, bytes: Buffer.byteLength(text), body: JSON.parse(text) as { provinces: { key: string; venues: number }[] } };
    };
    const budgetPath = `/api/editions/${editionId}/budget`;
    const budgetCold = await timed(budgetPath);
    const warmRuns = [];
    for (let run = 0; run < 5; run += 1) warmRuns.push(await timed(budgetPath));
    const budgetWarmMs = warmRuns.map((run) => run.ms).sort((a, b) => a - b)[2];
    // The largest province's page (Thanh Hóa at full scale), cold then warm; then every page once, cold.
    const largest = [...budgetCold.body.provinces].sort((a, b) => b.venues - a.venues)[0];
    const pageCold = await timed(`${budgetPath}/provinces/${largest.key}`);
    const pageWarm = await timed(`${budgetPath}/provinces/${largest.key}`);
    const pagesCold = [];
    for (const province of budgetCold.body.provinces) {
      if (province.key !== largest.key) pagesCold.push(await timed(`${budgetPath}/provinces/${province.key}`));
    }
    const budgetRecomputedMs = await recomputed('budget', budgetPath);
    const pageRecomputedMs = await recomputed('budget', `${budgetPath}/provinces/${largest.key}`);
    console.log(
      `budget recomputed after a change (median of 3): summary ${budgetRecomputedMs.toFixed(0)} ms, the largest province's page ${pageRecomputedMs.toFixed(0)} ms`,
    );
    const pagesMs = pagesCold.map((page) => page.ms).sort((a, b) => a - b);
    const pagesMedianMs = pagesMs[Math.floor(pagesMs.length / 2)];
    console.log(
      `budget summary: ${(budgetCold.bytes / 1e3).toFixed(1)} kB; computed cold in ${budgetCold.ms.toFixed(0)} ms, served warm in ${budgetWarmMs.toFixed(0)} ms (median of 5)`,
    );
    console.log(
      `budget page of the largest province (${largest.key}, ${largest.venues} venues): ${(pageCold.bytes / 1e3).toFixed(0)} kB; cold ${pageCold.ms.toFixed(0)} ms, warm ${pageWarm.ms.toFixed(0)} ms; ` +
        `the other ${pagesCold.length} pages cold: median ${pagesMedianMs.toFixed(0)} ms, all ${(pagesCold.reduce((sum, page) => sum + page.bytes, 0) / 1e6).toFixed(1)} MB`,
    );
    const apiPeakRss = peakRssMiB(api.pid);
    const benchPeakRss = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(`peak RSS: API ${apiPeakRss} MiB, bench ${benchPeakRss} MiB`);
    console.log(
      JSON.stringify({
        req_per_s: Math.round(dashboard.requests.average),
        trivial_req_per_s: Math.round(trivial.requests.average),
        ratio: Math.round(ratio * 1000) / 1000,
        cpu_per_request_ms: { trivial: Math.round(cpuPerRequest.trivial * 1000) / 1000, dashboard: Math.round(cpuPerRequest.dashboard * 1000) / 1000 },
        cpu_ratio: Math.round(cpuRatio * 1000) / 1000,
        p50_ms: dashboard.latency.p50,
        p99_ms: dashboard.latency.p99,
        cold_ms: Math.round(coldMs),
        recomputed_ms: Math.round(dashboardRecomputedMs),
        sql_readiness_before_ms: Math.round(sql.readinessBefore),
        sql_readiness_after_ms: Math.round(sql.readinessAfter),
        sql_readiness_counted_ms: Math.round(sql.readinessCounted),
        sql_budget_before_ms: Math.round(sql.budgetBefore),
        sql_budget_after_ms: Math.round(sql.budgetAfter),
        budget_cold_ms: Math.round(budgetCold.ms),
        budget_warm_ms: Math.round(budgetWarmMs),
        budget_warm_over_cold: Math.round((budgetWarmMs / budgetCold.ms) * 1000) / 1000,
        budget_recomputed_ms: Math.round(budgetRecomputedMs),
        budget_page_recomputed_ms: Math.round(pageRecomputedMs),
        budget_bytes: budgetCold.bytes,
        budget_page_cold_ms: Math.round(pageCold.ms),
        budget_page_warm_ms: Math.round(pageWarm.ms),
        budget_page_bytes: pageCold.bytes,
        budget_pages_cold_median_ms: Math.round(pagesMedianMs),
        api_peak_rss_mib: apiPeakRss,
        bench_peak_rss_mib: benchPeakRss,
        venues: counts.venues,
        tasks: counts.tasks,
      }),
    );
  } finally {
    await stopApi(api);
    await redis.flushdb();
    await redis.quit();
  }
}

/** BENCH_CPU_PROF=<dir>: the API process writes a V8 CPU profile there when the bench stops it. */
function startApi(): ChildProcess {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, '-r', './bench/exit-on-sigterm.js'] : [];
  const child = spawn(process.execPath, [...profile, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
    cwd: resolve(__dirname, '..'),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) console.error(`API exited with ${code ?? signal}`);
  });
  return child;
}

/** Peak resident memory of a process in MiB (VmHWM), read while it still runs. */
function peakRssMiB(pid: number | undefined): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null; // not Linux, or already gone
  }
}

/** CPU time a process has used (user + system) in ms, from /proc; 0 where there is none (not Linux). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function stopApi(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null) return;
  const exited = new Promise((done) => api.once('exit', done));
  api.kill('SIGTERM');
  await exited; // a profiled API writes its profile on the way out
}

async function waitForLive(): Promise<void> {
  const deadline = Date.now() + 240_000; // ts-node compiles the API first: minutes on a loaded machine
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
