/**
 * bench/solver: the planning solver (HiGHS, WebAssembly) on seeded generated instances, against a
 * greedy baseline run in the same process.
 *  1. national: 30 central venues, 40 leaders, 21 days — time to a proven optimum (goal < 1 s): the
 *     median of 5 solves after the first, which also pays for the Wasm code tiering up (shown apart);
 *  2. all 34 provinces: ~3,300 commune venues, ~2,000 officials, one solve per province — total time
 *     (goal < 30 s) and the gap to the LP-relaxation bound (goal ≤ 1%).
 *  3. ten seeds: the national problem drawn from ten seeds, one warm solve each — median and worst
 *     (goal: worst < 0.5 s), with load-independent counts: HiGHS runs, MIP runs, simplex iterations.
 *     They are the production path's warm solves: before them this process runs warmUpSolver(), the
 *     warm-up each worker solver thread does at start (after the national repeats above);
 *  4. first solve: in this fresh process (`first_seconds`, goal < 0.2 s), and in a fresh child process
 *     after the warm-up a worker's solver thread does at start (`first_after_warm_up_seconds`).
 * Both go through planInstance, the path a planning run takes in the API and the worker (fresh plans).
 * greedy_ratio = greedy objective / solver objective, both scored by evaluatePlan, with an uncovered
 * venue counted as 100 and a missing accompanying leader as 20 preference units (≥ 1; 1.25 means the
 * greedy plan costs 25% more). Last line: one JSON object.
 * Usage: bench/solver [seed] [scale]   (scale 0.1 = a tenth of the communes and officials)
 */
import { execFileSync } from 'node:child_process';
import { evaluatePlan, greedyPlan, loadHighs, planInstance, warmUpSolver } from '@app/planning';
import type { ObjectiveBreakdown, PlanningInstance } from '@app/planning';
import type { Model, ModelData } from 'highs';
import { nationalInstance, provinceInstances } from './solver-instances';

const SEED = Number(process.argv[2] ?? 20270819);
const SCALE = Number(process.argv[3] ?? 1);

const NATIONAL_REPEATS = 5;
/** Ten generated national instances (the first is SEED's): one warm solve each, the median and the worst reported. */
const NATIONAL_SEEDS = Array.from({ length: 10 }, (_, index) => SEED + index * 7_919);
const UNCOVERED_UNITS = 100;
const MISSING_ACCOMPANYING_UNITS = 20;
const score = (objective: ObjectiveBreakdown) =>
  objective.preferenceTotal + UNCOVERED_UNITS * objective.uncoveredVenues + MISSING_ACCOMPANYING_UNITS * objective.missingAccompanying;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const round = (value: number, digits = 3) => Number(value.toFixed(digits));
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** What HiGHS did, counted whatever the load: runs, of which MIPs, simplex iterations (a MIP's own count), MIP nodes. */
interface HighsWork {
  runs: number;
  mipRuns: number;
  iterations: number;
  nodes: number;
}
const work: HighsWork = { runs: 0, mipRuns: 0, iterations: 0, nodes: 0 };

/** Counts every HiGHS run of the process into `work` (the solver's own code is left as it is). */
async function countHighsWork(): Promise<void> {
  type Operation = (model: Model) => unknown;
  const highs = (await loadHighs()) as unknown as { withModel: (source: ModelData, operation: Operation) => unknown };
  const withModel = highs.withModel.bind(highs);
  highs.withModel = (source, operation) =>
    withModel(source, (model) => {
      const result = operation(model);
      const mip = source.integrality?.some((value) => value !== 0) ?? false;
      const read = (name: string) => {
        try {
          return Math.max(0, Number(model.info.get(name)));
        } catch {
          return 0; // not reported for this kind of run
        }
      };
      work.runs++;
      if (mip) work.mipRuns++;
      work.iterations += read('simplex_iteration_count');
      if (mip) work.nodes += read('mip_node_count');
      return result;
    });
}

/**
 * Child mode (BENCH_SOLVER_FIRST=warm-up): a fresh process that warms HiGHS as a worker's solver thread
 * does at start, then solves the national instance once; prints one JSON line.
 */
async function firstAfterWarmUp(): Promise<void> {
  const warmUpSeconds = await warmUpSolver();
  const start = process.hrtime.bigint();
  await planInstance(nationalInstance(SEED), { mode: 'fresh', byProvince: false });
  console.log(JSON.stringify({ warmUpSeconds, firstSeconds: seconds(start) }));
}

/** The same script in a fresh process, in child mode: nothing of this process's Wasm tiering carries over. */
function inFreshProcess(mode: string): { warmUpSeconds: number; firstSeconds: number } {
  const output = execFileSync(process.execPath, [...process.execArgv, __filename, String(SEED)], {
    env: { ...process.env, BENCH_SOLVER_FIRST: mode },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop()!) as { warmUpSeconds: number; firstSeconds: number };
}

async function main(): Promise<void> {
  let start = process.hrtime.bigint();
  await loadHighs();
  const loadSeconds = seconds(start);
  await countHighsWork();

  // 1. National.
  // The first solve in a process pays for V8 tiering up the Wasm code; a server pays that once. The
  // figure is the median of the next runs, with the first shown beside it.
  const national = nationalInstance(SEED);
  start = process.hrtime.bigint();
  const planNational = async () => (await planInstance(national, { mode: 'fresh', byProvince: false })).outcome;
  const nationalResult = await planNational();
  const nationalFirstSeconds = seconds(start);
  const repeats: number[] = [];
  for (let run = 0; run < NATIONAL_REPEATS; run++) {
    start = process.hrtime.bigint();
    await planNational();
    repeats.push(seconds(start));
  }
  const nationalSeconds = repeats.sort((a, b) => a - b)[Math.floor(repeats.length / 2)];
  start = process.hrtime.bigint();
  const nationalGreedy = evaluatePlan(national, greedyPlan(national));
  const nationalGreedySeconds = seconds(start);
  const nationalRatio = score(nationalGreedy) / Math.max(1e-9, score(nationalResult.objective));

  // The same national problem drawn from ten seeds: one warm solve each, as a worker's solver thread
  // solves after its warm-up at start (the national repeats above warmed the LP paths; the warm-up's
  // plan reaches the MIP as well).
  const warmUpCpu = process.cpuUsage();
  const benchWarmUpSeconds = await warmUpSolver();
  const benchWarmUpCpu = cpuSeconds(warmUpCpu);
  const perSeed: Array<{ seed: number; seconds: number; cpu: number; optimal: boolean; objective: number; solves: number; mipRuns: number }> = [];
  const workBefore = { ...work };
  for (const seed of NATIONAL_SEEDS) {
    const instance = nationalInstance(seed);
    const mipRunsBefore = work.mipRuns;
    const cpu = process.cpuUsage();
    start = process.hrtime.bigint();
    const outcome = (await planInstance(instance, { mode: 'fresh', byProvince: false })).outcome;
    perSeed.push({
      seed,
      seconds: seconds(start),
      cpu: cpuSeconds(cpu),
      optimal: outcome.status === 'optimal',
      objective: outcome.stats.objective,
      solves: outcome.stats.solves,
      mipRuns: work.mipRuns - mipRunsBefore,
    });
  }
  const seedWork: HighsWork = {
    runs: work.runs - workBefore.runs,
    mipRuns: work.mipRuns - workBefore.mipRuns,
    iterations: work.iterations - workBefore.iterations,
    nodes: work.nodes - workBefore.nodes,
  };
  const seedSeconds = perSeed.map((run) => run.seconds).sort((a, b) => a - b);
  const seedMedian = (seedSeconds[4] + seedSeconds[5]) / 2;
  const seedWorst = seedSeconds[seedSeconds.length - 1];
  const seedCpu = perSeed.map((run) => run.cpu).sort((a, b) => a - b);

  // The first solve after the warm-up a worker's solver thread does at start, in a fresh process.
  const warmed = inFreshProcess('warm-up');

  // 2. All provinces.
  const provinces = provinceInstances(SEED, Math.round(3300 * SCALE), Math.round(2000 * SCALE));
  const list = Object.values(provinces);
  const venues = list.reduce((sum, instance) => sum + instance.venues.length, 0);
  const officials = list.reduce((sum, instance) => sum + instance.leaders.length, 0);
  // One commune-tier instance, as the worker loads it; planInstance splits it by province again.
  const all: PlanningInstance = {
    venues: list.flatMap((instance) => instance.venues),
    leaders: list.flatMap((instance) => instance.leaders),
    settings: list[0].settings,
  };
  start = process.hrtime.bigint();
  const results = (await planInstance(all, { mode: 'fresh', byProvince: true })).provinces!;
  const provincesSeconds = seconds(start);
  const solved = Object.values(results);
  const slowest = Math.max(...solved.map((result) => result.stats.seconds));
  const allOptimal = solved.every((result) => result.status === 'optimal');
  const candidates = solved.reduce((sum, result) => sum + result.stats.triples, 0);

  // Gap to the LP-relaxation bound, which every solve computes first.
  const mipTotal = solved.reduce((sum, result) => sum + result.stats.objective, 0);
  const boundTotal = solved.reduce((sum, result) => sum + result.stats.bound, 0);
  const worstGap = Math.max(
    ...solved.map((result) => (result.stats.objective > 0 ? (result.stats.objective - result.stats.bound) / result.stats.objective : 0)),
  );
  const gap = mipTotal > 0 ? (mipTotal - boundTotal) / mipTotal : 0;

  start = process.hrtime.bigint();
  let greedyScore = 0;
  let solverScore = 0;
  let greedyUncovered = 0;
  let solverUncovered = 0;
  for (const instance of list) {
    const greedy = evaluatePlan(instance, greedyPlan(instance));
    const result = results[instance.venues[0].provinceCode];
    greedyScore += score(greedy);
    solverScore += score(result.objective);
    greedyUncovered += greedy.uncoveredVenues;
    solverUncovered += result.objective.uncoveredVenues;
  }
  const provincesGreedySeconds = seconds(start);
  const provincesRatio = greedyScore / Math.max(1e-9, solverScore);

  const n = nationalResult;
  console.log(`HiGHS (Wasm) load: ${(loadSeconds * 1000).toFixed(0)} ms (once per process)`);
  console.log(
    `national: ${national.venues.length} venues, ${national.leaders.length} leaders, 21 days → ${n.stats.triples} candidates, ${n.stats.rows} rows, ${n.stats.solves} solve(s)`,
  );
  console.log(
    `  solver: ${n.status} in ${nationalSeconds.toFixed(3)} s (median of ${NATIONAL_REPEATS}; goal < 1 s), first solve in the process ${nationalFirstSeconds.toFixed(3)} s; gap to the LP bound ${(((n.stats.objective - n.stats.bound) / n.stats.objective) * 100).toFixed(3)}%`,
  );
  console.log(
    `          ${n.objective.uncoveredVenues} uncovered, ${n.objective.missingAccompanying} accompanying missing, preferences ${n.objective.preferenceTotal.toFixed(2)}`,
  );
  console.log(
    `  greedy: ${(nationalGreedySeconds * 1000).toFixed(1)} ms; ${nationalGreedy.uncoveredVenues} uncovered, ${nationalGreedy.missingAccompanying} accompanying missing, preferences ${nationalGreedy.preferenceTotal.toFixed(2)}; ratio ${nationalRatio.toFixed(3)}`,
  );
  console.log(
    `  first solve after a solver thread's warm-up (fresh process, warm-up ${warmed.warmUpSeconds.toFixed(3)} s): ${warmed.firstSeconds.toFixed(3)} s`,
  );
  console.log(
    `  ten seeds (one solve each, after the national repeats and a solver thread's warm-up, ${benchWarmUpSeconds.toFixed(3)} s, CPU ${benchWarmUpCpu.toFixed(3)} s; goal: worst < 0.5 s): median ${seedMedian.toFixed(3)} s, worst ${seedWorst.toFixed(3)} s (CPU: median ${((seedCpu[4] + seedCpu[5]) / 2).toFixed(3)} s, worst ${seedCpu[9].toFixed(3)} s)`,
  );
  console.log(
    `    HiGHS over the ten: ${seedWork.runs} runs, ${seedWork.mipRuns} of them MIPs, ${seedWork.iterations} simplex iterations, ${seedWork.nodes} MIP nodes`,
  );
  for (const run of perSeed) {
    console.log(
      `    ${run.seed}: ${run.seconds.toFixed(3)} s (CPU ${run.cpu.toFixed(3)} s)${run.optimal ? '' : ' (not optimal)'}, objective ${run.objective.toFixed(6)}, ${run.solves} solve(s), ${run.mipRuns} MIP`,
    );
  }
  console.log(`provinces: ${list.length} provinces, ${venues} commune venues, ${officials} officials → ${candidates} candidates`);
  console.log(
    `  solver: ${provincesSeconds.toFixed(2)} s in total (goal < 30 s), slowest province ${slowest.toFixed(2)} s, ${allOptimal ? 'all optimal' : 'some stopped at the time limit'}; ${solverUncovered} uncovered`,
  );
  console.log(`  gap to the LP-relaxation bound: ${(gap * 100).toFixed(4)}% overall, worst province ${(worstGap * 100).toFixed(4)}% (goal ≤ 1%)`);
  console.log(`  greedy: ${provincesGreedySeconds.toFixed(2)} s; ${greedyUncovered} uncovered; ratio ${provincesRatio.toFixed(3)}`);
  console.log(
    JSON.stringify({
      national: {
        seconds: round(nationalSeconds),
        optimal: n.status === 'optimal',
        greedy_ratio: round(nationalRatio),
        first_seconds: round(nationalFirstSeconds),
        first_after_warm_up_seconds: round(warmed.firstSeconds),
        warm_up_seconds: round(warmed.warmUpSeconds),
        seeds_warm_up_seconds: round(benchWarmUpSeconds),
        seeds_warm_up_cpu_seconds: round(benchWarmUpCpu),
        median_seconds: round(seedMedian),
        worst_seconds: round(seedWorst),
        median_cpu_seconds: round((seedCpu[4] + seedCpu[5]) / 2),
        worst_cpu_seconds: round(seedCpu[9]),
        seeds_optimal: perSeed.every((run) => run.optimal),
        seeds_highs: { runs: seedWork.runs, mip_runs: seedWork.mipRuns, iterations: seedWork.iterations, mip_nodes: seedWork.nodes },
      },
      provinces: { seconds: round(provincesSeconds, 2), gap: round(gap, 5), greedy_ratio: round(provincesRatio) },
      // Kilobytes on Linux.
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
    }),
  );
}

(process.env.BENCH_SOLVER_FIRST === 'warm-up' ? firstAfterWarmUp() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
