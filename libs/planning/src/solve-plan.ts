/**
 * Entry points of the solver: plan one instance (the national festival, or one province), or plan
 * every province in one call as independent sub-problems, one HiGHS solve each.
 */
import type { IsoDate } from '@app/common/time';
import { buildCandidates, planOf } from './candidates';
import { explainShort, explainUncovered } from './explain';
import { Highs, loadHighs } from './highs';
import { buildModel, ModelOptions, PlanningModel, solveModel, SolvedModel } from './model';
import { evaluatePlan } from './objective';
import type { PlanningInstance, PlanningResult } from './planning.types';

export async function solvePlan(instance: PlanningInstance): Promise<PlanningResult> {
  return solveWith(await loadHighs(), instance);
}

/** Each province plans its own commune festivals with its own officials: one solve per province. */
export async function solveProvinces(instances: Record<string, PlanningInstance>): Promise<Record<string, PlanningResult>> {
  const highs = await loadHighs();
  const results: Record<string, PlanningResult> = {};
  for (const [province, instance] of Object.entries(instances)) results[province] = solveWith(highs, instance);
  return results;
}

export function solveWith(highs: Highs, instance: PlanningInstance, options: ModelOptions = {}): PlanningResult {
  const started = process.hrtime.bigint();
  const set = buildCandidates(instance);
  const built = buildModel(set, options);
  const solved = solveModel(highs, built);
  return assembleResult(highs, built, solved, started);
}

export function assembleResult(highs: Highs, built: PlanningModel, solved: SolvedModel, started: bigint): PlanningResult {
  const { set } = built;
  const { instance, candidates } = set;
  const plan = planOf(set, solved.chosen);
  const venueDates: Record<string, IsoDate> = {};
  const chiefOf = new Map<number, number>();
  const accompanyingCount = new Map<number, number>();
  for (const c of solved.chosen) {
    const candidate = candidates[c];
    if (candidate.role === 'chief_guest') {
      venueDates[instance.venues[candidate.venue].id] = candidate.date;
      chiefOf.set(candidate.venue, candidate.leader);
    } else {
      accompanyingCount.set(candidate.venue, (accompanyingCount.get(candidate.venue) ?? 0) + 1);
    }
  }
  const uncovered = instance.venues.map((_, v) => v).filter((v) => !chiefOf.has(v));
  const diagnosis = uncovered.length ? explainUncovered(highs, set, uncovered, solved.chosen) : { explanations: [], slacks: [], solves: 0 };
  const explanations = [...diagnosis.explanations];
  instance.venues.forEach((venue, v) => {
    const missing = (venue.accompanying ?? 0) - (accompanyingCount.get(v) ?? 0);
    if (chiefOf.has(v) && missing > 0) explanations.push(explainShort(set, v, venueDates[venue.id], chiefOf.get(v)!, missing));
  });
  return {
    status: solved.status,
    plan,
    venueDates,
    objective: evaluatePlan(instance, plan, set.context),
    explanations,
    slacks: [...solved.slacks, ...diagnosis.slacks],
    stats: {
      triples: candidates.length,
      columns: built.model.columns.size,
      rows: built.model.rows.length,
      solves: solved.solves + diagnosis.solves,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      objective: solved.objective,
      bound: solved.bound,
    },
  };
}
