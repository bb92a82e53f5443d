/**
 * A solver thread's warm-up at start (solver-thread.ts; bench/solver measures a first solve after it):
 * a small national plan — 12 venues over three regions, 10 leaders of four ranks, 7 days, accompanying
 * leaders and preferred dates — solved a few times, enough candidates, rows and branching for V8 to
 * tier up the HiGHS WebAssembly the real solves run.
 */
import { PROVINCES } from '@app/provinces';
import { loadHighs } from './highs';
import { planInstance } from './plan-instance';
import { addDays, planningSettings } from './planning-rules';
import type { PlanningInstance, PlanningLeader, PlanningVenue } from './planning.types';

const WINDOW_START = '2027-08-13';
const DAYS = Array.from({ length: 7 }, (_, day) => addDays(WINDOW_START, day));

export function solverWarmUpInstance(): PlanningInstance {
  const provinces = PROVINCES.filter((_, index) => index % 3 === 0).slice(0, 12);
  const venues: PlanningVenue[] = provinces.map((province, v) => ({
    id: `warm-venue-${v}`,
    name: `Điểm khởi động ${v + 1}`,
    provinceCode: province.code,
    region: province.defaultRegion,
    areaFlags: [],
    requiredTierRank: v % 3,
    candidateDates: [DAYS[v % 7], DAYS[(v + 2) % 7], DAYS[6]],
    latitude: province.latitude,
    longitude: province.longitude,
    accompanying: v % 4 === 0 ? 1 : 0,
    accompanyingTierRank: 3,
  }));
  const leaders: PlanningLeader[] = Array.from({ length: 10 }, (_, l) => ({
    id: `warm-leader-${l}`,
    name: `Lãnh đạo khởi động ${l + 1}`,
    tierRank: l % 4,
    homeProvinceCode: provinces[(l * 5) % provinces.length].code,
    baseLatitude: 21.0285,
    baseLongitude: 105.8542,
    availableDates: DAYS.filter((_, day) => (day + l) % 5 !== 0),
    maxAppearances: l % 3 === 0 ? 2 : 1,
    preferredDates: [DAYS[l % 7]],
  }));
  return {
    venues,
    leaders,
    settings: planningSettings({ windowStart: WINDOW_START, windowEnd: DAYS[6], roadFactor: 1.4, maxTopTierPerDay: 2, maxTopTierPerProvinceDay: 1 }),
  };
}

/** Loads HiGHS and solves the warm-up plan a few times; resolves with the seconds it took. */
export async function warmUpSolver(): Promise<number> {
  const started = performance.now();
  await loadHighs();
  // A few solves of a small national plan: enough for the hot Wasm functions to reach the optimising tier.
  for (let round = 0; round < 3; round++) await planInstance(solverWarmUpInstance(), { mode: 'fresh', byProvince: false });
  return (performance.now() - started) / 1000;
}
