/**
 * bench/solver-isolation: planning runs solved while the API answers and reminders fire (issue 19).
 * One process holds the API (listening on loopback) and the worker module, so the event loop measured
 * is the one both share; every solve goes the production path (POST …/planning-runs → planning queue →
 * the worker's solver thread). Instances: bench/solver-instances.ts (seeded), written to the database.
 *  1. API: GET /api/health/live at RATE requests/s (latency counted from each request's scheduled
 *     moment, so a blocked loop is not hidden by requests sent late), and the event-loop delay
 *     (perf_hooks.monitorEventLoopDelay, 10 ms resolution): p99 idle, during NATIONAL_RUNS national
 *     runs (30 central venues, 40 leaders), during a nationwide run (34 provinces, ~3,300 commune
 *     venues and ~2,000 officials at scale 1) — and, as the baseline, during the same national solves
 *     made on the event loop itself (planInstance, the API's path before issue 19). Goal: < 50 ms.
 *  2. Reminders: F reminders falling due at ~1,000/s through a no-op sender, p99 lateness without a
 *     solve, then with nationwide runs solving the whole time they fire (goal: no worse).
 *  In every API phase, the main thread's long tasks (watchStalls): gaps over 20 ms of a 1 ms timer, with
 *  the thread's CPU in each and the phase of the run; the loop's delay at 1 ms resolution; GC pauses.
 *  `nationwide_longest_stall_ms` is the longest during the nationwide run (run under `node --cpu-prof`
 *  to read the frames of a stall: its from_us/to_us are the profile's clock).
 * Usage: bench/solver-isolation [scale] [reminders]   (scale 0.1 = a tenth of the communes; default 10,000 reminders)
 * Last line: one JSON object.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Agent, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const SCALE = Number(process.argv[2] ?? 1);
const REMINDERS = Number(process.argv[3] ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const NATIONAL_RUNS = 5;
const SEED = 20270819;

Object.assign(process.env, {
  NODE_ENV: 'test',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_bench_isolation',
  REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/12',
  REDIS_KEY_PREFIX: 'ngayhoi-bench-isolation',
  WORKER_METRICS_PORT: '0',
  JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
  LINK_SECRET: 'bench-link-secret-long-enough-to-sign-rsvp-links-01',
  LOG_LEVEL: 'silent',
  LOGIN_RATE_LIMIT_PER_IP: '100000',
  REMINDER_GRACE_MINUTES: '600',
  PLANNING_THREADS: '1',
  PLANNING_THREADS_AT_START: 'true',
  ENV_FILE: '/nonexistent',
});

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] : NaN;
};

/** Where the worker's half of a planning run stands (set by the wrappers in main), to label a stall. */
let runPhase = 'no run';

interface Stall {
  /** Milliseconds the main thread did not come back to its timers. */
  gap_ms: number;
  /** Of which CPU time of the main thread (the rest: waiting for a core, on a shared machine). */
  cpu_ms: number;
  /** When the stall ended, in ms from the window's start. */
  at_ms: number;
  phase: string;
  /** When the stall began and ended, in µs of the monotonic clock (a --cpu-prof profile's timestamps). */
  from_us: number;
  to_us: number;
}

/**
 * The main thread's long tasks while `during` runs: a 1 ms timer whose gaps over STALL_MS are recorded
 * (each with the run's phase), an event-loop delay histogram at 1 ms resolution, and GC pauses.
 */
const STALL_MS = 20;
async function watchStalls<T>(during: () => Promise<T>): Promise<{
  value: T;
  stalls: Stall[];
  fine_loop_p99_ms: number;
  gc: { pauses: number; total_ms: number; longest_ms: number };
}> {
  const stalls: Stall[] = [];
  const fine = monitorEventLoopDelay({ resolution: 1 });
  const started = performance.now();
  const gc = { pauses: 0, total_ms: 0, longest_ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.pauses += 1;
      gc.total_ms += entry.duration;
      gc.longest_ms = Math.max(gc.longest_ms, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const threadCpu = () => {
    const { user, system } = process.threadCpuUsage();
    return (user + system) / 1000;
  };
  let last = performance.now();
  let lastCpu = threadCpu();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpu();
    const gap = now - last;
    if (gap > STALL_MS) {
      const to = Number(process.hrtime.bigint() / 1000n);
      stalls.push({
        gap_ms: round(gap),
        cpu_ms: round(cpu - lastCpu),
        at_ms: Math.round(now - started),
        phase: runPhase,
        from_us: Math.round(to - gap * 1000),
        to_us: to,
      });
    }
    last = now;
    lastCpu = cpu;
  }, 1);
  fine.enable();
  try {
    const value = await during();
    return { value, stalls, fine_loop_p99_ms: round(fine.percentile(99) / 1e6), gc: { ...gc, total_ms: round(gc.total_ms), longest_ms: round(gc.longest_ms) } };
  } finally {
    clearInterval(timer);
    fine.disable();
    observer.disconnect();
  }
}

/** Requests at RATE/s to a trivial route, and the event loop's delay, while `during` runs. */
async function measure(
  base: string,
  during: () => Promise<void>,
): Promise<{
  api_p99_ms: number;
  event_loop_delay_p99_ms: number;
  event_loop_delay_p99_ms_at_1ms: number;
  longest_stall_ms: number;
  /** The stall in which the main thread itself ran longest (CPU time): a long task, not a wait for a core. */
  longest_stall_cpu_ms: number;
  stalls_over_20ms: number;
  gc: { pauses: number; total_ms: number; longest_ms: number };
  requests: number;
  seconds: number;
  longest_stalls: Stall[];
  busiest_stalls: Stall[];
}> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  let stop = false;
  loop.enable();
  const generator = (async () => {
    for (let n = 0; !stop; n++) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const request = new Promise<void>((done) => {
        get(`${base}/api/health/live`, { agent }, (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - due);
            done();
          });
        }).on('error', () => done());
      });
      inFlight.add(request);
      void request.then(() => inFlight.delete(request));
    }
  })();
  const watched = await watchStalls(during);
  stop = true;
  await generator;
  await Promise.all(inFlight);
  loop.disable();
  agent.destroy();
  const longest = [...watched.stalls].sort((a, b) => b.gap_ms - a.gap_ms);
  const busiest = [...watched.stalls].sort((a, b) => b.cpu_ms - a.cpu_ms);
  return {
    api_p99_ms: round(p99(latencies)),
    event_loop_delay_p99_ms: round(loop.percentile(99) / 1e6),
    event_loop_delay_p99_ms_at_1ms: watched.fine_loop_p99_ms,
    longest_stall_ms: longest[0]?.gap_ms ?? 0,
    longest_stall_cpu_ms: busiest[0]?.cpu_ms ?? 0,
    stalls_over_20ms: longest.length,
    gc: watched.gc,
    requests: latencies.length,
    seconds: round((performance.now() - started) / 1000),
    longest_stalls: longest.slice(0, 10),
    busiest_stalls: busiest.slice(0, 10),
  };
}

async function main(): Promise<void> {
  const { default: Redis } = await import('ioredis');
  const { loadAppConfig } = await import('@app/config');
  const { recreateDatabase } = await import('@app/database');
  const { planInstance, SolverThreads } = await import('@app/planning');
  const { ReminderKind, ReminderScheduler, ReminderSenders } = await import('@app/reminders');
  const { Role } = await import('@app/auth');
  const { VenueTier } = await import('@app/venues');
  const { nationalInstance, provinceInstances } = await import('./solver-instances');
  const { createUser } = await import('../test/utils/factories');
  const { seedPlanningEdition } = await import('../test/utils/planning-seed');
  const { createTestApp } = await import('../test/utils/test-app');
  const { createTestWorker } = await import('../test/utils/test-worker');
  const config = loadAppConfig();

  const redis = new Redis(config.REDIS_URL);
  const clearKeys = async () => {
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `*${config.REDIS_KEY_PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  };
  await clearKeys();
  await recreateDatabase(config.DATABASE_URL);
  const { createDataSource } = await import('@app/database');
  const migrator = await createDataSource(config).initialize();
  await migrator.runMigrations();
  await migrator.destroy();

  const api = await createTestApp();
  await api.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  const worker = await createTestWorker();
  const warm = await worker.get(SolverThreads).start();
  worker.get(ReminderSenders).register(ReminderKind.DelegateEvent, async () => ({ messageId: 'noop' }));
  const scheduler = worker.get(ReminderScheduler);
  // Labels for the stalls: which part of the worker's half of a run the main thread is in.
  const { PlanningSolver } = await import('../libs/planning/src/planning-solver');
  const solver = worker.get(PlanningSolver);
  const threads = worker.get(SolverThreads);
  const phased =
    <A extends unknown[], R>(during: string, after: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      runPhase = during;
      try {
        return await call(...args);
      } finally {
        runPhase = after;
      }
    };
  solver.solveQueued = phased('claim run', 'no run', solver.solveQueued.bind(solver));
  solver.loadInstance = phased('load instance', 'instance to thread', solver.loadInstance.bind(solver));
  threads.plan = phased('solver thread (main: progress, result message)', 'store result', threads.plan.bind(threads));
  const { dataSource } = api;
  const planner = await createUser(dataSource, Role.CentralPlanner);
  const token = await api.tokenFor(planner);

  const nationalData = nationalInstance(SEED);
  const provinces = Object.values(provinceInstances(SEED, Math.round(3300 * SCALE), Math.round(2000 * SCALE)));
  const nationwideData = {
    venues: provinces.flatMap((instance) => instance.venues),
    leaders: provinces.flatMap((instance) => instance.leaders),
    settings: provinces[0].settings,
  };
  const national = await seedPlanningEdition(dataSource, nationalData, VenueTier.Central);
  const nationwide = await seedPlanningEdition(dataSource, nationwideData, VenueTier.Commune);

  /** One planning run through the API and the worker, until it is proposed. */
  const planRun = async (seeded: typeof national): Promise<number> => {
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      response = await fetch(`${base}/api/editions/${seeded.edition.id}/planning-runs`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(seeded.request),
      });
      // 503: the run is saved but Redis did not take the job within 2 s (a starved machine); as a client would, ask again.
      if (response.status !== 503 || attempt === 5) break;
      await sleep(1_000);
    }
    if (response.status !== 201) throw new Error(`POST planning-runs: ${response.status} ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    for (;;) {
      const [run] = await dataSource.query(`SELECT status, failure, (result->'stats'->>'seconds')::float AS seconds FROM planning_runs WHERE id = $1`, [id]);
      if (run.status === 'proposed') return Number(run.seconds);
      if (!['queued', 'solving'].includes(run.status)) throw new Error(`run ${id} ended ${run.status}: ${run.failure}`);
      await sleep(100);
    }
  };

  // 1. The API and its event loop.
  const idle = await measure(base, async () => {
    await sleep(5_000);
  });
  console.log(`phase idle: ${JSON.stringify(idle)}`);
  let nationalSolveSeconds = 0;
  const duringNational = await measure(base, async () => {
    for (let run = 0; run < NATIONAL_RUNS; run++) nationalSolveSeconds += await planRun(national);
  });
  console.log(`phase national: ${JSON.stringify(duringNational)}`);
  let nationwideSolveSeconds = 0;
  const duringNationwide = await measure(base, async () => {
    nationwideSolveSeconds = await planRun(nationwide);
  });
  console.log(`phase nationwide: ${JSON.stringify(duringNationwide)}`);
  // Baseline: the same national solves on this event loop, as the API made them before issue 19.
  const inlineNational = await measure(base, async () => {
    for (let run = 0; run < NATIONAL_RUNS; run++) {
      await sleep(200); // as the runs above: a request's worth of work between solves
      await planInstance(nationalData, { mode: 'fresh', byProvince: false });
    }
  });

  // 2. Reminders at ~1,000/s, without a solve and with nationwide runs solving throughout.
  const [{ id: editionId }] = await dataSource.query(`SELECT id FROM editions ORDER BY year LIMIT 1`);
  const fire = async (withSolve: boolean): Promise<{ p99_ms: number; p50_ms: number; max_ms: number; solves: number }> => {
    await dataSource.query(`TRUNCATE reminders`);
    const lead = 3_000 + REMINDERS / 2; // scheduling first (~2,000/s allowed), so the firing is measured alone
    const first = Date.now() + lead;
    const drafts = Array.from({ length: REMINDERS }, (_, index) => ({
      kind: ReminderKind.DelegateEvent,
      subjectId: randomUUID(),
      editionId,
      recipientEmail: `daibieu${index}@vanphong.example.vn`,
      recipientName: `Đại biểu ${index}`,
      offsetMinutes: 120,
      dueAt: new Date(first + index),
    }));
    await scheduler.scheduleMany(dataSource, drafts, 5_000);
    const last = first + REMINDERS;
    let solves = 0;
    const solving = withSolve
      ? (async () => {
          // Solving from just before the first reminder falls due until the last has.
          await sleep(Math.max(0, first - Date.now() - 500));
          while (Date.now() < last) {
            await planRun(nationwide);
            solves += 1;
          }
        })()
      : Promise.resolve();
    for (;;) {
      const [{ sent }] = await dataSource.query(`SELECT count(*)::int AS sent FROM reminders WHERE status = 'sent'`);
      if (sent >= REMINDERS) break;
      await sleep(200);
    }
    await solving;
    const [lateness] = await dataSource.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_ms) AS p99,
              max(lateness_ms) AS max FROM reminders WHERE status = 'sent'`,
    );
    return { p50_ms: round(Number(lateness.p50)), p99_ms: round(Number(lateness.p99)), max_ms: round(Number(lateness.max)), solves };
  };
  console.log(`phase inline national: ${JSON.stringify(inlineNational)}`);
  const remindersAlone = await fire(false);
  console.log(`phase reminders without a solve: ${JSON.stringify(remindersAlone)}`);
  const remindersWithSolve = await fire(true);

  await worker.close();
  await api.close();
  await clearKeys();
  await redis.quit();

  const load = loadavg().map((value) => round(value, 2));
  const worst = (a: number, b: number) => Math.max(a, b);
  console.log(`solver thread ready: HiGHS loaded and warmed in ${warm.map((seconds) => seconds.toFixed(2)).join(', ')} s`);
  console.log(`load average ${load.join(' ')} (the machine is shared: the figures move with it)`);
  console.log(`GET /api/health/live at ${RATE}/s — p99 latency from the scheduled moment; event-loop delay p99 of the process (API + worker):`);
  console.log(`  idle:                                   ${idle.api_p99_ms} ms; loop ${idle.event_loop_delay_p99_ms} ms (${idle.requests} requests)`);
  console.log(
    `  ${NATIONAL_RUNS} national runs (solver thread, ${nationalData.venues.length} venues): ${duringNational.api_p99_ms} ms; loop ${duringNational.event_loop_delay_p99_ms} ms (${duringNational.seconds} s, solving ${round(nationalSolveSeconds, 2)} s)`,
  );
  console.log(
    `  nationwide run (solver thread, ${nationwide.venues} venues): ${duringNationwide.api_p99_ms} ms; loop ${duringNationwide.event_loop_delay_p99_ms} ms (${duringNationwide.seconds} s, solving ${round(nationwideSolveSeconds, 2)} s)`,
  );
  console.log(
    `  baseline, ${NATIONAL_RUNS} national solves on the event loop (before issue 19): ${inlineNational.api_p99_ms} ms; loop ${inlineNational.event_loop_delay_p99_ms} ms`,
  );
  console.log(`  goal: event-loop delay p99 < 50 ms during a solve`);
  console.log(`main thread's stalls over ${STALL_MS} ms (1 ms timer; loop p99 at 1 ms resolution; GC pauses):`);
  for (const [name, phase] of Object.entries({ idle, national: duringNational, nationwide: duringNationwide })) {
    console.log(
      `  ${name}: longest ${phase.longest_stall_ms} ms (busiest: ${phase.longest_stall_cpu_ms} ms of CPU), ${phase.stalls_over_20ms} stalls; loop p99 ${phase.event_loop_delay_p99_ms_at_1ms} ms; GC ${phase.gc.pauses} pauses, ${phase.gc.total_ms} ms, longest ${phase.gc.longest_ms} ms`,
    );
    for (const stall of phase.busiest_stalls.slice(0, 5))
      console.log(`    ${stall.gap_ms} ms, ${stall.cpu_ms} ms of CPU, at ${stall.at_ms} ms (${stall.phase})`);
  }
  console.log(`${REMINDERS} reminders due at ~1,000/s, p99 lateness (p50, max):`);
  console.log(`  without a solve: ${remindersAlone.p99_ms} ms (${remindersAlone.p50_ms}, ${remindersAlone.max_ms})`);
  console.log(
    `  with nationwide runs solving throughout (${remindersWithSolve.solves}): ${remindersWithSolve.p99_ms} ms (${remindersWithSolve.p50_ms}, ${remindersWithSolve.max_ms}); goal: no worse`,
  );
  console.log(
    JSON.stringify({
      api_p99_ms: worst(duringNational.api_p99_ms, duringNationwide.api_p99_ms),
      event_loop_delay_p99_ms: worst(duringNational.event_loop_delay_p99_ms, duringNationwide.event_loop_delay_p99_ms),
      reminder_p99_ms: remindersWithSolve.p99_ms,
      reminder_p99_ms_without_solve: remindersAlone.p99_ms,
      nationwide_longest_stall_ms: duringNationwide.longest_stall_ms,
      phases: {
        idle,
        national: { ...duringNational, solve_seconds: round(nationalSolveSeconds, 2) },
        nationwide: { ...duringNationwide, solve_seconds: round(nationwideSolveSeconds, 2), venues: nationwide.venues },
        inline_national_baseline: inlineNational,
      },
      reminders: { count: REMINDERS, without_solve: remindersAlone, with_solve: remindersWithSolve },
      load_average: load,
    }),
  );
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
