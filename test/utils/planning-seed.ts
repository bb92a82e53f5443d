/**
 * Writes a generated planning instance (bench/solver-instances.ts) into the database as an edition the
 * API and worker plan: its venues (approved, of one tier), its leaders with their busy days, ranks and
 * bases, and their participation. What the database cannot hold of the instance goes into the run's
 * request (`request`): the central venues' required tiers and accompanying leaders. For suites and
 * benches that need a solve of a real size through the real path (queue → worker → solver thread).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Edition } from '@app/editions/edition.entity';
import { Leader, LeaderParticipation, LeaderUnavailability, RankTier } from '@app/leaders/leader.entities';
import { RANK_TIER_ORDER } from '@app/leaders/rank-tier';
import type { PlanningInstance } from '@app/planning/planning.types';
import { addDays, daysBetween } from '@app/planning/planning-rules';
import { PROVINCES } from '@app/provinces/province-data';
import { Venue } from '@app/venues/venue.entity';
import { HostKind, VenueStatus, VenueTier } from '@app/venues/venue.enums';
import { createEdition } from './factories';

const CHUNK = 500;

async function insertChunks<T extends object>(dataSource: DataSource, entity: new () => T, rows: object[]): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < rows.length; offset += CHUNK) {
    const result = await dataSource.getRepository(entity).insert(rows.slice(offset, offset + CHUNK));
    ids.push(...result.identifiers.map((identifier) => String(identifier.id)));
  }
  return ids;
}

/** The province whose centre is nearest (a leader's base, from the generator's coordinates). */
function nearestProvince(latitude: number, longitude: number): string {
  let best = PROVINCES[0];
  for (const province of PROVINCES) {
    const distance = (province.latitude - latitude) ** 2 + (province.longitude - longitude) ** 2;
    if (distance < (best.latitude - latitude) ** 2 + (best.longitude - longitude) ** 2) best = province;
  }
  return best.code;
}

export interface SeededPlanning {
  edition: Edition;
  /** The body of POST …/planning-runs planning this instance. */
  request: Record<string, unknown>;
  venues: number;
  leaders: number;
}

export async function seedPlanningEdition(dataSource: DataSource, instance: PlanningInstance, tier: VenueTier): Promise<SeededPlanning> {
  const edition = await createEdition(dataSource, { theme: `Lập kế hoạch ${instance.venues.length} điểm` });
  // The generator's window ends on 19 August like every edition's: move its dates to the edition's year.
  const shift = (date: string) => `${edition.year}${date.slice(4)}`;
  const venueIds = await insertChunks(
    dataSource,
    Venue,
    instance.venues.map((venue) => ({
      editionId: edition.id,
      name: venue.name,
      tier,
      provinceCode: venue.provinceCode,
      communeName: 'Xã Thử Nghiệm',
      hamletName: 'Bản Mới',
      hostKind: HostKind.Ban,
      address: venue.name,
      latitude: venue.latitude,
      longitude: venue.longitude,
      region: venue.region,
      areaFlags: [...venue.areaFlags],
      expectedAttendance: 500,
      candidateDates: venue.candidateDates.map(shift),
      status: VenueStatus.Approved,
    })),
  );
  const window = daysBetween(instance.settings.windowStart, instance.settings.windowEnd) + 1;
  const windowDays = Array.from({ length: window }, (_, day) => addDays(instance.settings.windowStart, day));
  const leaderIds = await insertChunks(
    dataSource,
    Leader,
    instance.leaders.map((leader) => ({
      fullName: leader.name,
      position: 'Lãnh đạo',
      rankTier: RANK_TIER_ORDER[leader.tierRank] ?? RankTier.Other,
      organisation: 'Ban Chỉ đạo',
      officeEmail: `vp-${randomUUID().slice(0, 12)}@vanphong.example.vn`,
      officePhone: null,
      homeProvinceCode: leader.homeProvinceCode,
      baseProvinceCode: nearestProvince(leader.baseLatitude, leader.baseLongitude),
      preferredDates: (leader.preferredDates ?? []).map(shift),
    })),
  );
  // Busy days: the generator's window days the leader is not available, as date ranges.
  const busy: object[] = [];
  instance.leaders.forEach((leader, index) => {
    const available = new Set(leader.availableDates);
    let start: string | null = null;
    windowDays.forEach((date, day) => {
      const free = available.has(date);
      if (!free && start === null) start = date;
      if (start !== null && (free || day === windowDays.length - 1)) {
        busy.push({ leaderId: leaderIds[index], startDate: shift(start), endDate: shift(free ? windowDays[day - 1] : date), reason: 'Công tác' });
        start = null;
      }
    });
  });
  await insertChunks(dataSource, LeaderUnavailability, busy);
  await insertChunks(
    dataSource,
    LeaderParticipation,
    instance.leaders.map((leader, index) => ({
      editionId: edition.id,
      leaderId: leaderIds[index],
      title: 'Lãnh đạo',
      maxAppearances: leader.maxAppearances ?? 1,
    })),
  );
  const central = tier === VenueTier.Central;
  const request: Record<string, unknown> = central
    ? {
        requiredTiers: instance.venues.map((venue, index) => ({ venueId: venueIds[index], rankTier: RANK_TIER_ORDER[venue.requiredTierRank] })),
        accompanying: instance.venues.map((venue, index) => ({ venueId: venueIds[index], count: venue.accompanying ?? 0 })).filter((item) => item.count > 0),
        maxTopTierPerDay: instance.settings.maxTopTierPerDay,
        maxTopTierPerProvinceDay: instance.settings.maxTopTierPerProvinceDay,
        fresh: true,
      }
    : // Commune festivals: each province's officials; a provincial leader or anyone below may be chief guest.
      { venueTier: tier, defaultRequiredTier: RankTier.Other, topTier: RankTier.Politburo, fresh: true };
  return { edition, request, venues: venueIds.length, leaders: leaderIds.length };
}
