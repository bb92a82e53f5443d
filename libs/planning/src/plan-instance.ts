/**
 * A planning run's one path from an instance to its outcome, for the API (inline runs), the worker
 * (queued runs) and bench/solver alike: the national instance in one solve, or commune festivals
 * province by province as independent solves, each fresh or a repair of the plan in force.
 */
import { mergeOutcomes, PlanOutcome, splitByProvince } from './province-split';
import type { PlanningInstance } from './planning.types';
import { solveAndDescribe } from './repair';

export interface PlanInstanceOptions {
  mode: 'fresh' | 'repair';
  /** Plan each province's venues with its own officials (tiers below central). */
  byProvince: boolean;
  /** Called after each province (or the one national solve) with the parts done and their number. */
  onProgress?: (done: number, total: number) => Promise<void>;
}

export interface PlannedInstance {
  outcome: PlanOutcome;
  /** Each province's own outcome, keyed by province code, when planned province by province. */
  provinces: Record<string, PlanOutcome> | null;
}

export async function planInstance(instance: PlanningInstance, options: PlanInstanceOptions): Promise<PlannedInstance> {
  const onProgress = options.onProgress ?? (() => Promise.resolve());
  if (!options.byProvince) {
    const outcome = await solveAndDescribe(instance, options.mode);
    await onProgress(1, 1);
    return { outcome, provinces: null };
  }
  const parts = Object.entries(splitByProvince(instance));
  const provinces: Record<string, PlanOutcome> = {};
  for (const [index, [code, part]] of parts.entries()) {
    provinces[code] = await solveAndDescribe(part, options.mode);
    await onProgress(index + 1, parts.length);
    // A HiGHS solve is synchronous WebAssembly: let lock renewals and other jobs run between provinces.
    await new Promise((resume) => setImmediate(resume));
  }
  return { outcome: mergeOutcomes(Object.values(provinces)), provinces };
}
