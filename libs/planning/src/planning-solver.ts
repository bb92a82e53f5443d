import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, type IsoDate, Notifier, queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { findEdition } from '@app/editions';
import { acceptedInvitations } from '@app/invitations';
import {
  AssignmentRole,
  type AssignmentRow,
  assignmentsAtVenues,
  CENTRAL_CHIEF_GUEST_MIN_TIER,
  editionLeaders,
  isUnavailableOn,
  RANK_TIER_ORDER,
  RankTier,
} from '@app/leaders';
import { PROVINCES } from '@app/provinces';
import { AreaFlag, LIVE_VENUE_STATUSES, liveVenueDatesOutsideTier, liveVenuesOfTier, VenueTier } from '@app/venues';
import { CreatePlanningRunDto } from './dto/planning-run.dto';
import { planningSettings, windowDates } from './planning-rules';
import { PlanningBaseline, PlanningRun, PlanningRunStatus } from './planning-run.entity';
import { statusesBefore } from './planning-run-rules';
import type { CurrentAssignment, PlanningInstance, PlanningLeader, PlanningVenue } from './planning.types';
import { DEFAULT_TOP_TIER_CAPS } from './planning-weights';
import { SolveCancelledError, type SolveControl, SolverThreads } from './solver-threads';
import { mapInSlices } from './yielding';

export type { ProposedAssignment, StoredResult } from './stored-result';

/** Venues a run plans (and an accepted run may still write to). */
export const PLANNABLE = LIVE_VENUE_STATUSES;
/** What the solver reads of an edition. */
export type PlanningEdition = { id: string; windowStart: IsoDate; windowEnd: IsoDate };
const PROVINCE_BY_CODE = new Map(PROVINCES.map((province) => [province.code, province]));
const HA_NOI = PROVINCE_BY_CODE.get('01')!;
/** Hours from the nearest airport or main road, estimated from area flags (the venue row has no such field). */
const ACCESS_HOURS: Partial<Record<AreaFlag, number>> = { [AreaFlag.HaiDao]: 4, [AreaFlag.BienGioi]: 2, [AreaFlag.MienNui]: 2 };
const rankOf = (tier: RankTier) => RANK_TIER_ORDER.indexOf(tier);

/**
 * Builds an edition's planning instance from the database and has it solved on a solver thread
 * (solver-threads.ts): central venues as one national instance; venues of lower tiers (commune
 * festivals) province by province, each with its own officials (leaders whose home province it is),
 * as independent sub-problems. The worker's half of a planning run: this thread only reads the
 * instance, records progress and stores the outcome, and watches for the planner cancelling it.
 */
@Injectable()
export class PlanningSolver {
  private readonly logger = new Logger('PlanningSolver');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly notifier: Notifier,
    private readonly threads: SolverThreads,
  ) {}

  /** The run's stored proposal, as JSON text (made on the solver thread: stored-result.ts), and the plan in force it started from. */
  async compute(
    edition: PlanningEdition,
    input: CreatePlanningRunDto,
    control: SolveControl = {},
  ): Promise<{ resultJson: string; baseline: PlanningBaseline }> {
    const { instance, baseline } = await this.loadInstance(this.dataSource.manager, edition, input);
    const repair = !input.fresh && baseline.assignments.length > 0;
    const byProvince = (input.venueTier ?? VenueTier.Central) !== VenueTier.Central;
    const result = { mode: repair ? ('repair' as const) : ('fresh' as const), startTime: input.startTime, endTime: input.endTime };
    const { resultJson } = await this.threads.plan(instance, { byProvince, result }, control);
    return { resultJson, baseline };
  }

  /**
   * The worker's half of a queued run: claims it (queued, or solving after a crashed attempt),
   * solves it with progress recorded province by province, and stores the proposal — or the failure.
   * A run a planner cancels meanwhile (planning.service.ts) stops: its solve's thread is terminated
   * at the next check (PLANNING_CANCEL_CHECK_MS, or the next province's progress), and nothing is written.
   */
  async solveQueued(runId: string): Promise<'proposed' | 'failed' | 'cancelled' | 'not-queued'> {
    const [claimed] = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE planning_runs SET status = 'solving', version = version + 1 WHERE id = $1 AND status = ANY($2) RETURNING id`,
      [runId, statusesBefore(PlanningRunStatus.Solving)],
    );
    if (!claimed) return 'not-queued';
    const run = await this.dataSource.manager.findOneByOrFail(PlanningRun, { id: runId });
    const cancel = new AbortController();
    const stillSolving = async () => {
      const [row] = await queryRows<{ status: PlanningRunStatus }>(this.dataSource, `SELECT status FROM planning_runs WHERE id = $1`, [runId]);
      if (row?.status !== PlanningRunStatus.Solving) cancel.abort();
    };
    const watch = setInterval(() => void stillSolving().catch(() => undefined), this.config.PLANNING_CANCEL_CHECK_MS);
    try {
      const edition = await findEdition(this.dataSource.manager, run.editionId);
      if (!edition) throw new Error(`Edition ${run.editionId} not found`);
      const { resultJson, baseline } = await this.compute(edition, run.request, {
        signal: cancel.signal,
        onProgress: async (done, total) => {
          const updated = await queryRows<{ id: string }>(
            this.dataSource,
            `UPDATE planning_runs SET progress_done = $2, progress_total = $3 WHERE id = $1 AND status = 'solving' RETURNING id`,
            [runId, done, total],
          );
          if (!updated.length) cancel.abort();
        },
      });
      clearInterval(watch);
      let proposed = false;
      await inTransaction(this.dataSource, async (manager, afterCommit) => {
        const proposedRows = await queryRows<{ id: string }>(
          manager,
          `UPDATE planning_runs SET status = 'proposed', baseline = $2, result = $3, failure = NULL, version = version + 1 WHERE id = $1 AND status = ANY($4) RETURNING id`,
          [runId, JSON.stringify(baseline), resultJson, statusesBefore(PlanningRunStatus.Proposed)],
        );
        proposed = proposedRows.length > 0;
        if (proposed) await this.notifier.notify(manager, { kind: 'planning_run_finished', runId, requestedBy: run.requestedBy }, afterCommit);
      });
      return proposed ? 'proposed' : 'cancelled';
    } catch (error) {
      if (error instanceof SolveCancelledError) {
        this.logger.log({ runId }, 'planning run cancelled: its solve was stopped');
        return 'cancelled';
      }
      // A deploy stopped the solve's thread: the job is retried (here or on another worker), which claims the run again.
      if (this.threads.closing) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error({ runId, reason }, 'planning run failed');
      await inTransaction(this.dataSource, async (manager, afterCommit) => {
        const failed = await queryRows<{ id: string }>(
          manager,
          `UPDATE planning_runs SET status = 'failed', failure = $2, version = version + 1 WHERE id = $1 AND status = ANY($3) RETURNING id`,
          [runId, reason.slice(0, 2000), statusesBefore(PlanningRunStatus.Failed)],
        );
        if (failed.length) await this.notifier.notify(manager, { kind: 'planning_run_failed', runId, requestedBy: run.requestedBy }, afterCommit);
      });
      return 'failed'; // recorded; not retried (the same input would fail the same way)
    } finally {
      clearInterval(watch);
    }
  }

  /** The planning instance of an edition: its plannable venues of one tier, the leaders taking part, the plan in force. */
  async loadInstance(
    manager: EntityManager,
    edition: PlanningEdition,
    input: CreatePlanningRunDto,
  ): Promise<{ instance: PlanningInstance; baseline: PlanningBaseline }> {
    const tier = input.venueTier ?? VenueTier.Central;
    const venues = await liveVenuesOfTier(manager, edition.id, tier);
    const participants = await editionLeaders(manager, edition.id);
    const leaderIds = participants.map(({ leader }) => leader.id);
    const baseline = baselineOf(
      venues,
      await assignmentsAtVenues(
        manager,
        venues.map((venue) => venue.id),
      ),
    );
    const accepted = new Set((await acceptedInvitations(manager, edition.id)).map((pair) => `${pair.venueId}|${pair.leaderId}`));
    // What the leaders already do elsewhere in the edition (its live venues of other tiers): those days
    // are taken and those appearances count against their maximum.
    const others = leaderIds.length ? await liveVenueDatesOutsideTier(manager, edition.id, tier) : [];
    const dateOf = new Map(others.map((venue) => [venue.id, venue.scheduledDate]));
    const busyElsewhere = new Map<string, { dates: Set<string>; appearances: number }>();
    for (const assignment of await assignmentsAtVenues(manager, [...dateOf.keys()], leaderIds)) {
      const entry = busyElsewhere.get(assignment.leaderId) ?? { dates: new Set<string>(), appearances: 0 };
      entry.appearances += 1;
      const date = dateOf.get(assignment.venueId);
      if (date) entry.dates.add(date);
      busyElsewhere.set(assignment.leaderId, entry);
    }
    const locked = new Set((input.locked ?? []).map((pair) => `${pair.venueId}|${pair.leaderId}`));
    const required = new Map((input.requiredTiers ?? []).map((item) => [item.venueId, rankOf(item.rankTier)]));
    const accompanying = new Map((input.accompanying ?? []).map((item) => [item.venueId, item.count]));
    const window = windowDates(edition);

    // Mapped in slices (yielding.ts): at a nationwide run's size these loops held the loop ~50 ms at once.
    const planningVenues: PlanningVenue[] = await mapInSlices(venues, (venue) => ({
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
    const baseOf = (code: string | null) => (code && PROVINCE_BY_CODE.get(code)) || HA_NOI;
    const planningLeaders: PlanningLeader[] = await mapInSlices(participants, ({ leader, maxAppearances }) => ({
      id: leader.id,
      name: leader.fullName,
      tierRank: rankOf(leader.rankTier),
      homeProvinceCode: leader.homeProvinceCode,
      baseLatitude: baseOf(leader.baseProvinceCode).latitude,
      baseLongitude: baseOf(leader.baseProvinceCode).longitude,
      availableDates: window.filter((date) => !isUnavailableOn(leader.unavailability ?? [], date) && !busyElsewhere.get(leader.id)?.dates.has(date)),
      maxAppearances: Math.max(0, maxAppearances - (busyElsewhere.get(leader.id)?.appearances ?? 0)),
      preferredDates: leader.preferredDates,
    }));
    const current: CurrentAssignment[] = await mapInSlices(baseline.assignments, (assignment) => {
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
    return { instance, baseline };
  }
}

/** The plan in force at these venues: their assignments (as read from the leaders library) and dates. */
export function baselineOf(venues: readonly { id: string; scheduledDate: IsoDate | null }[], assignments: readonly AssignmentRow[]): PlanningBaseline {
  const dates = new Map(venues.map((venue) => [venue.id, venue.scheduledDate]));
  return {
    assignments: assignments.map((row) => ({
      venueId: row.venueId,
      leaderId: row.leaderId,
      role: row.role === AssignmentRole.ChiefGuest ? 'chief_guest' : 'accompanying',
      date: dates.get(row.venueId) ?? null,
    })),
    venueDates: Object.fromEntries(venues.map((venue) => [venue.id, venue.scheduledDate])),
  };
}
