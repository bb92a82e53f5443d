/**
 * Seeded generators of planning instances for bench/solver. The PRNG is mulberry32 (32-bit state,
 * public domain): the same seed gives the same instances on every machine and Node version, with no
 * dependency. Shapes follow the festival: central venues spread over the provinces with a bias to the
 * last week and 19 August, leaders based mostly in Hà Nội with 20–40% of days busy; each province's
 * commune venues around its seat, planned with its own officials.
 */
import { AppConfig } from '@app/config';
import { PROVINCES } from '@app/provinces/province-data';
import { Region } from '@app/provinces/region';
import { AreaFlag } from '@app/venues/venue.enums';
import { addDays, planningSettings } from '@app/planning/planning-rules';
import type { PlanningInstance, PlanningLeader, PlanningVenue } from '@app/planning/planning.types';
import { mulberry32 } from '@app/planning/solver-warm-up';

export type Random = () => number;

export { mulberry32 };

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
const chance = (random: Random, p: number) => random() < p;

function sample<T>(random: Random, list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** Candidate dates: `count` distinct days of the window, drawn towards its end, 19 August often among them. */
function candidateDates(random: Random, windowDays: readonly string[], count: number, nationalDayChance: number): string[] {
  const dates = new Set<string>();
  if (chance(random, nationalDayChance)) dates.add(windowDays[windowDays.length - 1]);
  while (dates.size < count) dates.add(windowDays[Math.floor(windowDays.length * Math.sqrt(random()))]);
  return [...dates].sort();
}

/** Available days: the window minus one or two busy blocks covering `busyShare` of it. */
function availability(random: Random, windowDays: readonly string[], busyShare: number): string[] {
  const busy = new Set<number>();
  const blocks = int(random, 1, 2);
  const total = Math.round(windowDays.length * busyShare);
  for (let b = 0; b < blocks; b++) {
    const length = Math.max(1, Math.round(total / blocks));
    const start = int(random, 0, windowDays.length - length);
    for (let d = start; d < start + length; d++) busy.add(d);
  }
  return windowDays.filter((_, d) => !busy.has(d));
}

function flags(random: Random, region: Region): AreaFlag[] {
  const remote = [Region.TayBac, Region.TayNguyen, Region.DongBac].includes(region);
  const out: AreaFlag[] = [];
  if (chance(random, remote ? 0.5 : 0.15)) out.push(AreaFlag.BienGioi);
  if (chance(random, remote ? 0.6 : 0.1)) out.push(AreaFlag.DanTocThieuSo);
  if (chance(random, remote ? 0.4 : 0.05)) out.push(AreaFlag.MienNui);
  if (chance(random, 0.05)) out.push(AreaFlag.HaiDao);
  return out;
}

const WINDOW_END = '2027-08-19';
/** The configured road-distance factor's default (AppConfig.ROAD_DISTANCE_FACTOR), as the API and worker use. */
const ROAD_FACTOR = new AppConfig().ROAD_DISTANCE_FACTOR;
const windowOf = (days: number) => Array.from({ length: days }, (_, d) => addDays(WINDOW_END, d - days + 1));

/** The national problem: 30 central venues, 40 Party and State leaders, 21 days, K = 4. */
export function nationalInstance(seed: number, venueCount = 30, leaderCount = 40, days = 21): PlanningInstance {
  const random = mulberry32(seed);
  const windowDays = windowOf(days);
  const venues: PlanningVenue[] = Array.from({ length: venueCount }, (_, i) => {
    const province = pick(random, PROVINCES);
    const areaFlags = flags(random, province.defaultRegion);
    const roll = random();
    return {
      id: `tw-${String(i + 1).padStart(2, '0')}`,
      name: `Điểm Trung ương ${i + 1} (${province.name})`,
      provinceCode: province.code,
      region: province.defaultRegion,
      areaFlags,
      // Politburo (0) for a quarter, Secretariat or above for a third, Central Committee or above for the rest.
      requiredTierRank: roll < 0.25 ? 0 : roll < 0.6 ? 1 : 2,
      candidateDates: candidateDates(random, windowDays, int(random, 3, 5), 0.6),
      latitude: province.latitude + (random() - 0.5) * 0.8,
      longitude: province.longitude + (random() - 0.5) * 0.8,
      accessHours: areaFlags.length ? int(random, 1, 6) : int(random, 0, 1),
      accompanying: chance(random, 0.3) ? (chance(random, 0.3) ? 2 : 1) : 0,
      accompanyingTierRank: 3,
    };
  });
  const bases = [
    { latitude: 21.0285, longitude: 105.8542 },
    { latitude: 21.0285, longitude: 105.8542 },
    { latitude: 21.0285, longitude: 105.8542 },
    { latitude: 10.7769, longitude: 106.7009 },
    { latitude: 16.0544, longitude: 108.2022 },
  ];
  const leaders: PlanningLeader[] = Array.from({ length: leaderCount }, (_, i) => {
    const tierRank = i < leaderCount * 0.3 ? 0 : i < leaderCount * 0.5 ? 1 : i < leaderCount * 0.8 ? 2 : 3;
    const base = pick(random, bases);
    const available = availability(random, windowDays, 0.2 + 0.2 * random());
    return {
      id: `ld-${String(i + 1).padStart(2, '0')}`,
      name: `Lãnh đạo ${i + 1}`,
      tierRank,
      homeProvinceCode: pick(random, PROVINCES).code,
      tieProvinceCodes: sample(random, PROVINCES, int(random, 0, 2)).map((province) => province.code),
      baseLatitude: base.latitude,
      baseLongitude: base.longitude,
      availableDates: available,
      maxAppearances: chance(random, 0.3) ? 2 : 1,
      preferredDates: chance(random, 0.4) ? sample(random, available, int(random, 3, 5)).sort() : [],
    };
  });
  return {
    venues,
    leaders,
    settings: planningSettings({
      windowStart: windowDays[0],
      windowEnd: WINDOW_END,
      roadFactor: ROAD_FACTOR,
      maxTopTierPerDay: 4,
      maxTopTierPerProvinceDay: 1,
    }),
  };
}

/**
 * One instance per province: its commune venues (`communes` in total, split by a random weight per
 * province) and its officials (`officials` in total). Ranks: 4 provincial leaders, 5 department heads;
 * a fifth of the communes (border, minority areas) want a provincial leader. No one is top tier here.
 */
export function provinceInstances(seed: number, communes = 3300, officials = 2000, days = 21): Record<string, PlanningInstance> {
  const random = mulberry32(seed);
  const windowDays = windowOf(days);
  const weights = PROVINCES.map(() => 0.6 + 0.8 * random());
  const sum = weights.reduce((a, b) => a + b, 0);
  const instances: Record<string, PlanningInstance> = {};
  PROVINCES.forEach((province, p) => {
    const venueCount = Math.round((communes * weights[p]) / sum);
    const officialCount = Math.round((officials * weights[p]) / sum);
    const venues: PlanningVenue[] = Array.from({ length: venueCount }, (_, i) => {
      const areaFlags = flags(random, province.defaultRegion);
      return {
        id: `xa-${province.code}-${String(i + 1).padStart(3, '0')}`,
        name: `Xã ${i + 1}, ${province.name}`,
        provinceCode: province.code,
        region: province.defaultRegion,
        areaFlags,
        requiredTierRank: areaFlags.includes(AreaFlag.BienGioi) || chance(random, 0.1) ? 4 : 5,
        candidateDates: candidateDates(random, windowDays, int(random, 2, 4), 0.4),
        latitude: province.latitude + (random() - 0.5) * 1.2,
        longitude: province.longitude + (random() - 0.5) * 1.2,
        accessHours: areaFlags.length ? int(random, 0, 5) : 0,
      };
    });
    const leaders: PlanningLeader[] = Array.from({ length: officialCount }, (_, i) => {
      const tierRank = i < officialCount * 0.25 ? 4 : 5;
      const available = availability(random, windowDays, 0.15 + 0.2 * random());
      return {
        id: `cb-${province.code}-${String(i + 1).padStart(3, '0')}`,
        name: `Cán bộ ${i + 1}, ${province.name}`,
        tierRank,
        homeProvinceCode: province.code,
        baseLatitude: province.latitude + (random() - 0.5) * 0.3,
        baseLongitude: province.longitude + (random() - 0.5) * 0.3,
        availableDates: available,
        maxAppearances: tierRank === 4 ? 3 : chance(random, 0.7) ? 2 : 1,
        preferredDates: chance(random, 0.3) ? sample(random, available, int(random, 3, 6)).sort() : [],
      };
    });
    instances[province.code] = {
      venues,
      leaders,
      // Provinces accept HiGHS's default MIP gap (0.01%); the national plan is held to 1e-6.
      settings: planningSettings({ windowStart: windowDays[0], windowEnd: WINDOW_END, roadFactor: ROAD_FACTOR, topTierMaxRank: -1, mipRelGap: 1e-4 }),
    };
  });
  return instances;
}
