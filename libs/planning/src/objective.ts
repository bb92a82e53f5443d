/**
 * The preference costs, defined once: the model puts them on its variables, `evaluatePlan` scores any
 * plan (the solver's, the greedy baseline's, a planner's) with the same numbers, so breakdowns and
 * comparisons never drift from what was optimised.
 */
import type { IsoDate } from '@app/common';
import { distanceKm, isInWindow, priorityScore } from './planning-rules';
import type { DatePin, ObjectiveBreakdown, Plan, PlanRole, PlanningInstance, PlanningLeader, PlanningVenue, PreferenceCosts } from './planning.types';

/** Instance-wide constants the costs depend on, computed once per instance. */
export interface CostContext {
  /** Best and worst leader tier rank present: the priority cost scales a chief's rank between them. */
  minRank: number;
  rankSpan: number;
  /** Fair daily share of venues: ceil(venues / usable dates), at least 1. */
  spreadTarget: number;
}

export function costContext(instance: PlanningInstance): CostContext {
  const ranks = instance.leaders.map((leader) => leader.tierRank);
  const minRank = ranks.length ? Math.min(...ranks) : 0;
  const maxRank = ranks.length ? Math.max(...ranks) : 0;
  const days = new Set<IsoDate>();
  for (const venue of instance.venues) for (const date of usableDates(venue, instance)) days.add(date);
  return {
    minRank,
    rankSpan: Math.max(1, maxRank - minRank),
    spreadTarget: Math.max(1, Math.ceil(instance.venues.length / Math.max(1, days.size))),
  };
}

/** A venue's candidate dates inside the window, narrowed to its pinned date if it has one. */
export function usableDates(venue: PlanningVenue, instance: Pick<PlanningInstance, 'settings' | 'datePins'>): IsoDate[] {
  const pins: DatePin[] = (instance.datePins ?? []).filter((pin) => pin.venueId === venue.id);
  const dates = [...new Set(venue.candidateDates)].filter((date) => isInWindow(date, instance.settings)).sort();
  return pins.length ? dates.filter((date) => pins.every((pin) => pin.date === date)) : dates;
}

export const ZERO_COSTS: Readonly<PreferenceCosts> = { homeTies: 0, preferredDate: 0, priorityArea: 0, spread: 0, travel: 0 };

/** Weighted preference costs of one assignment (spread is per date, see `spreadCost`). */
export function assignmentCosts(
  instance: PlanningInstance,
  context: CostContext,
  leader: PlanningLeader,
  venue: PlanningVenue,
  date: IsoDate,
  role: PlanRole,
): PreferenceCosts {
  const { weights } = instance.settings;
  const home = leader.homeProvinceCode === venue.provinceCode ? 0 : (leader.tieProvinceCodes ?? []).includes(venue.provinceCode) ? 0.5 : 1;
  const preferred = leader.preferredDates?.length && !leader.preferredDates.includes(date) ? 1 : 0;
  const priority = role === 'chief_guest' ? (priorityScore(venue) * (leader.tierRank - context.minRank)) / context.rankSpan : 0;
  const km = distanceKm(leader.baseLatitude, leader.baseLongitude, venue.latitude, venue.longitude);
  return {
    homeTies: round(weights.homeTies * home),
    preferredDate: round(weights.preferredDate * preferred),
    priorityArea: round(weights.priorityArea * priority),
    spread: 0,
    travel: round((weights.travel * km) / 1000),
  };
}

export function costTotal(costs: PreferenceCosts): number {
  return costs.homeTies + costs.preferredDate + costs.priorityArea + costs.spread + costs.travel;
}

/** Spread cost of one date holding `load` venues: one weight per venue over the target, two over twice it. */
export function spreadCost(load: number, context: CostContext, weight: number): number {
  return weight * (Math.max(0, load - context.spreadTarget) + Math.max(0, load - 2 * context.spreadTarget));
}

/**
 * Scores a plan with the solver's costs. Assumes nothing about feasibility (see `checkPlan`); unknown
 * venues or leaders are skipped. A venue's date is its chief guest's date.
 */
export function evaluatePlan(instance: PlanningInstance, plan: Plan, context = costContext(instance)): ObjectiveBreakdown {
  const venues = new Map(instance.venues.map((venue) => [venue.id, venue]));
  const leaders = new Map(instance.leaders.map((leader) => [leader.id, leader]));
  const perVenue: ObjectiveBreakdown['perVenue'] = {};
  const load = new Map<IsoDate, string[]>();
  const accompanying = new Map<string, number>();
  for (const assignment of plan.assignments) {
    const venue = venues.get(assignment.venueId);
    const leader = leaders.get(assignment.leaderId);
    if (!venue || !leader) continue;
    const costs = assignmentCosts(instance, context, leader, venue, assignment.date, assignment.role);
    const entry = (perVenue[venue.id] ??= { ...ZERO_COSTS, total: 0 });
    for (const key of Object.keys(ZERO_COSTS) as (keyof PreferenceCosts)[]) entry[key] += costs[key];
    if (assignment.role === 'chief_guest') {
      load.set(assignment.date, [...(load.get(assignment.date) ?? []), venue.id]);
    } else {
      accompanying.set(venue.id, (accompanying.get(venue.id) ?? 0) + 1);
    }
  }
  for (const venueIds of load.values()) {
    const cost = spreadCost(venueIds.length, context, instance.settings.weights.spread);
    for (const venueId of venueIds) perVenue[venueId].spread += cost / venueIds.length;
  }
  const preferences = { ...ZERO_COSTS };
  for (const entry of Object.values(perVenue)) {
    entry.total = costTotal(entry);
    for (const key of Object.keys(ZERO_COSTS) as (keyof PreferenceCosts)[]) preferences[key] += entry[key];
  }
  const covered = new Set([...load.values()].flat());
  return {
    preferenceTotal: round(costTotal(preferences)),
    preferences: mapValues(preferences, round),
    perVenue: Object.fromEntries(Object.entries(perVenue).map(([id, entry]) => [id, mapValues(entry, round)])),
    uncoveredVenues: instance.venues.filter((venue) => !covered.has(venue.id)).length,
    missingAccompanying: instance.venues
      .filter((venue) => covered.has(venue.id))
      .reduce((sum, venue) => sum + Math.max(0, (venue.accompanying ?? 0) - (accompanying.get(venue.id) ?? 0)), 0),
  };
}

/** Costs are kept to 6 decimals so LP text, parsing and re-evaluation agree exactly. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function mapValues<T extends object>(object: T, fn: (value: number) => number): T {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value as number)])) as T;
}
