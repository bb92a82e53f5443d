/**
 * A solver thread's warm-up at start (solver-thread.ts; bench/solver runs it before its ten seeds and
 * before its first solve after a warm-up): one small national plan — 20 venues, 24 leaders of four
 * ranks, 10 days, accompanying leaders and preferred dates — whose LP relaxation is fractional, so its
 * staged solve runs every HiGHS path a hard national plan does: the LP, rounding and diving, then the
 * MIP (reduced-cost fixing, model.ts) through presolve and the root's cut loop, which closes a gap the
 * LP leaves. V8 tiers up the HiGHS WebAssembly those paths run, so a planner's first MIP does not pay
 * for it (issue 21: a plan whose LP stays integral never reached the MIP code).
 * The plan is drawn from a fixed seed with mulberry32 (32-bit state, public domain): the same on every
 * machine and Node version; the spec checks that it still reaches a MIP above its LP bound.
 */
import { PROVINCES } from '@app/provinces';
import { loadHighs } from './highs';
import { planInstance } from './plan-instance';
import { addDays, planningSettings } from './planning-rules';
import type { PlanningInstance, PlanningLeader, PlanningVenue } from './planning.types';

const WINDOW_START = '2027-08-13';
const DAY_COUNT = 10;
const VENUE_COUNT = 20;
const LEADER_COUNT = 24;
/** The seed whose plan needs the MIP (most seeds of this size solve in the LP or by rounding). */
const SEED = 26;
const BASES = [
  { latitude: 21.0285, longitude: 105.8542 },
  { latitude: 21.0285, longitude: 105.8542 },
  { latitude: 10.7769, longitude: 106.7009 },
  { latitude: 16.0544, longitude: 108.2022 },
];

/** A small, seedable pseudo-random generator (mulberry32): the warm-up plan and bench/solver's instances are drawn with it. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function solverWarmUpInstance(): PlanningInstance {
  const random = mulberry32(SEED);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const province = () => PROVINCES[Math.floor(random() * PROVINCES.length)];
  const days = Array.from({ length: DAY_COUNT }, (_, day) => addDays(WINDOW_START, day));
  const lastDay = days[DAY_COUNT - 1];
  const venues: PlanningVenue[] = Array.from({ length: VENUE_COUNT }, (_, v) => {
    const where = province();
    const roll = random();
    // Three or four candidate dates drawn towards the window's end, its last day often among them.
    const dates = new Set<string>();
    if (random() < 0.6) dates.add(lastDay);
    const count = int(3, 4);
    while (dates.size < count) dates.add(days[Math.floor(DAY_COUNT * Math.sqrt(random()))]);
    return {
      id: `warm-venue-${v}`,
      name: `Điểm khởi động ${v + 1}`,
      provinceCode: where.code,
      region: where.defaultRegion,
      areaFlags: [],
      requiredTierRank: roll < 0.25 ? 0 : roll < 0.6 ? 1 : 2,
      candidateDates: [...dates].sort(),
      latitude: where.latitude + (random() - 0.5) * 0.8,
      longitude: where.longitude + (random() - 0.5) * 0.8,
      accessHours: int(0, 1),
      accompanying: random() < 0.3 ? (random() < 0.3 ? 2 : 1) : 0,
      accompanyingTierRank: 3,
    };
  });
  const leaders: PlanningLeader[] = Array.from({ length: LEADER_COUNT }, (_, l) => {
    const tierRank = l < LEADER_COUNT * 0.3 ? 0 : l < LEADER_COUNT * 0.5 ? 1 : l < LEADER_COUNT * 0.8 ? 2 : 3;
    const base = BASES[Math.floor(random() * BASES.length)];
    // One busy block of 20–40% of the window.
    const busy = Math.round(DAY_COUNT * (0.2 + 0.2 * random()));
    const busyFrom = int(0, DAY_COUNT - busy);
    const availableDates = days.filter((_, day) => day < busyFrom || day >= busyFrom + busy);
    const preferredDates = random() < 0.4 ? availableDates.filter(() => random() < 0.3) : [];
    return {
      id: `warm-leader-${l}`,
      name: `Lãnh đạo khởi động ${l + 1}`,
      tierRank,
      homeProvinceCode: province().code,
      baseLatitude: base.latitude,
      baseLongitude: base.longitude,
      availableDates,
      maxAppearances: random() < 0.3 ? 2 : 1,
      preferredDates,
    };
  });
  return {
    venues,
    leaders,
    settings: planningSettings({
      windowStart: WINDOW_START,
      windowEnd: lastDay,
      roadFactor: 1.4,
      maxTopTierPerDay: Math.max(2, Math.round(VENUE_COUNT / 8)),
      maxTopTierPerProvinceDay: 1,
    }),
  };
}

/** Loads HiGHS and solves the warm-up plan once (its staged solve runs ~8 HiGHS models, 2 of them MIPs); resolves with the seconds it took. */
export async function warmUpSolver(): Promise<number> {
  const started = performance.now();
  await loadHighs();
  await planInstance(solverWarmUpInstance(), { mode: 'fresh', byProvince: false });
  return (performance.now() - started) / 1000;
}
