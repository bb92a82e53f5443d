/**
 * Entry points of the solver: plan one instance (the national festival, or one province). A planning
 * run's whole path (fresh or repair, national or province by province, with its changes to the plan in
 * force) is planInstance in plan-instance.ts; this is the solve it makes, also used on its own by tests.
 */
import type { IsoDate } from '@app/common';
import { buildCandidates, CandidateSet, planOf } from './candidates';
import { explainShort, explainUncovered } from './explain';
import { Highs, loadHighs } from './highs';
import { buildModel, ModelOptions, PlanningModel, solveModel, SolvedModel } from './model';
import { evaluatePlan } from './objective';
import type { PlanningInstance, PlanningResult } from './planning.types';

export async function solvePlan(instance: PlanningInstance): Promise<PlanningResult> {
  return solveWith(await loadHighs(), instance);
}

export function solveWith(highs: Highs, instance: PlanningInstance, options: ModelOptions = {}): PlanningResult {
  const started = process.hrtime.bigint();
  return solveCandidates(highs, buildCandidates(instance), options, started);
}

/**
 * The one solve: model of the candidates (plus `options.extend`'s terms, e.g. repair's), solved, read
 * back with explanations. Callers that need the candidates afterwards (repair, the changes to the plan
 * in force) build them once and pass them here. `started`: when the work began, for the stats.
 */
export function solveCandidates(highs: Highs, set: CandidateSet, options: ModelOptions = {}, started = process.hrtime.bigint()): PlanningResult {
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
