import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@app/audit/audit.service';
import type { Actor } from '@app/auth/actor';
import { BusinessRuleError, NotFoundError } from '@app/common/domain-error';
import { instantToLocalTime, IsoDate, localToInstant } from '@app/common/time';
import { inTransaction } from '@app/common/transaction';
import type { Edition } from '@app/editions/edition.entity';
import { EditionsService } from '@app/editions/editions.service';
import { AssignmentRole, Leader, LeaderParticipation, RANK_TIER_ORDER, RankTier, VenueLeaderAssignment } from '@app/leaders/leader.entities';
import { isUnavailableOn } from '@app/leaders/leader-rules';
import { PROVINCES } from '@app/provinces/province-data';
import { Venue } from '@app/venues/venue.entity';
import { AreaFlag, VenueStatus, VenueTier } from '@app/venues/venue.enums';
import { describeVenueChange, VenueEvents } from '@app/venues/venue-events';
import { CreatePlanningRunDto } from './dto/planning-run.dto';
import { planningSettings, windowDates } from './planning-rules';
import { PlanningBaseline, PlanningRun, PlanningRunStatus } from './planning-run.entity';
import type { CurrentAssignment, Explanation, ObjectiveBreakdown, PlanAssignment, PlanningInstance, PlanningLeader, PlanningVenue, SlackUse, SolveStats } from './planning.types';
import { AssignmentChange, describeChanges, repairPlan } from './repair';
import { solvePlan } from './solve-plan';

export interface ProposedAssignment extends PlanAssignment {
  venueName: string;
  leaderName: string;
}

/** What a planner sees of a run: the proposal, why venues stay uncovered, and what it changes. */
export interface PlanningRunView {
  id: string;
  editionId: string;
  status: PlanningRunStatus;
  createdAt: Date;
  acceptedAt: Date | null;
  mode: 'fresh' | 'repair';
  solverStatus: string;
  assignments: ProposedAssignment[];
  venueDates: Record<string, IsoDate>;
  objective: ObjectiveBreakdown;
  explanations: Explanation[];
  slacks: SlackUse[];
  changes: AssignmentChange[];
  brokenFixed: AssignmentChange[];
  summary: string;
  stats: SolveStats;
}

type StoredResult = Omit<PlanningRunView, 'id' | 'editionId' | 'status' | 'createdAt' | 'acceptedAt'> & { startTime: string; endTime: string };

const PLANNABLE = [VenueStatus.Approved, VenueStatus.Scheduled];
const HA_NOI = PROVINCES.find((province) => province.code === '01')!;
/** Hours from the nearest airport or main road, estimated from area flags (the venue row has no such field). */
const ACCESS_HOURS: Partial<Record<AreaFlag, number>> = { [AreaFlag.HaiDao]: 4, [AreaFlag.BienGioi]: 2, [AreaFlag.MienNui]: 2 };
const rankOf = (tier: RankTier) => RANK_TIER_ORDER.indexOf(tier);

/**
 * Planning runs: builds the planning instance of an edition from the database (its approved and
 * scheduled venues of one tier; the leaders taking part, with their availability and maximum), proposes a plan (a
 * repair of the assignments in force unless asked to start fresh), and writes an accepted proposal
 * to assignments and venue dates in one audited transaction. Owns `planning_runs`; changes venue
 * dates only through the same fields and venue events the venue workflow uses.
 */
@Injectable()
export class PlanningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly venueEvents: VenueEvents,
  ) {}

  async propose(editionId: string, input: CreatePlanningRunDto, actor: Actor): Promise<PlanningRunView> {
    const edition = await this.editions.requireOpen(editionId);
    const { instance, baseline, names } = await this.loadInstance(this.dataSource.manager, edition, input);
    const repair = !input.fresh && baseline.assignments.length > 0;
    const result = repair ? await repairPlan(instance) : await solvePlan(instance);
    const changes = repair ? (result as Awaited<ReturnType<typeof repairPlan>>) : describeChanges(instance, result);
    const stored: StoredResult = {
      mode: repair ? 'repair' : 'fresh',
      solverStatus: result.status,
      assignments: result.plan.assignments.map((a) => ({ ...a, venueName: names.venues.get(a.venueId)!, leaderName: names.leaders.get(a.leaderId)! })),
      venueDates: result.venueDates,
      objective: result.objective,
      explanations: result.explanations,
      slacks: result.slacks,
      changes: changes.changes,
      brokenFixed: changes.brokenFixed,
      summary: changes.summary,
      stats: result.stats,
      startTime: input.startTime ?? '07:30',
      endTime: input.endTime ?? '11:00',
    };
    return this.dataSource.transaction(async (manager) => {
      const run = await manager.save(
        manager.create(PlanningRun, {
          editionId,
          status: PlanningRunStatus.Proposed,
          request: { ...input },
          baseline,
          result: stored as unknown as Record<string, unknown>,
          requestedBy: actor.id,
        }),
      );
      await this.audit.record(manager, {
        actor,
        entityType: 'planning_run',
        entityId: run.id,
        action: 'create',
        after: { mode: stored.mode, venues: Object.keys(baseline.venueDates).length, uncovered: result.objective.uncoveredVenues, changes: stored.changes.length },
      });
      return toView(run);
    });
  }

  async get(editionId: string, runId: string): Promise<PlanningRunView> {
    const run = await this.dataSource.manager.findOneBy(PlanningRun, { id: runId, editionId });
    if (!run) throw new NotFoundError('lượt lập kế hoạch', runId);
    return toView(run);
  }

  /**
   * Writes a proposal: assignments of the planned venues become the proposal's, venues get its dates
   * (approved ones become scheduled), all in one transaction with audit entries and venue events. Refused
   * if the assignments or dates have changed since the run was computed.
   */
  async accept(editionId: string, runId: string, actor: Actor): Promise<PlanningRunView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.editions.requireOpen(editionId, manager);
      const run = await manager.findOne(PlanningRun, { where: { id: runId, editionId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new NotFoundError('lượt lập kế hoạch', runId);
      if (run.status !== PlanningRunStatus.Proposed) {
        throw new BusinessRuleError('PLANNING_RUN_NOT_PROPOSED', 'Phương án này đã được chấp nhận hoặc đã bị thay thế.', { status: run.status }, 409);
      }
      const result = run.result as unknown as StoredResult;
      const venueIds = Object.keys(run.baseline.venueDates).sort();
      const venues = venueIds.length
        ? await manager.find(Venue, { where: { id: In(venueIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })
        : [];
      const now = await baselineOf(manager, venues);
      if (venues.length !== venueIds.length || venues.some((venue) => !PLANNABLE.includes(venue.status)) || !sameBaseline(now, run.baseline)) {
        throw new BusinessRuleError(
          'PLANNING_RUN_STALE',
          'Phân công hoặc ngày tổ chức đã thay đổi từ khi lập phương án này. Vui lòng lập lại phương án.',
          undefined,
          409,
        );
      }

      // Assignments: remove those the proposal drops (chief guests first freed), then add the new ones.
      const key = (a: { venueId: string; leaderId: string; role: string }) => `${a.venueId}|${a.leaderId}|${a.role}`;
      const proposed = new Set(result.assignments.map(key));
      const existing = await manager.find(VenueLeaderAssignment, { where: { venueId: In(venueIds) } });
      const kept = new Set<string>();
      for (const assignment of existing) {
        if (proposed.has(key(assignment))) {
          kept.add(key(assignment));
          continue;
        }
        await manager.delete(VenueLeaderAssignment, { id: assignment.id });
        await this.audit.record(manager, {
          actor,
          entityType: 'venue_leader_assignment',
          entityId: assignment.id,
          action: 'delete',
          before: { venueId: assignment.venueId, leaderId: assignment.leaderId, role: assignment.role },
          note: `Phương án lập kế hoạch ${run.id}`,
        });
      }
      for (const assignment of result.assignments) {
        if (kept.has(key(assignment))) continue;
        const role = assignment.role === 'chief_guest' ? AssignmentRole.ChiefGuest : AssignmentRole.Accompanying;
        const saved = await manager.save(manager.create(VenueLeaderAssignment, { venueId: assignment.venueId, leaderId: assignment.leaderId, role }));
        await this.audit.record(manager, {
          actor,
          entityType: 'venue_leader_assignment',
          entityId: saved.id,
          action: 'create',
          after: { venueId: assignment.venueId, leaderId: assignment.leaderId, role },
          note: `Phương án lập kế hoạch ${run.id}`,
        });
      }

      // Dates: a venue keeps its hours on a new date; one without hours gets the run's.
      for (const venue of venues) {
        const date = result.venueDates[venue.id];
        if (!date || date === venue.scheduledDate) continue;
        const before = { ...venue };
        const startTime = venue.startsAt ? instantToLocalTime(venue.startsAt) : result.startTime;
        const endTime = venue.endsAt ? instantToLocalTime(venue.endsAt) : result.endTime;
        Object.assign(venue, {
          status: VenueStatus.Scheduled,
          scheduledDate: date,
          startsAt: localToInstant(date, startTime),
          endsAt: localToInstant(date, endTime),
        });
        const saved = await manager.save(venue);
        const note = `Xếp lịch theo phương án lập kế hoạch ${run.id}`;
        await this.audit.record(manager, { actor, entityType: 'venue', entityId: venue.id, action: 'transition', before, after: saved, note });
        await this.venueEvents.publish(manager, describeVenueChange(before, saved, actor, note), afterCommit);
      }

      const before = { status: run.status };
      Object.assign(run, { status: PlanningRunStatus.Accepted, acceptedBy: actor.id, acceptedAt: new Date() });
      const saved = await manager.save(run);
      await manager.query(`UPDATE planning_runs SET status = 'superseded' WHERE edition_id = $1 AND status = 'proposed' AND id <> $2`, [editionId, run.id]);
      await this.audit.record(manager, { actor, entityType: 'planning_run', entityId: run.id, action: 'transition', before, after: { status: saved.status } });
      return toView(saved);
    });
  }

  /** The planning instance of an edition: its plannable venues of one tier, active leaders, the plan in force. */
  private async loadInstance(
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
      requiredTierRank: required.get(venue.id) ?? rankOf(input.defaultRequiredTier ?? RankTier.CentralCommittee),
      candidateDates: venue.candidateDates.length ? venue.candidateDates : venue.scheduledDate ? [venue.scheduledDate] : [],
      latitude: venue.latitude,
      longitude: venue.longitude,
      accessHours: Math.max(0, ...venue.areaFlags.map((flag) => ACCESS_HOURS[flag] ?? 0)),
      accompanying: accompanying.get(venue.id) ?? 0,
    }));
    // Leaders have no base on record: central leaders are based in Hà Nội.
    const planningLeaders: PlanningLeader[] = leaders.map((leader) => ({
      id: leader.id,
      name: leader.fullName,
      tierRank: rankOf(leader.rankTier),
      homeProvinceCode: leader.homeProvinceCode,
      baseLatitude: HA_NOI.latitude,
      baseLongitude: HA_NOI.longitude,
      availableDates: window.filter((date) => !isUnavailableOn(leader.unavailability ?? [], date)),
      maxAppearances: participations.get(leader.id)?.maxAppearances ?? 1,
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
        topTierMaxRank: rankOf(input.topTier ?? RankTier.Politburo),
        maxTopTierPerDay: input.maxTopTierPerDay ?? 3,
        maxTopTierPerProvinceDay: input.maxTopTierPerProvinceDay ?? 1,
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
async function baselineOf(manager: EntityManager, venues: readonly Venue[]): Promise<PlanningBaseline> {
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

function sameBaseline(a: PlanningBaseline, b: PlanningBaseline): boolean {
  const assignments = (baseline: PlanningBaseline) =>
    baseline.assignments
      .map((x) => `${x.venueId}|${x.leaderId}|${x.role}|${x.date}`)
      .sort()
      .join(',');
  const dates = (baseline: PlanningBaseline) =>
    Object.entries(baseline.venueDates)
      .map(([id, date]) => `${id}|${date}`)
      .sort()
      .join(',');
  return assignments(a) === assignments(b) && dates(a) === dates(b);
}

function toView(run: PlanningRun): PlanningRunView {
  const { startTime: _start, endTime: _end, ...result } = run.result as unknown as StoredResult;
  return { id: run.id, editionId: run.editionId, status: run.status, createdAt: run.createdAt, acceptedAt: run.acceptedAt, ...result };
}
