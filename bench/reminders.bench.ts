/**
 * bench/reminders: the reminder engine against raw BullMQ on the same Redis, in the same run.
 *  1. fire F reminders falling due at ~1,000/s through a no-op sender: lateness p50/p99/max;
 *  2. processing rate: F reminders all due now vs raw BullMQ processing of F no-op jobs, same concurrency;
 *  3. schedule N reminders due in a month in batches (Postgres rows; beyond the horizon, so their
 *     delayed jobs come later, from the reconciler), vs addBulk of N no-op jobs (the issue's baseline,
 *     `ratio`); then the reconciler's sweep enqueueing their N delayed jobs, rows and jobs together
 *     against the same baseline (`ratio_with_sweep`) and against addBulk of the same N delayed jobs
 *     without rows (`ratio_same_jobs`); Redis memory of the scheduled reminders and of their jobs.
 *  4. two worker processes (bench/reminders-worker.ts) firing T reminders falling due at 3,000/s
 *     (a sustained rate, T/3,000 seconds of it; scheduled beforehand by this process, which then
 *     consumes nothing): lateness p50/p99/max (goal p99 < 1 s), each sent once.
 * Each ratio is the same run's raw BullMQ time over the engine's (≥ 1 would be as fast as raw); beside
 * them the CPU time of this process per 1,000, and (BENCH_CPU_PROF=<dir>) a V8 CPU profile of each
 * phase, (BENCH_HEAP_PROF=<dir>) a sampled allocation profile of each; BENCH_REDIS_COMMANDS=1 prints the Redis commands each phase made (server-wide). Prints the peak RSS of this process (which runs the worker module) during the million.
 * Last line: one JSON object. `bench/reminders [scale] two-workers` runs only step 4, `one-worker`
 * steps 1–3.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';

const SCALE = Number(process.argv[2] ?? 1);
// BENCH_SCHEDULE_SCALE: step 3 at its own scale (a quick look at firing alone: BENCH_SCHEDULE_SCALE=0.01).
const SCHEDULE_N = Math.round(1_000_000 * Number(process.env.BENCH_SCHEDULE_SCALE ?? SCALE));
const FIRE_N = Math.max(100, Math.round(50_000 * SCALE));
const BATCH = 5_000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 128); // the worker default (REMINDER_CONCURRENCY); the raw BullMQ baseline runs at the same and at 64
const ONLY_TWO_WORKERS = process.argv[3] === 'two-workers';
const ONLY_ONE_WORKER = process.argv[3] === 'one-worker'; // steps 1–3 only (`two_workers: null`)
const LATENESS_RATE = 1_000; // due per second in step 1
const TWO_WORKERS_RATE = 3_000; // due per second, sustained
const TWO_WORKERS_N = Math.max(TWO_WORKERS_RATE, Math.round(60_000 * SCALE)); // 20 s of it at scale 1

Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13',
  REDIS_KEY_PREFIX: 'ngayhoi-bench',
  WORKER_METRICS_PORT: '0',
  JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
  LINK_SECRET: 'bench-link-secret-long-enough-to-sign-rsvp-links-01',
  LOG_LEVEL: 'silent',
  REMINDER_CONCURRENCY: String(CONCURRENCY),
  REMINDER_GRACE_MINUTES: '600',
  ENV_FILE: '/nonexistent',
});

let peakRss = 0;
// memoryUsage.rss() alone: memoryUsage() also walks the heap's spaces, ten times a second, on the thread being measured.
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/**
 * Runs one timed phase: its wall time and this process's CPU time (user + system, every thread), the
 * figure a loaded machine changes least. With BENCH_CPU_PROF=<dir>, a V8 CPU profile of the phase alone
 * is written there as reminders-<name>.cpuprofile (open it in Chrome's DevTools or speedscope).
 */
/** Redis' used_memory (bytes): the whole server's, so other clients' keys move it too. */
async function redisUsedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);
}

/** CPU time (ms) used so far by the machine's PostgreSQL and Redis server processes (all of them: shared servers). */
function serviceCpuMs(): { postgres: number; redis: number } {
  const totals = { postgres: 0, redis: 0 };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    if (comm === 'postgres') totals.postgres += ms;
    else if (comm.startsWith('redis-server')) totals.redis += ms;
  }
  return totals;
}

/** Calls per command, server-wide (INFO commandstats): BENCH_REDIS_COMMANDS=1 prints each phase's. */
async function redisCommandCalls(redis: Redis): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const match of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1], Number(match[2]));
  return calls;
}
let commandStats: Redis | undefined;

async function phase<T>(name: string, run: () => Promise<T>): Promise<{ value: T; seconds: number; cpuMs: number }> {
  if (process.env.BENCH_REDIS_COMMANDS && !commandStats) commandStats = new Redis(process.env.REDIS_URL as string);
  const callsBefore = commandStats && (await redisCommandCalls(commandStats));
  const profileDir = process.env.BENCH_CPU_PROF;
  const heapDir = process.env.BENCH_HEAP_PROF;
  const session = profileDir || heapDir ? new Session() : undefined;
  if (session) session.connect();
  if (session && profileDir) {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  if (session && heapDir)
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  const cpu = process.cpuUsage();
  const services = serviceCpuMs();
  const start = process.hrtime.bigint();
  const value = await run();
  const wall = seconds(start);
  const used = process.cpuUsage(cpu);
  const servicesAfter = serviceCpuMs();
  console.log(
    `phase ${name}: ${wall.toFixed(2)} s; CPU ms: this process ${Math.round((used.user + used.system) / 1000)}, postgres ${servicesAfter.postgres - services.postgres}, redis ${servicesAfter.redis - services.redis}`,
  );
  if (commandStats && callsBefore) {
    const callsAfter = await redisCommandCalls(commandStats);
    const changed = [...callsAfter].map(([command, calls]) => [command, calls - (callsBefore.get(command) ?? 0)] as const).filter(([, calls]) => calls > 0);
    console.log(
      `  redis commands in ${name}: ${changed
        .sort((a, b) => b[1] - a[1])
        .map(([command, calls]) => `${command} ${calls}`)
        .join(', ')}`,
    );
  }
  if (session && profileDir) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(profileDir, `reminders-${name}.cpuprofile`), JSON.stringify(profile));
  }
  if (session && heapDir) {
    const { profile } = await session.post('HeapProfiler.stopSampling');
    writeFileSync(join(heapDir, `reminders-${name}.heapprofile`), JSON.stringify(profile));
  }
  session?.disconnect();
  return { value, seconds: wall, cpuMs: (used.user + used.system) / 1000 };
}
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function main(): Promise<void> {
  const { loadAppConfig, AppConfig } = await import('@app/config');
  const { recreateDatabase, createDataSource } = await import('@app/database');
  const { bullConnection, bullPrefix, jobOptions, JobProducer } = await import('@app/queue');
  const { FireReminderJob, ReconcileRemindersHandler, ReminderKind, ReminderScheduler, ReminderSenders } = await import('@app/reminders');
  const { WorkerModule } = await import('../apps/worker/src/worker.module');
  const { MetricsRegistry } = await import('@app/common');
  const config = loadAppConfig();

  const redis = new Redis(config.REDIS_URL);
  await redis.flushdb(); // the bench's own Redis database index
  await recreateDatabase(config.DATABASE_URL);
  const dataSource = await createDataSource(config).initialize();
  await dataSource.runMigrations();
  const [{ id: editionId }] = await dataSource.query(
    `INSERT INTO editions (year, theme, window_start, window_end, national_day) VALUES (2030, 'Đo hiệu năng', '2030-07-01', '2030-08-19', '2030-08-19') RETURNING id`,
  );
  if (ONLY_TWO_WORKERS) {
    const twoWorkers = await twoWorkerRun(dataSource, editionId);
    await dataSource.destroy();
    await redis.flushdb();
    await redis.quit();
    clearInterval(sampler);
    console.log(JSON.stringify({ two_workers: twoWorkers }));
    process.exit(0);
  }

  const worker = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  await worker.init();
  // The no-op transport: the engine does all its work (claim, record, lateness) but sends nothing.
  worker.get(ReminderSenders).register(ReminderKind.DelegateEvent, async () => ({ messageId: 'noop' }));
  const scheduler = worker.get(ReminderScheduler);

  const drafts = (count: number, due: (index: number) => Date) =>
    Array.from({ length: count }, (_, index) => ({
      kind: ReminderKind.DelegateEvent,
      subjectId: randomUUID(),
      editionId,
      recipientEmail: `daibieu${index}@vanphong.example.vn`,
      recipientName: `Đại biểu ${index}`,
      offsetMinutes: 120,
      dueAt: due(index),
    }));
  const scheduleAll = async (count: number, due: (index: number) => Date) => {
    // Drafts are built a slice at a time so the million never sits in memory as objects at once.
    for (let offset = 0; offset < count; offset += 20 * BATCH) {
      await scheduler.scheduleMany(
        dataSource,
        drafts(Math.min(20 * BATCH, count - offset), (index) => due(offset + index)),
        BATCH,
      );
    }
  };

  // 1. Lateness: F reminders falling due at ~1,000/s. The first falls due only once all are
  // scheduled (the lead allows ~2,000/s; measured ~6,000/s): this process also runs the scheduler,
  // and a worker sharing its CPU with a bulk import measures the import, not the firing.
  const first = Date.now() + 3_000 + FIRE_N / 2;
  // Waits for `count` more reminders sent, by the worker's own counter (ngayhoi_reminders_fired_total,
  // counted as each sent-mark commits): polling PostgreSQL instead (a count of the table five times a
  // second) cost it ~2–4 s of CPU a phase, on the cores the engine runs on, which raw BullMQ's
  // in-process counter does not. The table is checked once at the end.
  const firedTotal = worker.get(MetricsRegistry).registry.getSingleMetric('ngayhoi_reminders_fired_total');
  if (!firedTotal) throw new Error('the worker has no ngayhoi_reminders_fired_total');
  const sentSoFar = async () => (await firedTotal.get()).values.find((value) => value.labels.outcome === 'sent')?.value ?? 0;
  let sentBefore = 0;
  const waitSent = async (count: number) => {
    while ((await sentSoFar()) - sentBefore < count) await sleep(20);
    sentBefore = await sentSoFar();
    const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM reminders WHERE status = 'sent'`);
    if (sent !== count) throw new Error(`${sent} reminders marked sent, the worker counted ${count}`);
  };
  const latenessRun = await phase('lateness', async () => {
    const scheduling = Date.now();
    await scheduleAll(FIRE_N, (index) => new Date(first + (index * 1_000) / LATENESS_RATE));
    const leadLeftMs = first - Date.now();
    if (leadLeftMs < 0) console.warn(`scheduling ran ${-leadLeftMs} ms past the first due time: lateness includes it`);
    const schedulingSeconds = (Date.now() - scheduling) / 1000;
    await waitSent(FIRE_N);
    return schedulingSeconds;
  });
  const fireSchedulingSeconds = latenessRun.value;
  const [lateness] = await dataSource.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_ms) AS p99,
            max(lateness_ms) AS max FROM reminders WHERE status = 'sent'`,
  );
  await dataSource.query(`TRUNCATE reminders`);

  // 2. Processing rate: F reminders all due now, vs F no-op jobs through a raw BullMQ worker.
  const fireRun = await phase('fire', async () => {
    await scheduleAll(FIRE_N, () => new Date());
    await waitSent(FIRE_N);
  });

  await dataSource.query(`TRUNCATE reminders`);

  // 3. Scheduling (last, so the million delayed jobs never share Redis with a timing measurement): N reminders due in a month (rows + delayed jobs) vs raw addBulk of N no-op jobs.
  const month = Date.now() + 30 * 24 * 3600_000;
  const redisBefore = await redisUsedMemory(redis);
  const scheduleRun = await phase('schedule', () => scheduleAll(SCHEDULE_N, (index) => new Date(month + index)));
  const peakDuringMillion = peakRss;
  const redisAfterSchedule = await redisUsedMemory(redis);
  // Due a month ahead, beyond the horizon: the scheduler wrote rows only. Their jobs are enqueued by the
  // reconciler as they come within the horizon (every minute, a minute's worth); here all at once, by
  // the reconciler's own run with a horizon reaching them — the rest of the work scheduling implies.
  const reachingThem = Object.assign(Object.create(AppConfig.prototype) as InstanceType<typeof AppConfig>, config, {
    REMINDER_RECONCILE_HORIZON_HOURS: 31 * 24 + 1,
  });
  const sweepRun = await phase('sweep', () => new ReconcileRemindersHandler(dataSource, worker.get(JobProducer), reachingThem).handle());
  const redisAfterSweep = await redisUsedMemory(redis);
  if (sweepRun.value.requeued + sweepRun.value.arrived !== SCHEDULE_N)
    throw new Error(`the sweep enqueued ${sweepRun.value.requeued + sweepRun.value.arrived} jobs for ${SCHEDULE_N} reminders`);
  const raw = new Queue('bench-raw', { connection: bullConnection(config, 'worker'), prefix: bullPrefix(config) });
  const rawScheduleRun = await phase('raw-schedule', async () => {
    for (let offset = 0; offset < SCHEDULE_N; offset += BATCH) {
      await raw.addBulk(Array.from({ length: Math.min(BATCH, SCHEDULE_N - offset) }, (_, index) => ({ name: 'noop', data: { index: offset + index } })));
    }
  });
  // The same jobs as the engine's, without their rows: delayed, with their ids, attempts, backoff and
  // retention (FireReminderJob's options). Beside the issue's baseline (bare jobs), not instead of it:
  // it tells BullMQ's own cost of such jobs from the engine's.
  const rawSame = new Queue('bench-raw-same', { connection: bullConnection(config, 'worker'), prefix: bullPrefix(config) });
  const tuning = { mailRetryDelayMs: config.MAIL_RETRY_DELAY_MS, updateDelayMs: config.INVITATION_UPDATE_DELAY_SECONDS * 1000 };
  const rawSameScheduleRun = await phase('raw-schedule-same-jobs', async () => {
    for (let offset = 0; offset < SCHEDULE_N; offset += BATCH) {
      await rawSame.addBulk(
        Array.from({ length: Math.min(BATCH, SCHEDULE_N - offset) }, (_, index) => {
          const data = { reminderId: randomUUID(), revision: 1, dueAt: month + offset + index };
          return { name: FireReminderJob.name, data, opts: jobOptions(FireReminderJob, data, tuning) };
        }),
      );
    }
  });
  await rawSame.close();
  await worker.close();

  // Raw no-op processing at the worker's concurrency and at 64 (the issue's, and the worker's default
  // until issue 21's third pass): the ratio is taken against the faster of the two, so a concurrency
  // that suits the engine but slows raw BullMQ does not flatter it.
  const rawFireAt = async (concurrency: number) => {
    const queueName = `bench-raw-fire-${concurrency}`;
    const rawQueue = new Queue(queueName, { connection: bullConnection(config, 'worker'), prefix: bullPrefix(config) });
    let processed = 0;
    const rawWorker = new Worker(queueName, async () => void (processed += 1), {
      connection: bullConnection(config, 'worker'),
      prefix: bullPrefix(config),
      concurrency,
      autorun: false,
    });
    const run = await phase(`raw-fire-${concurrency}`, async () => {
      for (let offset = 0; offset < FIRE_N; offset += BATCH) {
        await rawQueue.addBulk(Array.from({ length: Math.min(BATCH, FIRE_N - offset) }, (_, index) => ({ name: 'noop', data: { index: offset + index } })));
      }
      void rawWorker.run();
      while (processed < FIRE_N) await sleep(50);
    });
    await rawWorker.close();
    await rawQueue.close();
    return run;
  };
  const rawFireRuns = [await rawFireAt(CONCURRENCY), ...(CONCURRENCY === 64 ? [] : [await rawFireAt(64)])];
  const rawFireRun = rawFireRuns.reduce((best, run) => (run.seconds < best.seconds ? run : best));
  await raw.close();

  const schedule = {
    per_s: round(SCHEDULE_N / scheduleRun.seconds),
    raw_per_s: round(SCHEDULE_N / rawScheduleRun.seconds),
    ratio: round(rawScheduleRun.seconds / scheduleRun.seconds, 3),
    // CPU of this process (the scheduler, the pg and Redis clients), per 1,000 reminders / raw jobs.
    cpu_ms_per_1000: round((scheduleRun.cpuMs / SCHEDULE_N) * 1000),
    raw_cpu_ms_per_1000: round((rawScheduleRun.cpuMs / SCHEDULE_N) * 1000),
    // The reconciler enqueueing the N jobs as the reminders come within the horizon (here at once).
    sweep_per_s: round(SCHEDULE_N / sweepRun.seconds),
    sweep_cpu_ms_per_1000: round((sweepRun.cpuMs / SCHEDULE_N) * 1000),
    // Rows and jobs together (scheduling, then the sweep) against the same baseline.
    ratio_with_sweep: round(rawScheduleRun.seconds / (scheduleRun.seconds + sweepRun.seconds), 3),
    // Raw addBulk of the engine's own jobs (delayed, ids, attempts, backoff, retention), no rows, against rows and jobs together.
    raw_same_jobs_per_s: round(SCHEDULE_N / rawSameScheduleRun.seconds),
    ratio_same_jobs: round(rawSameScheduleRun.seconds / (scheduleRun.seconds + sweepRun.seconds), 3),
    raw_same_jobs_cpu_ms_per_1000: round((rawSameScheduleRun.cpuMs / SCHEDULE_N) * 1000),
    // Redis memory the N reminders take once scheduled (rows only) and once their jobs are in (the server's used_memory, MiB).
    redis_mb_scheduled: round((redisAfterSchedule - redisBefore) / 2 ** 20),
    redis_mb_with_jobs: round((redisAfterSweep - redisBefore) / 2 ** 20),
  };
  const fire = {
    // Lateness of F reminders falling due at LATENESS_RATE a second.
    due_per_s: LATENESS_RATE,
    p50_ms: round(Number(lateness.p50)),
    p99_ms: round(Number(lateness.p99)),
    max_ms: round(Number(lateness.max)),
    // F reminders due at once (scheduled, then fired) vs F no-op jobs added, then processed by raw BullMQ.
    per_s: round(FIRE_N / fireRun.seconds),
    raw_per_s: round(FIRE_N / rawFireRun.seconds),
    ratio: round(rawFireRun.seconds / fireRun.seconds, 3),
    cpu_ms_per_1000: round((fireRun.cpuMs / FIRE_N) * 1000),
    raw_cpu_ms_per_1000: round((rawFireRun.cpuMs / FIRE_N) * 1000),
    concurrency: CONCURRENCY,
    // Raw no-op processing at each concurrency tried (the ratio uses the faster).
    raw_per_s_by_concurrency: Object.fromEntries(rawFireRuns.map((run, index) => [index === 0 ? CONCURRENCY : 64, round(FIRE_N / run.seconds)])),
  };
  const peakMb = round(peakDuringMillion / 2 ** 20);
  const load = loadavg().map((value) => round(value, 2));
  console.log(
    `scheduling ${SCHEDULE_N} reminders due in a month (rows; their delayed jobs come with the sweep): ${scheduleRun.seconds.toFixed(1)} s, ${schedule.per_s}/s, ${schedule.cpu_ms_per_1000} ms CPU per 1,000; Redis +${schedule.redis_mb_scheduled} MiB`,
  );
  console.log(
    `  the reconciler's sweep enqueueing their ${SCHEDULE_N} delayed jobs: ${sweepRun.seconds.toFixed(1)} s, ${schedule.sweep_per_s}/s, ${schedule.sweep_cpu_ms_per_1000} ms CPU per 1,000; Redis +${schedule.redis_mb_with_jobs} MiB with the jobs`,
  );
  console.log(
    `  raw BullMQ addBulk of ${SCHEDULE_N} no-op jobs: ${rawScheduleRun.seconds.toFixed(1)} s, ${schedule.raw_per_s}/s, ${schedule.raw_cpu_ms_per_1000} ms CPU per 1,000; ratio ${schedule.ratio} (goal ≥ 0.8)`,
  );
  console.log(
    `  rows and jobs together (scheduling + sweep) against it: ratio ${schedule.ratio_with_sweep}; raw BullMQ addBulk of the same ${SCHEDULE_N} delayed jobs (ids, attempts, backoff, retention; no rows): ${rawSameScheduleRun.seconds.toFixed(1)} s, ${schedule.raw_same_jobs_per_s}/s, ${schedule.raw_same_jobs_cpu_ms_per_1000} ms CPU per 1,000; ratio to rows and jobs ${schedule.ratio_same_jobs}`,
  );
  console.log(
    `firing ${FIRE_N} reminders due at ~${LATENESS_RATE}/s (scheduled beforehand in ${fireSchedulingSeconds.toFixed(1)} s): lateness p50 ${fire.p50_ms} ms, p99 ${fire.p99_ms} ms (goal < 100), max ${fire.max_ms} ms`,
  );
  console.log(
    `  processing ${FIRE_N} due at once: ${fire.per_s}/s, ${fire.cpu_ms_per_1000} ms CPU per 1,000; raw BullMQ no-op processing: ${fire.raw_per_s}/s (the faster of ${JSON.stringify(fire.raw_per_s_by_concurrency)} by concurrency), ${fire.raw_cpu_ms_per_1000} ms CPU per 1,000; ratio ${fire.ratio} (goal ≥ 0.5)`,
  );
  console.log(`peak RSS of the process running the worker during the million: ${peakMb} MiB; load average at the end ${load.join(' ')}`);

  // 4. Two worker processes at 3,000 due/s, on an empty Redis (step 3's million delayed jobs gone).
  await dataSource.query(`TRUNCATE reminders`);
  await redis.flushdb();
  const twoWorkers = ONLY_ONE_WORKER ? null : await twoWorkerRun(dataSource, editionId);
  await dataSource.destroy();
  await redis.flushdb(); // the bench's own database index
  await redis.quit();
  clearInterval(sampler);

  console.log(
    JSON.stringify({ schedule, fire, peak_rss_mb: peakMb, load_average: load, counts: { schedule: SCHEDULE_N, fire: FIRE_N }, two_workers: twoWorkers }),
  );
  process.exit(0);
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** A bench/reminders-worker.ts process, with this process's environment; resolves once it consumes. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'bench/reminders-worker.ts'], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  while (!output.includes('ready')) {
    if (child.exitCode !== null) throw new Error(`a bench worker exited (${child.exitCode}) before it was ready`);
    await sleep(100);
  }
  return child;
}

/**
 * Step 4: two worker processes fire TWO_WORKERS_N reminders falling due at TWO_WORKERS_RATE a second.
 * This process only schedules, through a producer-side module (the API's reminders module), and reads
 * the lateness each reminder recorded when it fired (due → accepted by the no-op transport).
 */
async function twoWorkerRun(dataSource: import('typeorm').DataSource, editionId: string): Promise<Record<string, number>> {
  const { AuditModule } = await import('@app/audit');
  const { ConfigModule } = await import('@app/config');
  const { LoggingModule } = await import('@app/common');
  const { DatabaseModule } = await import('@app/database');
  const { QueueModule } = await import('@app/queue');
  const { RedisModule } = await import('@app/redis');
  const { ReminderKind, ReminderScheduler, RemindersModule } = await import('@app/reminders');
  const workers = await Promise.all([startWorker(), startWorker()]);
  const producer = await Test.createTestingModule({
    imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, QueueModule.forRoot('producer'), AuditModule, RemindersModule],
  }).compile();
  await producer.init();
  const scheduler = producer.get(ReminderScheduler);
  const spacingMs = 1_000 / TWO_WORKERS_RATE;
  // Falling due once all are scheduled (the lead allows ~2,000 scheduled a second).
  const first = Date.now() + 3_000 + TWO_WORKERS_N / 2;
  // Batches of 1,000: scheduling is not what this run measures, and an addBulk of 5,000 delayed jobs
  // can outlast the producer's 2 s fail-fast bound on a loaded machine (its Redis shared).
  const batch = 1_000;
  for (let offset = 0; offset < TWO_WORKERS_N; offset += batch) {
    const drafts = Array.from({ length: Math.min(batch, TWO_WORKERS_N - offset) }, (_, index) => ({
      kind: ReminderKind.DelegateEvent,
      subjectId: randomUUID(),
      editionId,
      recipientEmail: `daibieu${offset + index}@vanphong.example.vn`,
      recipientName: `Đại biểu ${offset + index}`,
      offsetMinutes: 120,
      dueAt: new Date(first + (offset + index) * spacingMs),
    }));
    await scheduler.scheduleMany(dataSource, drafts, batch);
  }
  const leadLeftMs = first - Date.now();
  if (leadLeftMs < 0) console.warn(`two workers: scheduling ran ${-leadLeftMs} ms past the first due time: lateness includes it`);
  for (;;) {
    const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM reminders WHERE status = 'sent'`);
    if (sent >= TWO_WORKERS_N) break;
    await sleep(200);
  }
  const [lateness] = await dataSource.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_ms) AS p99,
            max(lateness_ms) AS max, count(*)::int AS sent, max(attempts)::int AS most_attempts FROM reminders WHERE status = 'sent'`,
  );
  await producer.close();
  await Promise.all(
    workers.map(async (child) => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }),
  );
  const result = {
    due_per_s: TWO_WORKERS_RATE,
    count: TWO_WORKERS_N,
    sent: lateness.sent,
    most_attempts: lateness.most_attempts,
    p50_ms: round(Number(lateness.p50)),
    p99_ms: round(Number(lateness.p99)),
    max_ms: round(Number(lateness.max)),
  };
  console.log(
    `two worker processes firing ${TWO_WORKERS_N} reminders due at ${TWO_WORKERS_RATE}/s (${TWO_WORKERS_N / TWO_WORKERS_RATE} s sustained): lateness p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms (goal < 1000), max ${result.max_ms} ms; ${result.sent} sent, at most ${result.most_attempts} attempt(s) each`,
  );
  return result;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
