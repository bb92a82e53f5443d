/**
 * bench/notifications (issue 17): the notifications' two loads.
 *
 * 1. Grouping: N task-overdue escalations (default 100,000) of one nationwide edition processed into
 *    grouped entries through NotificationsService.notify — the worker's path (the reminder sender calls
 *    it per escalation, no transaction), CONCURRENCY at a time. Baseline in the same run: the same events
 *    written ungrouped (the same venue and readers look-ups, then one plain row per reader), on a fifth of N.
 * 2. Live delivery: two API processes (as in production, the fan-out through Redis pub/sub), 500 connected
 *    SSE clients (34 provinces × 14 organizers + 24 planners, alternately on either instance), escalations
 *    caused from this process at 200/s; the time from each cause to its arrival on every stream it concerns
 *    (a grouped entry's count covers every event up to it). p99 against a baseline measured in the same run:
 *    the same rate with one client connected.
 * Peak RSS of the API processes (VmHWM) and of this one. Last line: one JSON object.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';

const N = Number(process.argv[2] ?? 100_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 200);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 20);
const ORGANIZERS_PER_PROVINCE = 14;
const PLANNERS = 24;
const PORTS = [Number(process.env.BENCH_PORT ?? 3931), Number(process.env.BENCH_PORT ?? 3931) + 1];
const PREFIX = 'ngayhoi-bench-notifications';

const env = {
  NODE_ENV: 'production',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench_notifications',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11',
  // Its own prefix (keys and the notifications channel): the bench deletes only what carries it.
  REDIS_KEY_PREFIX: PREFIX,
  JWT_SECRET: randomBytes(48).toString('base64url'),
  LINK_SECRET: randomBytes(48).toString('base64url'),
  METRICS_TOKEN: randomBytes(48).toString('base64url'),
  PUBLIC_BASE_URL: 'https://ngayhoi.bench.example',
  LOG_LEVEL: 'warn',
  ENV_FILE: '/nonexistent',
};
Object.assign(process.env, env);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
let benchPeakRss = 0;
const sampler = setInterval(() => (benchPeakRss = Math.max(benchPeakRss, process.memoryUsage().rss)), 100);

/** mulberry32: the same draws every run. */
function random(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function deleteOwnKeys(redis: Redis): Promise<void> {
  let cursor = '0';
  do {
    const [after, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    cursor = after;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

async function main(): Promise<void> {
  const { recreateDatabase, createDataSource } = await import('@app/database');
  const { NotificationsService } = await import('@app/notifications/notifications.service');
  const { NotificationPublisher } = await import('@app/notifications/notification-publisher');
  const { NotificationEmailsService } = await import('@app/notifications/email/notification-emails.service');
  const { overdueGroupKey } = await import('@app/notifications/notification-rules');
  const { activeAccountsWithRole, Role } = await import('@app/auth');
  const { todayInFestivalZone } = await import('@app/common');
  const { VENUE_FACTS } = await import('@app/venues');
  type AppConfig = import('@app/config').AppConfig;
  type VenueEvents = import('@app/venues').VenueEvents;

  const redis = new Redis(env.REDIS_URL);
  await deleteOwnKeys(redis);
  await recreateDatabase(env.DATABASE_URL);
  const dataSource: DataSource = await createDataSource(env).initialize();
  await dataSource.runMigrations();

  // ——— data: one edition, 100 venues a province, the N tasks spread over them, accounts ———
  const loading = process.hrtime.bigint();
  const [{ id: editionId }] = await dataSource.query(
    `INSERT INTO editions (year, theme, window_start, window_end, national_day, status) VALUES (2027, 'Đo hiệu năng', '2027-07-01', '2027-08-19', '2027-08-19', 'running') RETURNING id`,
  );
  await dataSource.query(
    `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, host_kind, address, latitude, longitude, region,
                         expected_attendance, candidate_dates, status)
     SELECT $1, 'Điểm ' || p.code || '-' || g, 'commune', p.code, 'Xã ' || g, 'thon', 'Nhà văn hóa thôn ' || g, p.latitude, p.longitude, p.default_region,
            300, ARRAY[date '2027-08-19'], 'approved'
       FROM provinces p, generate_series(1, 100) AS g`,
    [editionId],
  );
  await dataSource.query(
    `INSERT INTO venue_tasks (venue_id, edition_id, title, responsible_unit, offset_days, due_date, status, weight)
     SELECT v.id, v.edition_id, 'Công việc ' || k, 'Đơn vị', -k, current_date - 2, 'todo', 1
       FROM (SELECT id, edition_id, row_number() OVER (ORDER BY id) AS n FROM venues WHERE edition_id = $1) v,
            generate_series(1, ceil($2::numeric / (SELECT count(*) FROM venues WHERE edition_id = $1))::int) AS k`,
    [editionId, N],
  );
  const insertUsers = (role: string, perProvince: number | null, tag: string) =>
    perProvince === null
      ? dataSource.query(
          `INSERT INTO users (email, full_name, password_hash, role) SELECT '${tag}-' || g || '@bench.ngayhoi.vn', 'Cán bộ ' || g, 'not-a-login', $1::user_role FROM generate_series(1, ${PLANNERS}) g`,
          [role],
        )
      : dataSource.query(
          `INSERT INTO users (email, full_name, password_hash, role, province_code)
           SELECT '${tag}-' || p.code || '-' || g || '@bench.ngayhoi.vn', 'Cán bộ ' || g, 'not-a-login', $1::user_role, p.code FROM provinces p, generate_series(1, ${perProvince}) g`,
          [role],
        );
  // The grouping phase's readers: 2 organizers a province, 5 planners (deactivated before the live phase).
  await insertUsers('provincial_organizer', 2, 'group');
  await dataSource.query(
    `INSERT INTO users (email, full_name, password_hash, role) SELECT 'group-planner-' || g || '@bench.ngayhoi.vn', 'Cán bộ ' || g, 'not-a-login', 'central_planner' FROM generate_series(1, 5) g`,
  );
  await dataSource.query(`ANALYZE`);
  const tasks: { id: string; venue_id: string }[] = await dataSource.query(`SELECT id, venue_id FROM venue_tasks WHERE edition_id = $1 ORDER BY id LIMIT $2`, [
    editionId,
    N,
  ]);
  console.log(`data: ${tasks.length} overdue tasks over ${34 * 100} venues (${seconds(loading).toFixed(1)} s)`);

  // The service as the worker has it; venues' events are not followed here (nothing changes venues).
  const config = { REDIS_KEY_PREFIX: PREFIX } as AppConfig;
  const publisher = new NotificationPublisher(redis, config);
  const noVenueEvents = { subscribe: () => undefined } as unknown as VenueEvents;
  // Nobody in the bench's data chose immediate e-mails: the outbox's insert finds no preference and queues nothing.
  const emails = new NotificationEmailsService(dataSource, {} as never, config, {} as never);
  const service = new NotificationsService(dataSource, noVenueEvents, publisher, emails);
  const audienceOf = (i: number): 'province' | 'planners' => (i % 2 === 0 ? 'province' : 'planners');

  // ——— 1. grouping ———
  const grouping = process.hrtime.bigint();
  await pool(
    tasks.map((task, i) => ({ task, i })),
    CONCURRENCY,
    async ({ task, i }) => {
      await service.notify(dataSource.manager, { kind: 'task_overdue', venueId: task.venue_id, taskId: task.id, audience: audienceOf(i) }, null);
    },
  );
  const groupedSeconds = seconds(grouping);
  const [{ rows, items }] = await dataSource.query(
    `SELECT (SELECT count(*) FROM notifications WHERE kind = 'task_overdue')::int AS rows, (SELECT count(*) FROM notification_group_items)::int AS items`,
  );
  const eventsPerS = tasks.length / groupedSeconds;
  console.log(
    `grouped: ${tasks.length} events in ${groupedSeconds.toFixed(1)} s = ${eventsPerS.toFixed(0)} events/s → ${rows} entries (${items} events counted)`,
  );

  // Baseline: the same events ungrouped — same look-ups, one plain row per reader.
  const baselineTasks = tasks.slice(0, Math.max(1, Math.floor(tasks.length / 5)));
  const ungrouped = process.hrtime.bigint();
  await pool(
    baselineTasks.map((task, i) => ({ task, i })),
    CONCURRENCY,
    async ({ task, i }) => {
      const [venue] = await dataSource.query(`SELECT v.id, v.province_code FROM ${VENUE_FACTS} v WHERE v.id = $1`, [task.venue_id]);
      const readers =
        audienceOf(i) === 'planners'
          ? await activeAccountsWithRole(dataSource.manager, Role.CentralPlanner)
          : await activeAccountsWithRole(dataSource.manager, Role.ProvincialOrganizer, venue.province_code);
      await dataSource.query(
        `INSERT INTO notifications (user_id, kind, title, body, link, subject_id)
         SELECT reader, 'task_overdue', 'Công việc quá hạn', 'Một việc quá hạn', '/san-sang', $2 FROM unnest($1::uuid[]) reader`,
        [readers.map((reader) => reader.id), task.id],
      );
    },
  );
  const ungroupedSeconds = seconds(ungrouped);
  const [{ plain }] = await dataSource.query(`SELECT count(*)::int AS plain FROM notifications WHERE kind = 'task_overdue' AND group_key IS NULL`);
  const baselinePerS = baselineTasks.length / ungroupedSeconds;
  console.log(
    `baseline ungrouped: ${baselineTasks.length} events in ${ungroupedSeconds.toFixed(1)} s = ${baselinePerS.toFixed(0)} events/s → ${plain} rows ` +
      `(${Math.round((plain / baselineTasks.length) * tasks.length)} for all ${tasks.length}); grouped / ungrouped ${(eventsPerS / baselinePerS).toFixed(2)}`,
  );
  await dataSource.query(`DELETE FROM notifications WHERE group_key IS NULL`);
  await dataSource.query(`UPDATE users SET active = false WHERE email LIKE 'group-%'`);

  // ——— 2. live delivery ———
  await insertUsers('provincial_organizer', ORGANIZERS_PER_PROVINCE, 'live');
  await insertUsers('central_planner', null, 'live-planner');
  const liveUsers: { id: string; role: string; province_code: string | null }[] = await dataSource.query(
    `SELECT id, role, province_code FROM users WHERE email LIKE 'live%' ORDER BY email`,
  );
  const provinces: string[] = (await dataSource.query(`SELECT code FROM provinces ORDER BY code`)).map((row: { code: string }) => row.code);
  const venueOf = new Map<string, string>(
    (await dataSource.query(`SELECT DISTINCT ON (province_code) province_code, id FROM venues ORDER BY province_code, id`)).map(
      (row: { province_code: string; id: string }) => [row.province_code, row.id],
    ),
  );
  const day = todayInFestivalZone();
  const apis = PORTS.map((port) => startApi(port));
  const rssOf = (child: ChildProcess) => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  try {
    await Promise.all(PORTS.map((port) => waitForLive(port)));
    const jwt = new JwtService({ secret: env.JWT_SECRET });
    const ticket = (userId: string) => jwt.sign({ typ: 'stream', uid: userId, tv: 0 }, { algorithm: 'HS256', expiresIn: 3600 });

    const run = async (clients: LiveClient[], label: string) => {
      /** Per group (audience|province): the cause time of each count. */
      const sentAt = new Map<string, number[]>();
      /** …and when its write returned (committed, the instances told): what is left is the fan-out's own time. */
      const committedAt = new Map<string, number[]>();
      const base = new Map<string, number>();
      const counted = await dataSource.query<{ group_key: string; n: number }[]>(
        `SELECT group_key, count(*)::int AS n FROM notification_group_items WHERE group_key LIKE $1 GROUP BY group_key`,
        [`task_overdue|%|${day}`],
      );
      for (const row of counted) base.set(row.group_key, row.n);
      const groupOf = (audience: 'province' | 'planners', province: string) => overdueGroupKey(audience, province, day);
      for (const client of clients) client.reset(base);
      const draw = random(20270819);
      const total = RATE * LIVE_SECONDS;
      const chains = new Map<string, Promise<void>>();
      const start = performance.now();
      const caused: Promise<void>[] = [];
      for (let i = 0; i < total; i += 1) {
        const at = start + (i * 1000) / RATE;
        const wait = at - performance.now();
        if (wait > 1) await new Promise((done) => setTimeout(done, wait));
        const province = provinces[Math.floor(draw() * provinces.length)];
        const audience = draw() < 0.3 ? 'planners' : 'province';
        const key = groupOf(audience, province);
        // One group's events in order, so that its count k is the k-th cause; groups run side by side.
        const chain = (chains.get(key) ?? Promise.resolve()).then(async () => {
          const times = sentAt.get(key) ?? [];
          sentAt.set(key, times);
          times.push(at);
          await service.notify(dataSource.manager, { kind: 'task_overdue', venueId: venueOf.get(province)!, taskId: randomUUID(), audience }, null);
          const committed = committedAt.get(key) ?? [];
          committedAt.set(key, committed);
          committed.push(performance.now());
        });
        chains.set(key, chain);
        caused.push(chain);
      }
      await Promise.all(caused);
      const causeSeconds = (performance.now() - start) / 1000;
      // Every stream catches up (or 15 s pass).
      const behind = () =>
        clients.reduce(
          (sum, client) => sum + client.groups(provinces).reduce((n, key) => n + Math.max(0, (sentAt.get(key)?.length ?? 0) - client.delivered(key)), 0),
          0,
        );
      const deadline = Date.now() + 15_000;
      while (behind() > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
      const latencies: number[] = [];
      const fanout: number[] = [];
      for (const client of clients) {
        for (const key of client.groups(provinces)) {
          latencies.push(...client.latencies(key, sentAt.get(key) ?? []));
          fanout.push(...client.latencies(key, committedAt.get(key) ?? []));
        }
      }
      const writeLag = [...sentAt.entries()].flatMap(([key, times]) => times.map((at, i) => (committedAt.get(key)?.[i] ?? at) - at));
      const missing = behind();
      const result = {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        fanoutP99: percentile(fanout, 99),
        writeP99: percentile(writeLag, 99),
        max: latencies.reduce((a, b) => Math.max(a, b), 0),
        deliveries: latencies.length,
        missing,
      };
      console.log(
        `${label}: ${total} causes in ${causeSeconds.toFixed(1)} s (${(total / causeSeconds).toFixed(0)}/s), ${result.deliveries} deliveries to ${clients.length} stream(s), ` +
          `p50 ${result.p50.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, max ${result.max.toFixed(0)} ms, missing ${missing}; ` +
          `of which cause → written p99 ${result.writeP99.toFixed(0)} ms, written → SSE p99 ${result.fanoutP99.toFixed(0)} ms`,
      );
      return result;
    };

    const planner = liveUsers.find((user) => user.role === 'central_planner')!;
    const lone = await LiveClient.open(PORTS[1], ticket(planner.id), planner.province_code, (audience, code) => overdueGroupKey(audience, code, day));
    const baseline = await run([lone], 'baseline, 1 client');
    lone.close();

    const clients: LiveClient[] = [];
    for (const [i, user] of liveUsers.entries())
      clients.push(await LiveClient.open(PORTS[i % 2], ticket(user.id), user.province_code, (audience, code) => overdueGroupKey(audience, code, day)));
    const live = await run(clients, `${clients.length} clients on 2 instances`);
    for (const client of clients) client.close();

    const apiPeak = Math.max(...apis.map(rssOf));
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    console.log(
      `sse p99 ${live.p99.toFixed(0)} ms with ${clients.length} clients (goal < 1,000 ms) vs ${baseline.p99.toFixed(0)} ms with 1: ratio ${(live.p99 / baseline.p99).toFixed(2)}; ` +
        `peak RSS: API ${mb(apiPeak)} MiB (the larger instance), bench ${mb(benchPeakRss)} MiB`,
    );
    console.log(
      JSON.stringify({
        events_per_s: Math.round(eventsPerS),
        rows,
        baseline_ungrouped_events_per_s: Math.round(baselinePerS),
        baseline_ungrouped_rows_for_n: Math.round((plain / baselineTasks.length) * tasks.length),
        grouped_ratio: Math.round((eventsPerS / baselinePerS) * 100) / 100,
        sse_p99_ms: Math.round(live.p99),
        sse_p50_ms: Math.round(live.p50),
        sse_write_p99_ms: Math.round(live.writeP99),
        sse_fanout_p99_ms: Math.round(live.fanoutP99),
        sse_baseline_fanout_p99_ms: Math.round(baseline.fanoutP99),
        sse_baseline_p99_ms: Math.round(baseline.p99),
        sse_ratio: Math.round((live.p99 / baseline.p99) * 100) / 100,
        sse_clients: clients.length,
        sse_rate_per_s: RATE,
        sse_deliveries: live.deliveries,
        sse_missing: live.missing,
        api_peak_rss_mb: mb(apiPeak),
        bench_peak_rss_mb: mb(benchPeakRss),
        n: tasks.length,
      }),
    );
  } finally {
    for (const api of apis) api.kill('SIGTERM');
    clearInterval(sampler);
    await dataSource.destroy();
    await deleteOwnKeys(redis);
    await redis.quit();
  }
}

/**
 * One SSE connection, as a browser's EventSource. Its reader has one grouped entry per group it reads
 * (an organizer: its province's; a planner: one per province), known by the entry's link; each arrival
 * of an entry with a higher count delivers every cause up to that count.
 */
class LiveClient {
  private readonly counts = new Map<string, number>();
  private readonly base = new Map<string, number>();
  private readonly arrivals = new Map<string, Array<{ count: number; at: number }>>();
  private destroy?: () => void;

  private constructor(
    private readonly province: string | null,
    private readonly keyOf: (audience: 'province' | 'planners', province: string) => string,
  ) {}

  static open(
    port: number,
    ticket: string,
    province: string | null,
    keyOf: (audience: 'province' | 'planners', province: string) => string,
  ): Promise<LiveClient> {
    const client = new LiveClient(province, keyOf);
    return new Promise((done, fail) => {
      const req = httpRequest(
        `http://127.0.0.1:${port}/api/notifications/stream?ticket=${encodeURIComponent(ticket)}`,
        { headers: { Accept: 'text/event-stream' }, agent: false },
        (response) => {
          if (response.statusCode !== 200) return fail(new Error(`stream answered ${response.statusCode}`));
          response.setEncoding('utf8');
          let buffer = '';
          response.on('data', (chunk: string) => {
            const now = performance.now();
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').find((line) => line.startsWith('data: '));
              if (!data || !block.includes('event: notification')) continue;
              client.heard(JSON.parse(data.slice(6)) as { itemCount: number; link: string }, now);
            }
          });
          done(client);
        },
      );
      client.destroy = () => req.destroy();
      req.on('error', fail);
      req.end();
    });
  }

  private heard(entry: { itemCount: number; link: string }, at: number): void {
    const province = entry.link.split('tinh=')[1];
    const key = this.keyOf(this.province ? 'province' : 'planners', province);
    if (entry.itemCount <= (this.counts.get(key) ?? this.base.get(key) ?? 0)) return;
    this.counts.set(key, entry.itemCount);
    const list = this.arrivals.get(key) ?? [];
    this.arrivals.set(key, list);
    list.push({ count: entry.itemCount, at });
  }

  /** The groups whose causes this reader gets. */
  groups(provinces: string[]): string[] {
    return this.province ? [this.keyOf('province', this.province)] : provinces.map((code) => this.keyOf('planners', code));
  }

  reset(base: Map<string, number>): void {
    this.arrivals.clear();
    this.counts.clear();
    this.base.clear();
    for (const [key, n] of base) this.base.set(key, n);
  }

  delivered(key: string): number {
    return (this.counts.get(key) ?? this.base.get(key) ?? 0) - (this.base.get(key) ?? 0);
  }

  /** For each cause of the group (its time at index k − 1 for count base + k), the time until it arrived here. */
  latencies(key: string, sentAt: number[]): number[] {
    const base = this.base.get(key) ?? 0;
    const out: number[] = [];
    let done = base;
    for (const arrival of this.arrivals.get(key) ?? []) {
      for (let k = done + 1; k <= arrival.count; k += 1) if (sentAt[k - base - 1] !== undefined) out.push(arrival.at - sentAt[k - base - 1]);
      done = Math.max(done, arrival.count);
    }
    return out;
  }

  close(): void {
    this.destroy?.();
  }
}

function startApi(port: number): ChildProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], {
    cwd: resolve(__dirname, '..'),
    env: { PATH: process.env.PATH, ...env, HTTP_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (code !== null && code !== 0) console.error(`API on ${port} exited with ${code ?? signal}`);
  });
  return child;
}

async function waitForLive(port: number): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`API on ${port} did not start`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
