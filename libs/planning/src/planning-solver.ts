import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { queryRows } from '@app/common/sql';
import { AppConfig } from '@app/config';
import { Edition } from '@app/editions/edition.entity';
import { AssignmentRole, Leader, LeaderParticipation, RANK_TIER_ORDER, RankTier, VenueLeaderAssignment } from '@app/leaders/leader.entities';
import { isUnavailableOn } from '@app/leaders/leader-rules';
import { CENTRAL_CHIEF_GUEST_MIN_TIER } from '@app/leaders/rank-tier';
import { PROVINCES } from '@app/provinces/province-data';
import { Venue } from '@app/venues/venue.entity';
import { AreaFlag, VenueTier } from '@app/venues/venue.enums';
import { LIVE_VENUE_STATUSES } from '@app/venues/venue-workflow';
import { CreatePlanningRunDto } from './dto/planning-run.dto';
import { planningSettings, windowDates } from './planning-rules';
import { PlanningBaseline, PlanningRun } from './planning-run.entity';
import type { CurrentAssignment, PlanAssignment, PlanningInstance, PlanningLeader, PlanningVenue } from './planning.types';
import { planInstance } from './plan-instance';
import type { PlanOutcome } from './province-split';
import { DEFAULT_TOP_TIER_CAPS } from './planning-weights';

export interface ProposedAssignment extends PlanAssignment {
  venueName: string;
  leaderName: string;
}

/** The proposal of a run as stored and shown (see PlanningRunView). */
export type StoredResult = Omit<PlanOutcome, 'plan' | 'status'> & {
  mode: 'fresh' | 'repair';
  solverStatus: string;
  assignments: ProposedAssignment[];
  /** Provinces planned one by one (tiers below central), or null for one national instance. */
  provinces: number | null;
  startTime: string;
  endTime: string;
};

/** Venues a run plans (and an accepted run may still write to). */
export const PLANNABLE = LIVE_VENUE_STATUSES;
const PROVINCE_BY_CODE = new Map(PROVINCES.map((province) => [province.code, province]));
const HA_NOI = PROVINCE_BY_CODE.get('01')!;
/** Hours from the nearest airport or main road, estimated from area flags (the venue row has no such field). */
const ACCESS_HOURS: Partial<Record<AreaFlag, number>> = { [AreaFlag.HaiDao]: 4, [AreaFlag.BienGioi]: 2, [AreaFlag.MienNui]: 2 };
const rankOf = (tier: RankTier) => RANK_TIER_ORDER.indexOf(tier);

/**
 * Builds an edition's planning instance from the database and solves it: central venues as one
 * national instance; venues of lower tiers (commune festivals) province by province, each with its
 * own officials (leaders whose home province it is), as independent sub-problems. Used inline by the
 * API for small runs and by the worker for queued ones, where it records progress per province and
 * yields to the event loop between provinces (a HiGHS solve is synchronous WebAssembly).
 */
@Injectable()
export class PlanningSolver {
  private readonly logger = new Logger('PlanningSolver');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async compute(
    edition: Edition,
    input: CreatePlanningRunDto,
    onProgress: (done: number, total: number) => Promise<void> = async () => undefined,
  ): Promise<{ stored: StoredResult; baseline: PlanningBaseline }> {
    const { instance, baseline, names } = await this.loadInstance(this.dataSource.manager, edition, input);
    const repair = !input.fresh && baseline.assignments.length > 0;
    const byProvince = (input.venueTier ?? VenueTier.Central) !== VenueTier.Central;
    const { outcome, provinces } = await planInstance(instance, { mode: repair ? 'repair' : 'fresh', byProvince, onProgress });
    const { plan, status, ...rest } = outcome;
    const stored: StoredResult = {
      ...rest,
      mode: repair ? 'repair' : 'fresh',
      solverStatus: status,
      assignments: plan.assignments.map((a) => ({ ...a, venueName: names.venues.get(a.venueId)!, leaderName: names.leaders.get(a.leaderId)! })),
      provinces: provinces && Object.keys(provinces).length,
      startTime: input.startTime ?? '07:30',
      endTime: input.endTime ?? '11:00',
    };
    return { stored, baseline };
  }

  /**
   * The worker's half of a queued run: claims it (queued, or solving after a crashed attempt),
   * solves it with progress recorded province by province, and stores the proposal — or the failure.
   */
  async solveQueued(runId: string): Promise<'proposed' | 'failed' | 'not-queued'> {
    const [claimed] = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE planning_runs SET status = 'solving', version = version + 1 WHERE id = $1 AND status IN ('queued', 'solving') RETURNING id`,
      [runId],
    );
    if (!claimed) return 'not-queued';
    const run = await this.dataSource.manager.findOneByOrFail(PlanningRun, { id: runId });
    try {
      const edition = await this.dataSource.manager.findOneByOrFail(Edition, { id: run.editionId });
      const { stored, baseline } = await this.compute(edition, run.request as CreatePlanningRunDto, async (done, total) => {
        await this.dataSource.query(`UPDATE planning_runs SET progress_done = $2, progress_total = $3 WHERE id = $1`, [runId, done, total]);
      });
      await this.dataSource.query(
        `UPDATE planning_runs SET status = 'proposed', baseline = $2, result = $3, failure = NULL, version = version + 1 WHERE id = $1 AND status = 'solving'`,
        [runId, JSON.stringify(baseline), JSON.stringify(stored)],
      );
      return 'proposed';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ runId, reason }, 'planning run failed');
      await this.dataSource.query(`UPDATE planning_runs SET status = 'failed', failure = $2, version = version + 1 WHERE id = $1`, [runId, reason.slice(0, 2000)]);
      return 'failed'; // recorded; not retried (the same input would fail the same way)
    }
  }

  /** The planning instance of an edition: its plannable venues of one tier, active leaders, the plan in force. */
  async loadInstance(
    manager: EntityManager,
    edition: Edition,
    input: CreatePlanningRunDto,
  ): Promise<{ instance: PlanningInstance; baseline: PlanningBaseline; names: { venues: Map<string, string>; leaders: Map<string, string> } }> {
    const venues = await manager.find(Venue, {
      where: { editionId: edition.id, status: In(PLANNABLE), tier: input.venueTier ?? VenueTier.Central },
      order: { id: 'ASC' },
    });
    // The leaders taking part in the edition (those with a title for it), or every active leader before any has one.
    const participations = new Map(
      (await manager.find(LeaderParticipation, { where: { editionId: edition.id } })).map((participation) => [participation.leaderId, participation]),
    );
    const leaders = await manager.find(Leader, {
      where: { active: true, ...(participations.size ? { id: In([...participations.keys()]) } : {}) },
      relations: { unavailability: true },
      order: { id: 'ASC' },
    });
    const baseline = await baselineOf(manager, venues);
    const accepted = new Set<string>(
      (
        await manager.query(
          `SELECT venue_id, leader_id FROM invitations WHERE edition_id = $1 AND status = 'accepted' AND leader_id IS NOT NULL`,
          [edition.id],
        )
      ).map((row: { venue_id: string; leader_id: string }) => `${row.venue_id}|${row.leader_id}`),
    );
    // What the leaders already do elsewhere in the edition (venues outside this run, e.g. another tier):
    // those days are taken and those appearances count against their maximum.
    const elsewhere: { leader_id: string; date: string | null }[] = leaders.length
      ? await manager.query(
          `SELECT a.leader_id, v.scheduled_date::text AS date FROM venue_leader_assignments a JOIN venues v ON v.id = a.venue_id
            WHERE v.edition_id = $1 AND v.status = ANY($2) AND a.leader_id = ANY($3) AND NOT (v.id = ANY($4))`,
          [edition.id, [...PLANNABLE], leaders.map((leader) => leader.id), venues.map((venue) => venue.id)],
        )
      : [];
    const busyElsewhere = new Map<string, { dates: Set<string>; appearances: number }>();
    for (const row of elsewhere) {
      const entry = busyElsewhere.get(row.leader_id) ?? { dates: new Set<string>(), appearances: 0 };
      entry.appearances += 1;
      if (row.date) entry.dates.add(row.date);
      busyElsewhere.set(row.leader_id, entry);
    }
    const locked = new Set((input.locked ?? []).map((pair) => `${pair.venueId}|${pair.leaderId}`));
    const required = new Map((input.requiredTiers ?? []).map((item) => [item.venueId, rankOf(item.rankTier)]));
    const accompanying = new Map((input.accompanying ?? []).map((item) => [item.venueId, item.count]));
    const window = windowDates(edition);

    const planningVenues: PlanningVenue[] = venues.map((venue) => ({
      id: venue.id,
      name: venue.name,
      provinceCode: venue.provinceCode,
      region: venue.region,
      areaFlags: venue.areaFlags,
      requiredTierRank: required.get(venue.id) ?? rankOf(input.defaultRequiredTier ?? CENTRAL_CHIEF_GUEST_MIN_TIER),
      // A date set by hand need not be one the province proposed: it stays possible (a repair keeps it).
      candidateDates: [...new Set([...venue.candidateDates, ...(venue.scheduledDate ? [venue.scheduledDate] : [])])].sort(),
      latitude: venue.latitude,
      longitude: venue.longitude,
      accessHours: Math.max(0, ...venue.areaFlags.map((flag) => ACCESS_HOURS[flag] ?? 0)),
      accompanying: accompanying.get(venue.id) ?? 0,
    }));
    // Leaders travel from where they work: their base province's centre, Hà Nội when none is on record.
    const baseOf = (leader: Leader) => (leader.baseProvinceCode && PROVINCE_BY_CODE.get(leader.baseProvinceCode)) || HA_NOI;
    const planningLeaders: PlanningLeader[] = leaders.map((leader) => ({
      id: leader.id,
      name: leader.fullName,
      tierRank: rankOf(leader.rankTier),
      homeProvinceCode: leader.homeProvinceCode,
      baseLatitude: baseOf(leader).latitude,
      baseLongitude: baseOf(leader).longitude,
      availableDates: window.filter((date) => !isUnavailableOn(leader.unavailability ?? [], date) && !busyElsewhere.get(leader.id)?.dates.has(date)),
      maxAppearances: Math.max(0, (participations.get(leader.id)?.maxAppearances ?? 1) - (busyElsewhere.get(leader.id)?.appearances ?? 0)),
      preferredDates: leader.preferredDates,
    }));
    const current: CurrentAssignment[] = baseline.assignments.map((assignment) => {
      const pair = `${assignment.venueId}|${assignment.leaderId}`;
      return { ...assignment, ...(accepted.has(pair) ? { fixed: 'accepted' as const } : locked.has(pair) ? { fixed: 'locked' as const } : {}) };
    });
    const instance: PlanningInstance = {
      venues: planningVenues,
      leaders: planningLeaders,
      settings: planningSettings({
        windowStart: edition.windowStart,
        windowEnd: edition.windowEnd,
        roadFactor: this.config.ROAD_DISTANCE_FACTOR,
        topTierMaxRank: rankOf(input.topTier ?? RankTier.Politburo),
        maxTopTierPerDay: input.maxTopTierPerDay ?? DEFAULT_TOP_TIER_CAPS.maxTopTierPerDay,
        maxTopTierPerProvinceDay: input.maxTopTierPerProvinceDay ?? DEFAULT_TOP_TIER_CAPS.maxTopTierPerProvinceDay,
        weights: { ...input.weights },
      }),
      leaderPins: input.leaderPins ?? [],
      datePins: input.datePins ?? [],
      bans: input.bans ?? [],
      current,
    };
    return {
      instance,
      baseline,
      names: { venues: new Map(venues.map((venue) => [venue.id, venue.name])), leaders: new Map(leaders.map((leader) => [leader.id, leader.fullName])) },
    };
  }
}

/** Assignments and dates of these venues as they stand. */
export async function baselineOf(manager: EntityManager, venues: readonly Venue[]): Promise<PlanningBaseline> {
  const ids = venues.map((venue) => venue.id);
  const dates = new Map(venues.map((venue) => [venue.id, venue.scheduledDate]));
  const rows = ids.length ? await manager.find(VenueLeaderAssignment, { where: { venueId: In(ids) }, order: { venueId: 'ASC', leaderId: 'ASC' } }) : [];
  return {
    assignments: rows.map((row) => ({
      venueId: row.venueId,
      leaderId: row.leaderId,
      role: row.role === AssignmentRole.ChiefGuest ? 'chief_guest' : 'accompanying',
      date: dates.get(row.venueId) ?? null,
    })),
    venueDates: Object.fromEntries(venues.map((venue) => [venue.id, venue.scheduledDate])),
  };
}

