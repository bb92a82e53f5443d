/**
 * Issue 19: what the image does (Dockerfile), without a Docker daemon. The compiled bundles, installed
 * with production dependencies only into a directory of their own, migrate a fresh database from the
 * compiled CLI (no ts-node there to fall back on), then the api and the worker start from that
 * directory with NODE_ENV=production and the api passes its health check.
 *
 * The build is reused when dist/ holds every app and is newer than the sources (`npm run build`
 * otherwise); `npm ci` reads the npm cache first.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TEST_ENV } from './test-env';

const ROOT = resolve(__dirname, '..');
const run = promisify(execFile);
const BUNDLES = [
  'dist/apps/api/main.js',
  'dist/apps/worker/main.js',
  'dist/apps/worker/letter-thread.js',
  'dist/apps/worker/solver-thread.js',
  'dist/apps/cli/main.js',
  'dist/apps/web/index.html',
];
/** Everything the image holds besides node_modules (Dockerfile, runtime stage). */
const IMAGE_FILES = ['dist', 'package.json', 'package-lock.json'];
const BUILD_MS = 10 * 60_000;

const random = () => randomBytes(48).toString('base64url');

/** The newest modification time of the files under `dir` (recursively) that go into a bundle (no tests). */
function newest(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.spec.ts'))
    .reduce((latest, entry) => Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/** A bundle is missing, or a source (apps, libs, the lockfile) changed after the oldest was built. */
function buildIsStale(): boolean {
  if (!BUNDLES.every((file) => existsSync(join(ROOT, file)))) return true;
  const built = Math.min(...BUNDLES.map((file) => statSync(join(ROOT, file)).mtimeMs));
  const sources = Math.max(newest(join(ROOT, 'apps')), newest(join(ROOT, 'libs')), statSync(join(ROOT, 'package-lock.json')).mtimeMs);
  return sources > built;
}

/** A database of this suite's own, next to the run's test database: fresh, so every migration runs. */
function bundleDatabaseUrl(): string {
  const url = new URL(TEST_ENV.DATABASE_URL);
  url.pathname = `${url.pathname}_bundle`;
  return url.toString();
}

async function maintenance<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(TEST_ENV.DATABASE_URL);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

interface Started {
  child: ChildProcess;
  output(): string;
}

describe('Production bundle (issue 19: what the image runs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ngayhoi-bundle-'));
  const databaseUrl = bundleDatabaseUrl();
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const started: Started[] = [];
  let env: Record<string, string>;

  const start = (entry: string): Started => {
    const child = spawn(process.execPath, [entry], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const handle = { child, output: () => output };
    started.push(handle);
    return handle;
  };

  beforeAll(async () => {
    if (buildIsStale()) {
      await run('npm', ['run', 'build'], {
        cwd: ROOT,
        env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
        maxBuffer: 64 << 20,
      });
    }
    for (const file of IMAGE_FILES) cpSync(join(ROOT, file), join(dir, file), { recursive: true });
    // The image's step (Dockerfile, `deps` stage), reading the npm cache first.
    await run('npm', ['run', 'install:production'], { cwd: dir, env: { ...process.env, npm_config_prefer_offline: 'true' }, maxBuffer: 64 << 20 });

    await maintenance(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${databaseName}"`);
    });
    env = {
      PATH: process.env.PATH ?? '',
      ENV_FILE: '/nonexistent',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      REDIS_URL: TEST_ENV.REDIS_URL,
      REDIS_KEY_PREFIX: `${TEST_ENV.REDIS_KEY_PREFIX}-bundle`,
      JWT_SECRET: random(),
      LINK_SECRET: random(),
      METRICS_TOKEN: random(),
      PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn',
      SMTP_URL: 'smtp://127.0.0.1:1',
      LOG_LEVEL: 'info',
    };
  }, BUILD_MS);

  afterAll(async () => {
    for (const { child } of started) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        // A clean stop is the other suites' subject; here, do not wait on it for long.
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    }
    await maintenance((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
    // ~300 MB of node_modules: slow to delete on a busy disk.
    await rm(dir, { recursive: true, force: true });
  }, BUILD_MS);

  it('holds production dependencies only: no ts-node, TypeScript, Nest CLI, bundler or test tools', () => {
    for (const dev of ['ts-node', 'typescript', '@nestjs/cli', 'webpack', 'jest', 'vite', 'eslint', 'pino-pretty', 'node']) {
      expect({ dev, installed: existsSync(join(dir, 'node_modules', dev)) }).toEqual({ dev, installed: false });
    }
    for (const runtime of ['@nestjs/core', 'typeorm', 'bullmq', 'pg', 'highs']) {
      expect({ runtime, installed: existsSync(join(dir, 'node_modules', runtime)) }).toEqual({ runtime, installed: true });
    }
  });

  it('migrates a fresh database from the compiled CLI, and a second run finds nothing to do', async () => {
    const first = await run(process.execPath, ['dist/apps/cli/main.js', 'migration:run'], { cwd: dir, env });
    expect(first.stdout).toMatch(/^applied: /m);
    const tables = await maintenanceQuery(databaseUrl, `SELECT count(*)::int AS count FROM pg_tables WHERE schemaname = 'public'`);
    expect(tables).toBeGreaterThan(20);
    const again = await run(process.execPath, ['dist/apps/cli/main.js', 'migration:run'], { cwd: dir, env });
    expect(again.stdout.trim()).toBe('schema up to date');
  }, 120_000);

  it('starts the api (health ok, console served) and the worker from the installed directory', async () => {
    const api = start('dist/apps/api/main.js');
    const worker = start('dist/apps/worker/main.js');
    const base = `http://127.0.0.1:${env.HTTP_PORT}`;
    let health: { status: number; body: unknown } | undefined;
    while (!health || health.status !== 200) {
      if (api.child.exitCode !== null) throw new Error(`api exited: ${api.output()}`);
      health = await fetch(`${base}/api/health`).then(
        async (response) => ({ status: response.status, body: await response.json() }),
        () => undefined,
      );
      if (!health || health.status !== 200) await new Promise((done) => setTimeout(done, 250));
    }
    expect(health.body).toEqual({ status: 'ok' });
    const traced = await fetch(`${base}/api/health/live`, { headers: { 'X-Request-Id': 'bundle-check-1' } });
    expect(traced.headers.get('x-request-id')).toBe('bundle-check-1');
    const console_ = await fetch(`${base}/`);
    expect(console_.status).toBe(200);
    expect(await console_.text()).toContain('<div id="root">');

    while (!worker.output().includes('worker ready')) {
      if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output()}`);
      await new Promise((done) => setTimeout(done, 250));
    }
    // Production logs are JSON, one object a line.
    const lines = worker.output().trim().split('\n');
    expect(lines.every((line) => typeof JSON.parse(line) === 'object')).toBe(true);
  }, 120_000);

  it("solves a planning run on the bundled worker's solver thread (dist/apps/worker/solver-thread.js), warmed at start", async () => {
    const [worker] = started.filter(({ child }) => child.spawnargs.includes('dist/apps/worker/main.js'));
    const base = `http://127.0.0.1:${env.HTTP_PORT}`;
    // A planner, made by the compiled CLI as an operator would.
    const cli = spawn(
      process.execPath,
      ['dist/apps/cli/main.js', 'user:create-planner', '--email', 'lapkehoach@bocongan.gov.vn', '--name', 'Người Lập Kế Hoạch', '--password-stdin'],
      {
        cwd: dir,
        env,
        stdio: ['pipe', 'ignore', 'inherit'],
      },
    );
    const password = random();
    cli.stdin.end(`${password}\n`);
    const [code] = (await once(cli, 'exit')) as [number];
    expect(code).toBe(0);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'lapkehoach@bocongan.gov.vn', password }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json' };

    // An edition with one approved central venue and one leader taking part.
    const [edition] = await maintenanceRows(
      databaseUrl,
      `INSERT INTO editions (year, theme, window_start, window_end, national_day) VALUES (2031, 'Thử bản đóng gói', '2031-07-01', '2031-08-19', '2031-08-19') RETURNING id`,
    );
    const [venue] = await maintenanceRows(
      databaseUrl,
      `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, hamlet_name, host_kind, address, latitude, longitude, region, area_flags,
                           expected_attendance, candidate_dates, status)
       VALUES ($1, 'Bản Thử Đóng Gói', 'central', '11', 'Xã Thử', 'Bản Thử', 'ban', 'Bản Thử, xã Thử', 21.4, 103.0, 'tay_bac', '{}', 500, '{2031-08-19}', 'approved')
       RETURNING id`,
      [edition.id],
    );
    const [leader] = await maintenanceRows(
      databaseUrl,
      `INSERT INTO leaders (full_name, position, rank_tier, organisation, office_email, home_province_code)
       VALUES ('Đồng Chí Đóng Gói', 'Ủy viên Bộ Chính trị', 'politburo', 'Bộ Chính trị', 'vp-donggoi@vanphong.example.vn', '11') RETURNING id`,
    );
    await maintenanceRows(databaseUrl, `INSERT INTO leader_participations (edition_id, leader_id, title) VALUES ($1, $2, 'Ủy viên Bộ Chính trị')`, [
      edition.id,
      leader.id,
    ]);

    const queued = await fetch(`${base}/api/editions/${edition.id}/planning-runs`, { method: 'POST', headers, body: '{}' });
    expect(queued.status).toBe(201);
    let run = (await queued.json()) as { id: string; status: string; assignments?: { venueId: string; leaderId: string }[] };
    expect(run.status).toBe('queued');
    while (['queued', 'solving'].includes(run.status)) {
      await new Promise((done) => setTimeout(done, 250));
      run = (await (await fetch(`${base}/api/editions/${edition.id}/planning-runs/${run.id}`, { headers })).json()) as typeof run;
    }
    expect(run).toMatchObject({ status: 'proposed', assignments: [expect.objectContaining({ venueId: venue.id, leaderId: leader.id })] });
    // The worker started its solver thread with itself, from the bundle, and warmed HiGHS there.
    expect(worker.output()).toMatch(/solver thread 1 ready in [\d.]+ s \(HiGHS warmed in [\d.]+ s\)/);
  }, 120_000);
});

async function maintenanceRows(databaseUrl: string, sql: string, values: unknown[] = []): Promise<{ id: string }[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function maintenanceQuery(databaseUrl: string, sql: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ count: number }>(sql)).rows[0].count;
  } finally {
    await client.end();
  }
}
