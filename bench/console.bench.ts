/**
 * bench/console: the console's first load in Chromium (issue 18) — from the click on "Đăng nhập" to the
 * page drawn: the overview with its map markers and its list, the invitations page with its counts and
 * rows. On the demo seed and on an edition of 50,000 venues (every festival point of a year, 20,000
 * invitations) in the bench's own database; the login page alone (opened to its form visible) is the
 * baseline of the same run. Each load in a fresh browser context (empty cache), the API as its own
 * process in production mode, serving the built console. Last line: one JSON object.
 */
import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const SCALE = Number(process.argv[2] ?? 1);
const VENUES = Math.max(1_000, Math.round(50_000 * SCALE));
const INVITATIONS = Math.round(VENUES * 0.4);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3921);
const BASE = `http://127.0.0.1:${PORT}`;
const REPO = resolve(__dirname, '..');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = `bench-${randomBytes(12).toString('base64url')}`;
const PLANNER = 'planner@ngayhoi.example.vn'; // the demo seed's planner
/** BENCH_WATERFALL=1: print each measured load's requests (start → end, ms after the click), to see what waits on what. */
const WATERFALL = process.env.BENCH_WATERFALL === '1';

const env = {
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench_console',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/6',
  REDIS_KEY_PREFIX: 'ngayhoi-bench-console',
  ENV_FILE: '/nonexistent',
};
const apiEnv = {
  ...env,
  NODE_ENV: 'production',
  // Production refuses demo secrets and wants a metrics token: fresh random ones for each run.
  JWT_SECRET: randomBytes(48).toString('base64url'),
  LINK_SECRET: randomBytes(48).toString('base64url'),
  METRICS_TOKEN: randomBytes(48).toString('base64url'),
  HTTP_PORT: String(PORT),
  PUBLIC_BASE_URL: 'https://ngayhoi.bench.example',
  // Tiles from a port that refuses at once: nothing leaves the machine, the map draws on a plain background.
  MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png',
  LOG_LEVEL: 'warn',
  // One login per measured load, all from this address to one account: above the limits that stop guessing.
  LOGIN_RATE_LIMIT_PER_ACCOUNT: '1000',
  LOGIN_RATE_LIMIT_PER_IP: '1000',
};

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  buildConsoleIfMissing();
  const { recreateDatabase, createDataSource } = await import('@app/database');
  await recreateDatabase(env.DATABASE_URL);
  const dataSource = await createDataSource(env).initialize();
  await dataSource.runMigrations();

  // The demo edition, as `npm run seed` makes it, with a known password for its accounts.
  const seeding = process.hrtime.bigint();
  run(['apps/cli/src/main.ts', 'seed'], { ...env, JWT_SECRET: apiEnv.JWT_SECRET, LINK_SECRET: apiEnv.LINK_SECRET, SEED_PASSWORD: PASSWORD });
  const [{ id: demoId }] = await dataSource.query(`SELECT id FROM editions ORDER BY year LIMIT 1`);

  // The national edition: VENUES venues over the 34 provinces (Thanh Hóa a tenth), spread around each
  // province's centre, six in seven scheduled over the window; invitations for 40% of them.
  const [{ id: largeId }] = await dataSource.query(
    `INSERT INTO editions (year, theme, window_start, window_end, national_day, status)
     VALUES (2031, 'Đo hiệu năng toàn quốc', '2031-07-01', '2031-08-19', '2031-08-19', 'running') RETURNING id`,
  );
  await dataSource.query(`SELECT setseed(0.2031)`);
  await dataSource.query(
    `WITH shares AS (
       SELECT p.code, p.default_region, p.latitude, p.longitude,
              CASE WHEN p.name = 'Thanh Hóa' THEN $2::int / 10 ELSE ($2::int - $2::int / 10) / 33 + 1 END AS n
         FROM provinces p
     )
     INSERT INTO venues (edition_id, name, tier, province_code, commune_name, host_kind, address, latitude, longitude, region,
                         expected_attendance, candidate_dates, status, scheduled_date, starts_at, ends_at)
     SELECT $1, 'Ngày hội điểm ' || s.code || '-' || g, CASE WHEN g = 1 THEN 'central' WHEN g <= 200 THEN 'commune' ELSE 'grassroots' END::venue_tier,
            s.code, 'Xã ' || (g % 97), 'thon', 'Nhà văn hóa thôn ' || g, s.latitude + (random() - 0.5) * 1.2, s.longitude + (random() - 0.5) * 1.2,
            s.default_region, 300, ARRAY[day.d]::date[], CASE WHEN g % 7 = 0 THEN 'approved' ELSE 'scheduled' END::venue_status,
            CASE WHEN g % 7 = 0 THEN NULL ELSE day.d END,
            CASE WHEN g % 7 = 0 THEN NULL ELSE (day.d + time '07:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' END,
            CASE WHEN g % 7 = 0 THEN NULL ELSE (day.d + time '11:30') AT TIME ZONE 'Asia/Ho_Chi_Minh' END
       FROM shares s, generate_series(1, s.n) AS g,
            LATERAL (SELECT date '2031-07-01' + (random() * 49)::int AS d, g AS draw) AS day -- correlated: one draw per row
      LIMIT $2`,
    [largeId, VENUES],
  );
  await dataSource.query(
    `INSERT INTO invitations (edition_id, venue_id, delegate_name, delegate_title, delegate_email, role, status, uid, rsvp_token_hash, rsvp_expires_at)
     SELECT v.edition_id, v.id, 'Đại biểu ' || n, 'Phó Giám đốc Công an tỉnh', 'daibieu' || n || '@congan.bench.example', 'chief_guest',
            (ARRAY['sent','accepted','declined','tentative','sent'])[1 + n % 5]::invitation_status,
            'bench-' || v.id, md5(v.id::text), now() + interval '30 days'
       FROM (SELECT id, edition_id, row_number() OVER (ORDER BY id) AS n FROM venues WHERE edition_id = $1 AND scheduled_date IS NOT NULL) AS v
      WHERE n <= $2`,
    [largeId, INVITATIONS],
  );
  await dataSource.query(`ANALYZE`);
  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*) FROM venues WHERE edition_id = $1)::int AS demo_venues, (SELECT count(*) FROM venues WHERE edition_id = $2)::int AS venues,
            (SELECT count(*) FROM invitations WHERE edition_id = $2)::int AS invitations`,
    [demoId, largeId],
  );
  await dataSource.destroy();
  console.log(
    `data: demo ${counts.demo_venues} venues; national ${counts.venues} venues, ${counts.invitations} invitations (${(ms(seeding) / 1000).toFixed(1)} s)`,
  );

  const api = startApi();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await waitForLive();
    // Warm the API (its first answers compile queries and fill caches) and the machine's file cache: not measured.
    await firstLoad(browser, demoId, '/', 'overview');
    const baseline = await repeat(() => loginPage(browser));
    const figures: Record<string, { ms: number; heapMb: number }> = {};
    for (const [name, editionId] of [
      ['demo', demoId],
      ['large', largeId],
    ] as const) {
      for (const [page, path] of [
        ['overview', '/'],
        ['invitations', '/loi-moi'],
      ] as const) {
        const loads = [];
        for (let index = 0; index < RUNS; index += 1) loads.push(await firstLoad(browser, editionId, path, page));
        figures[`${name}_${page}`] = { ms: median(loads.map((load) => load.ms)), heapMb: Math.max(...loads.map((load) => load.heapMb)) };
        console.log(
          `${`${name} ${page}`.padEnd(20)} first load ${loads.map((load) => load.ms.toFixed(0)).join(' / ')} ms (median ${figures[`${name}_${page}`].ms.toFixed(0)}), JS heap ${figures[`${name}_${page}`].heapMb.toFixed(1)} MB`,
        );
      }
    }
    const demoMs = Math.max(figures.demo_overview.ms, figures.demo_invitations.ms);
    const largeMs = Math.max(figures.large_overview.ms, figures.large_invitations.ms);
    const heapMb = Math.max(figures.large_overview.heapMb, figures.large_invitations.heapMb);
    console.log(`baseline: the login page alone ${baseline.toFixed(0)} ms (median of ${RUNS})`);
    console.log(
      `slower page: demo ${demoMs.toFixed(0)} ms (goal < 1000), ${counts.venues} venues ${largeMs.toFixed(0)} ms (goal < 2000); JS heap ${heapMb.toFixed(1)} MB`,
    );
    console.log(
      JSON.stringify({
        bench: 'console',
        demo_ms: Math.round(demoMs),
        large_ms: Math.round(largeMs),
        large_js_heap_mb: Math.round(heapMb * 10) / 10,
        baseline_login_page_ms: Math.round(baseline),
        demo_overview_ms: Math.round(figures.demo_overview.ms),
        demo_invitations_ms: Math.round(figures.demo_invitations.ms),
        large_overview_ms: Math.round(figures.large_overview.ms),
        large_invitations_ms: Math.round(figures.large_invitations.ms),
        venues: counts.venues,
        invitations: counts.invitations,
      }),
    );
  } finally {
    await browser.close();
    api.kill('SIGTERM');
  }
}

async function repeat(measure: () => Promise<number>): Promise<number> {
  const values = [];
  for (let index = 0; index < RUNS; index += 1) values.push(await measure());
  return median(values);
}

/** The baseline: the login page opened in a fresh context, until its form is visible. */
async function loginPage(browser: Browser): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    const started = process.hrtime.bigint();
    await page.goto(`${BASE}/dang-nhap`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    return ms(started);
  } finally {
    await context.close();
  }
}

/**
 * One first load in a fresh context: the page asked for, the login page in its place, the planner's
 * credentials typed; timed from the click on "Đăng nhập" to the page drawn (the overview: a marker on
 * the map and a venue in the list; invitations: the counts and a row, or that there is none yet). The edition is the one the
 * header would have remembered.
 */
async function firstLoad(browser: Browser, editionId: string, path: string, kind: 'overview' | 'invitations'): Promise<{ ms: number; heapMb: number }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  try {
    await context.addInitScript(`localStorage.setItem('ngayhoi.edition', ${JSON.stringify(editionId)})`);
    const page = await context.newPage();
    await page.goto(`${BASE}${path}`);
    await page.getByLabel('E-mail').fill(PLANNER);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    const started = process.hrtime.bigint();
    const requests: Array<{ url: string; start: number; end?: number }> = [];
    if (WATERFALL) {
      const pending = new Map<object, { url: string; start: number; end?: number }>();
      page.on('request', (request) => {
        const entry = { url: `${request.method()} ${new URL(request.url()).pathname}`, start: ms(started) };
        pending.set(request, entry);
        requests.push(entry);
      });
      const end = (request: object) => {
        const entry = pending.get(request);
        if (entry) entry.end = ms(started);
      };
      page.on('requestfinished', end);
      page.on('requestfailed', end);
    }
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await drawn(page, kind).catch(async (error: unknown) => {
      // What the page showed instead (an error panel, a spinner), for the reader of the failure.
      console.error(`${kind} of ${editionId} not drawn; the page said:\n${(await page.locator('body').innerText()).slice(0, 1500)}`);
      throw error;
    });
    const elapsed = ms(started);
    if (WATERFALL) {
      console.log(`  ${kind} of ${editionId}: drawn at ${elapsed.toFixed(0)} ms`);
      for (const entry of requests) console.log(`    ${entry.start.toFixed(0).padStart(5)} → ${entry.end?.toFixed(0).padStart(5) ?? '    …'}  ${entry.url}`);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return { ms: elapsed, heapMb: usedSize / 1024 / 1024 };
  } finally {
    await context.close();
  }
}

async function drawn(page: Page, kind: 'overview' | 'invitations'): Promise<void> {
  const timeout = 120_000;
  if (kind === 'overview') {
    await page.locator('[data-testid="venue-list"] li a').first().waitFor({ timeout });
    await page.locator('[data-testid="venue-map"] path.leaflet-interactive, [data-testid="venue-map"] .map-bubble').first().waitFor({ timeout });
  } else {
    // The counts and the first row (or, where none was sent yet, the page saying so).
    await page.locator('[data-testid="invitation-counts"] button, [data-testid="invitation-counts"] p').first().waitFor({ timeout });
    await page.getByTestId('invitations-table').waitFor({ timeout });
    if ((await page.getByTestId('invitation-counts').locator('button').count()) > 0) await page.getByTestId('invitation-row').first().waitFor({ timeout });
  }
}

function run(args: string[], extra: Record<string, string>): void {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH, ...extra },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory() ? Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name)))) : stat.mtimeMs;
}

/** The console as the API serves it (dist/apps/web): built unless the build is newer than every file of apps/web. */
function buildConsoleIfMissing(): void {
  const index = resolve(REPO, 'dist/apps/web/index.html');
  if (existsSync(index) && statSync(index).mtimeMs > newestMtime(resolve(REPO, 'apps/web'))) return;
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: REPO,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Building the web console failed:\n${result.stdout}\n${result.stderr}`);
}

function startApi(): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
    cwd: REPO,
    env: { PATH: process.env.PATH, ...apiEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) console.error(`API exited with ${code ?? signal}`);
  });
  return child;
}

async function waitForLive(): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${BASE}/api/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('API did not start');
    await new Promise((done) => setTimeout(done, 250));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
