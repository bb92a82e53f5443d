/**
 * Definitions shared by the model, the greedy baseline and the plan checker: days of the window,
 * travel time between venues, who counts as top tier, and default settings. One definition each, so
 * the checker tests the model against the rules rather than against a copy of the model.
 */
import { addDays, daysBetween, type IsoDate } from '@app/common';
import { PRIORITY_REGIONS } from '@app/provinces';
import type { PlanningLeader, PlanningSettings, PlanningVenue } from './planning.types';
import { DEFAULT_TOP_TIER_CAPS, DEFAULT_WEIGHTS } from './planning-weights';

export { addDays, daysBetween } from '@app/common';

export function windowDates(settings: Pick<PlanningSettings, 'windowStart' | 'windowEnd'>): IsoDate[] {
  const days = daysBetween(settings.windowStart, settings.windowEnd);
  return Array.from({ length: Math.max(0, days + 1) }, (_, day) => addDays(settings.windowStart, day));
}

/** Inside the window (the editions' rule). */
export { isWithinWindow as isInWindow } from '@app/editions';

export { DEFAULT_WEIGHTS } from './planning-weights';

/** Travel assumptions other than the road factor, which is configuration (AppConfig.ROAD_DISTANCE_FACTOR). */
export const DEFAULT_TRAVEL = { roadKmh: 50, flightKmh: 600, flightOverheadHours: 4, dayBudgetHours: 10 } as const;

/**
 * Settings for a window with the house defaults: K = 3 top-tier leaders a day, one per province.
 * `roadFactor`: road km per great-circle km, from configuration (rules stay pure by taking it here).
 */
export function planningSettings(
  overrides: Partial<Omit<PlanningSettings, 'weights' | 'travel'>> & {
    windowStart: IsoDate;
    windowEnd: IsoDate;
    roadFactor: number;
    weights?: Partial<PlanningSettings['weights']>;
    travel?: Partial<PlanningSettings['travel']>;
  },
): PlanningSettings {
  const { roadFactor, ...rest } = overrides;
  return {
    topTierMaxRank: 0,
    ...DEFAULT_TOP_TIER_CAPS,
    timeLimitSeconds: 20,
    mipRelGap: 1e-4,
    ...rest,
    weights: { ...DEFAULT_WEIGHTS, ...overrides.weights },
    travel: { ...DEFAULT_TRAVEL, roadFactor, ...overrides.travel },
  };
}

export function maxAppearances(leader: PlanningLeader): number {
  return leader.maxAppearances ?? 1;
}

export function isTopTier(leader: PlanningLeader, settings: PlanningSettings): boolean {
  return leader.tierRank <= settings.topTierMaxRank;
}

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Hours from one venue to another: the faster of road and flight, plus both venues' access hours. */
export function travelHours(from: PlanningVenue, to: PlanningVenue, settings: PlanningSettings): number {
  const km = distanceKm(from.latitude, from.longitude, to.latitude, to.longitude);
  const { roadKmh, roadFactor, flightKmh, flightOverheadHours } = settings.travel;
  const road = (km * roadFactor) / roadKmh;
  const flight = flightOverheadHours + km / flightKmh;
  return Math.min(road, flight) + (from.accessHours ?? 0) + (to.accessHours ?? 0);
}

/**
 * Days a leader needs between appearances at these two venues: at least 1 (one appearance a day), and
 * ceil(travel hours / daily travel budget) when the trip is longer than one day's budget.
 */
export function minDaysApart(a: PlanningVenue, b: PlanningVenue, settings: PlanningSettings): number {
  return Math.max(1, Math.ceil(travelHours(a, b, settings) / settings.travel.dayBudgetHours - 1e-9));
}

/**
 * How much a venue wants a top-tier chief guest, 0..1: 0.6 for a priority region (Tây Bắc, Tây
 * Nguyên, Tây Nam Bộ) plus 0.2 per area flag (biên giới, hải đảo…), at most 1.
 */
export function priorityScore(venue: PlanningVenue): number {
  const region = PRIORITY_REGIONS.includes(venue.region) ? 0.6 : 0;
  return Math.min(1, region + 0.2 * venue.areaFlags.length);
}
