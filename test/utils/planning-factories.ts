/** Test-data factories for planning instances (the planning specs' inputs): small, readable defaults that each test overrides. */
import { Region } from '@app/provinces';
import { planningSettings, windowDates } from '@app/planning/planning-rules';
import type { PlanningInstance, PlanningLeader, PlanningSettings, PlanningVenue } from '@app/planning/planning.types';

export const TEST_WINDOW = { windowStart: '2027-08-13', windowEnd: '2027-08-19' } as const;

/** The configured road-distance factor's default (AppConfig.ROAD_DISTANCE_FACTOR). */
export const TEST_ROAD_FACTOR = 1.4;

/** Hà Nội, the default base and venue location (no travel cost between defaults). */
const HA_NOI = { latitude: 21.0285, longitude: 105.8542 };

export function makeVenue(id: string, overrides: Partial<PlanningVenue> = {}): PlanningVenue {
  return {
    id,
    name: `Điểm ${id}`,
    provinceCode: '01',
    region: Region.DongBangSongHong,
    areaFlags: [],
    requiredTierRank: 0,
    candidateDates: ['2027-08-19'],
    ...HA_NOI,
    ...overrides,
  };
}

export function makeLeader(id: string, overrides: Partial<PlanningLeader> = {}): PlanningLeader {
  return {
    id,
    name: `Lãnh đạo ${id}`,
    tierRank: 0,
    homeProvinceCode: '01',
    baseLatitude: HA_NOI.latitude,
    baseLongitude: HA_NOI.longitude,
    availableDates: windowDates(TEST_WINDOW),
    ...overrides,
  };
}

/** Every weight 0 unless given: tests then read exact optima from the weights they set. */
export function makeInstance(
  parts: Omit<PlanningInstance, 'settings'> & {
    settings?: Partial<Omit<PlanningSettings, 'weights' | 'travel'>> & {
      weights?: Partial<PlanningSettings['weights']>;
      travel?: Partial<PlanningSettings['travel']>;
    };
  },
): PlanningInstance {
  const { settings, ...rest } = parts;
  return {
    ...rest,
    settings: planningSettings({
      ...TEST_WINDOW,
      roadFactor: TEST_ROAD_FACTOR,
      maxTopTierPerDay: 10,
      maxTopTierPerProvinceDay: 10,
      ...settings,
      weights: { homeTies: 0, preferredDate: 0, priorityArea: 0, spread: 0, travel: 0, ...settings?.weights },
    }),
  };
}
