/**
 * The greedy baseline the solver is measured against: venues in order of fewest chief candidates
 * (then highest priority), each taking the cheapest candidate that keeps every hard rule given the
 * choices already made, with the spread cost it adds; then its accompanying leaders, pinned first.
 * No look-ahead, no backtracking across venues.
 */
import type { CandidateSet } from './candidates';
import { buildCandidates, planOf } from './candidates';
import { spreadCost } from './objective';
import { maxAppearances, priorityScore } from './planning-rules';
import type { Plan, PlanningInstance } from './planning.types';

export function greedyPlan(instance: PlanningInstance, set: CandidateSet = buildCandidates(instance)): Plan {
  return planOf(set, greedyChoose(set));
}

/**
 * The chosen candidates. With `guide` (candidate → LP value), venues and candidates are taken in
 * decreasing LP value first: the solver's rounding of a fractional LP solution.
 */
export function greedyChoose(set: CandidateSet, guide?: (candidate: number) => number): number[] {
  const { instance } = set;
  const { venues, leaders, settings } = instance;
  const { candidates } = set;
  const appearances = leaders.map(() => [] as { venue: number; day: number }[]);
  const topPerDay = new Map<number, number>();
  const topPerProvinceDay = new Map<string, number>();
  const load = new Map<number, number>();
  const chosen: number[] = [];

  const fits = (c: number, taken: readonly number[] = []): boolean => {
    const { leader, venue, day, topTier } = candidates[c];
    const own = [...appearances[leader], ...taken.filter((t) => candidates[t].leader === leader).map((t) => candidates[t])];
    if (own.length >= maxAppearances(leaders[leader])) return false;
    if (own.some((other) => Math.abs(other.day - day) < (other.venue === venue ? 1 : set.daysApart(other.venue, venue)))) return false;
    if (!topTier) return true;
    const extra = taken.filter((t) => candidates[t].topTier).length;
    const province = `${venues[venue].provinceCode}|${day}`;
    const extraProvince = taken.filter((t) => candidates[t].topTier && venues[candidates[t].venue].provinceCode === venues[venue].provinceCode).length;
    return (
      (topPerDay.get(day) ?? 0) + extra < settings.maxTopTierPerDay &&
      (topPerProvinceDay.get(province) ?? 0) + extraProvince < settings.maxTopTierPerProvinceDay
    );
  };
  const take = (c: number) => {
    const { leader, venue, day, topTier, role } = candidates[c];
    appearances[leader].push({ venue, day });
    if (topTier) {
      topPerDay.set(day, (topPerDay.get(day) ?? 0) + 1);
      const province = `${venues[venue].provinceCode}|${day}`;
      topPerProvinceDay.set(province, (topPerProvinceDay.get(province) ?? 0) + 1);
    }
    if (role === 'chief_guest') load.set(day, (load.get(day) ?? 0) + 1);
    chosen.push(c);
  };
  const marginalSpread = (day: number) => {
    const now = load.get(day) ?? 0;
    return spreadCost(now + 1, set.context, settings.weights.spread) - spreadCost(now, set.context, settings.weights.spread);
  };

  const value = guide ?? (() => 0);
  const best = venues.map((_, v) => Math.max(0, ...set.chiefByVenue[v].map(value)));
  const order = venues
    .map((_, v) => v)
    .sort(
      (a, b) => best[b] - best[a] || set.chiefByVenue[a].length - set.chiefByVenue[b].length || priorityScore(venues[b]) - priorityScore(venues[a]) || a - b,
    );
  for (const v of order) {
    const options = set.chiefByVenue[v]
      .map((c) => ({ c, value: value(c), cost: candidates[c].cost + marginalSpread(candidates[c].day) }))
      .sort((a, b) => b.value - a.value || a.cost - b.cost || a.c - b.c);
    for (const { c } of options) {
      if (!fits(c)) continue;
      const pinned = accompanyingFor(set, v, c, fits, value);
      if (!pinned) continue;
      take(c);
      for (const a of pinned) take(a);
      break;
    }
  }
  return chosen;
}

/** Accompanying leaders for venue v with chief candidate `chief`: pinned ones (all must fit) then the cheapest others. */
function accompanyingFor(
  set: CandidateSet,
  v: number,
  chief: number,
  fits: (c: number, taken?: readonly number[]) => boolean,
  value: (c: number) => number,
): number[] | undefined {
  const { candidates } = set;
  const { day, leader: chiefLeader } = candidates[chief];
  const needed = set.instance.venues[v].accompanying ?? 0;
  const onDay = set.accompanyingByVenue[v].filter((c) => candidates[c].day === day && candidates[c].leader !== chiefLeader);
  const taken: number[] = [];
  if (set.accompanyingPins[v].length > needed) return undefined;
  for (const pinned of set.accompanyingPins[v]) {
    const c = onDay.find((candidate) => candidates[candidate].leader === pinned);
    if (c === undefined || !fits(c, [chief, ...taken])) return undefined;
    taken.push(c);
  }
  for (const c of [...onDay].sort((a, b) => value(b) - value(a) || candidates[a].cost - candidates[b].cost || a - b)) {
    if (taken.length >= needed) break;
    if (taken.includes(c) || !fits(c, [chief, ...taken])) continue;
    taken.push(c);
  }
  return taken;
}
