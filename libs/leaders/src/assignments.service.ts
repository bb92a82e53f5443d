import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { Actor, assertPlanner, canSeeVenueLeaders } from '@app/auth';
import {
  AfterCommit,
  assertVersion,
  AuditLog,
  type AuditRecord,
  BusinessRuleError,
  ForbiddenError,
  formatVietnameseDate,
  inTransaction,
  NotFoundError,
  queryRows,
  requireVersion,
} from '@app/common';
import { EditionsService } from '@app/editions';
import { attendedVenuesOf, type Venue, VenuesService, VenueTier } from '@app/venues';
import { AssignmentEvents } from './assignment-events';
import { AssignLeaderDto, ParticipationDto } from './dto/leader.dto';
import type { LeaderOptionView, VenueLeaderView } from './dto/leader-view.dto';
import { AssignmentRole, Leader, LeaderParticipation, LeaderUnavailability, RankTier, VenueLeaderAssignment } from './leader.entities';
import { type AssignmentRow, insertAssignments } from './leader-inserts';
import { isUnavailableOn } from './leader-rules';
import { leaderOptionVerdict } from './leader-option-rules';

/** What a leader's office reads when a planner takes the leader off a venue. */
const UNASSIGNED_REASON = 'Thay đổi phân công lãnh đạo dự điểm tổ chức';

/** Who attends which venue, and leaders' titles per edition. Planners write; reads follow need-to-know. */
@Injectable()
export class AssignmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly editions: EditionsService,
    private readonly audit: AuditLog,
    private readonly assignmentEvents: AssignmentEvents,
  ) {}

  async listForVenue(venueId: string, actor: Actor): Promise<VenueLeaderView[]> {
    const venue = await this.venues.getReadable(venueId, actor);
    if (!canSeeVenueLeaders(actor, venue.provinceCode)) {
      throw new ForbiddenError('Thông tin lãnh đạo dự chỉ dành cho người có trách nhiệm.', 'NEED_TO_KNOW');
    }
    return this.viewsOf(this.dataSource.manager, venue);
  }

  /**
   * The leader picker of a venue (planners): every active leader not yet assigned here, with appearances
   * used / allowed this edition, free on the venue's date or why not. Four statements whatever the
   * number of leaders: the leaders with their titles and limits, their assignments, the venues those are
   * (the venues library's read model), the unavailability covering the date.
   */
  async optionsForVenue(venueId: string, actor: Actor): Promise<LeaderOptionView[]> {
    assertPlanner(actor);
    const manager = this.dataSource.manager;
    const venue = await this.venues.getReadable(venueId, actor, manager);
    const leaders = await queryRows<{ id: string; full_name: string; title: string; rank_tier: RankTier; max_appearances: number }>(
      manager,
      `SELECT l.id, l.full_name, COALESCE(p.title, l.position) AS title, l.rank_tier, COALESCE(p.max_appearances, 1) AS max_appearances
         FROM leaders l
         LEFT JOIN leader_participations p ON p.leader_id = l.id AND p.edition_id = $2
        WHERE l.active AND NOT EXISTS (SELECT 1 FROM venue_leader_assignments a WHERE a.leader_id = l.id AND a.venue_id = $1)
        ORDER BY l.full_name, l.id`,
      [venue.id, venue.editionId],
    );
    const ids = leaders.map((leader) => leader.id);
    const assignments = ids.length
      ? await manager.find(VenueLeaderAssignment, { select: { leaderId: true, venueId: true }, where: { leaderId: In(ids) } })
      : [];
    const attended = new Map(
      (
        await attendedVenuesOf(
          manager,
          venue.editionId,
          assignments.map((assignment) => assignment.venueId),
        )
      ).map((other) => [other.id, other]),
    );
    const unavailable = new Map<string, LeaderUnavailability>();
    if (venue.scheduledDate && ids.length) {
      const ranges = await manager
        .createQueryBuilder(LeaderUnavailability, 'range')
        .where('range.leaderId IN (:...ids) AND range.startDate <= :date AND range.endDate >= :date', { ids, date: venue.scheduledDate })
        .getMany();
      for (const range of ranges) unavailable.set(range.leaderId, range);
    }
    return leaders.map((leader) => ({
      leaderId: leader.id,
      fullName: leader.full_name,
      title: leader.title,
      rankTier: leader.rank_tier,
      ...leaderOptionVerdict({
        venue: { id: venue.id, scheduledDate: venue.scheduledDate, central: venue.tier === VenueTier.Central },
        rankTier: leader.rank_tier,
        maxAppearances: Number(leader.max_appearances),
        attended: assignments.filter((assignment) => assignment.leaderId === leader.id).flatMap((assignment) => attended.get(assignment.venueId) ?? []),
        unavailable: unavailable.get(leader.id) ?? null,
      }),
    }));
  }

  async assign(venueId: string, input: AssignLeaderDto, actor: Actor): Promise<VenueLeaderView[]> {
    return this.dataSource.transaction(async (manager) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor);
      // Serialise assignments of one leader, so two planners cannot double-book them at once.
      await manager.query(`SELECT 1 FROM leaders WHERE id = $1 FOR UPDATE`, [input.leaderId]);
      const leader = await manager.findOne(Leader, { where: { id: input.leaderId, active: true }, relations: { unavailability: true } });
      if (!leader) throw new NotFoundError('lãnh đạo', input.leaderId);
      await this.assertCanAttend(manager, venue, leader, input.role);
      const assignment = await manager.save(manager.create(VenueLeaderAssignment, { venueId, leaderId: leader.id, role: input.role }));
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_leader_assignment',
        entityId: assignment.id,
        action: 'create',
        after: { venueId, leaderId: leader.id, role: input.role },
      });
      return this.viewsOf(manager, venue);
    });
  }

  /** Removes a leader from a venue; their invitation there, if any, is withdrawn in the same transaction. */
  async unassign(venueId: string, leaderId: string, actor: Actor): Promise<void> {
    await inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const assignment = await manager.findOneBy(VenueLeaderAssignment, { venueId, leaderId });
      if (!assignment) throw new NotFoundError('phân công lãnh đạo', leaderId);
      await manager.delete(VenueLeaderAssignment, { id: assignment.id });
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_leader_assignment',
        entityId: assignment.id,
        action: 'delete',
        before: { venueId, leaderId, role: assignment.role },
      });
      await this.assignmentEvents.publish(manager, { actor, venueId, leaderId, reason: UNASSIGNED_REASON }, afterCommit);
    });
  }

  async setParticipation(editionId: string, leaderId: string, input: ParticipationDto, actor: Actor): Promise<LeaderParticipation> {
    return this.dataSource.transaction(async (manager) => {
      await this.editions.requireOpen(editionId, manager);
      if (!(await manager.existsBy(Leader, { id: leaderId }))) throw new NotFoundError('lãnh đạo', leaderId);
      const existing = await manager.findOne(LeaderParticipation, { where: { editionId, leaderId }, lock: { mode: 'pessimistic_write' } });
      // Replacing needs the version read (428/409); a version for a participation that is gone means
      // someone removed it meanwhile, which a save must not silently undo.
      if (existing) assertVersion(requireVersion(input.version), existing.version);
      else if (input.version !== undefined) assertVersion(input.version, 0);
      const participation = manager.merge(LeaderParticipation, existing ?? manager.create(LeaderParticipation, { editionId, leaderId }), {
        title: input.title.trim(),
        maxAppearances: input.maxAppearances ?? existing?.maxAppearances ?? 1,
      });
      const saved = await manager.save(participation);
      await this.audit.record(manager, {
        actor,
        entityType: 'leader_participation',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before: existing ? { ...existing } : null,
        after: saved,
      });
      return saved;
    });
  }

  /** Takes a leader out of an edition; refused while they are still assigned to one of its venues. */
  async removeParticipation(editionId: string, leaderId: string, version: number | undefined, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.editions.requireOpen(editionId, manager);
      // The lock assign takes: no assignment of this leader can land between the count and the delete.
      await manager.query(`SELECT 1 FROM leaders WHERE id = $1 FOR UPDATE`, [leaderId]);
      const participation = await manager.findOne(LeaderParticipation, { where: { editionId, leaderId }, lock: { mode: 'pessimistic_write' } });
      if (!participation) throw new NotFoundError('lãnh đạo tham gia đợt tổ chức', leaderId);
      assertVersion(requireVersion(version), participation.version);
      const venues = (await this.attendedVenues(manager, leaderId, editionId)).length;
      if (venues > 0) {
        throw new BusinessRuleError(
          'LEADER_STILL_ASSIGNED',
          `Đồng chí lãnh đạo này vẫn đang được phân công dự ${venues} điểm tổ chức của đợt; hãy bỏ phân công trước khi đưa ra khỏi danh sách tham gia.`,
          { venues },
          409,
        );
      }
      await manager.delete(LeaderParticipation, { id: participation.id });
      await this.audit.record(manager, {
        actor,
        entityType: 'leader_participation',
        entityId: participation.id,
        action: 'delete',
        before: { ...participation },
      });
    });
  }

  /**
   * Takes assignments off and puts others on as one decision (an accepted planning run): one DELETE and
   * one INSERT for the whole batch, an audit entry per assignment (all in one INSERT), and an AssignmentEvents removal per
   * leader taken off (their invitation there is withdrawn). The caller holds the venues' locks and has
   * checked the plan as a whole, so the one-by-one rules of `assign` are not applied here.
   */
  async replaceForVenues(manager: EntityManager, changes: AssignmentChanges, actor: Actor, afterCommit: AfterCommit): Promise<void> {
    const removed = changes.remove.length
      ? await queryRows<AssignmentRow>(
          manager,
          `DELETE FROM venue_leader_assignments WHERE id = ANY($1::uuid[]) RETURNING id, venue_id AS "venueId", leader_id AS "leaderId", role`,
          [changes.remove.map((assignment) => assignment.id)],
        )
      : [];
    for (const { venueId, leaderId } of removed) {
      await this.assignmentEvents.publish(manager, { actor, venueId, leaderId, reason: changes.reason }, afterCommit);
    }
    const added = await insertAssignments(manager, changes.add);
    const about = { actor, entityType: 'venue_leader_assignment', note: changes.note };
    await this.audit.recordMany(manager, [
      ...removed.map(({ id, ...before }): AuditRecord => ({ ...about, entityId: id, action: 'delete', before })),
      ...added.map(({ id, ...after }): AuditRecord => ({ ...about, entityId: id, action: 'create', after })),
    ]);
  }

  /**
   * An approved substitute takes the original leader's place at a venue, in the caller's transaction:
   * the original's assignment ends (no later bulk invitation reaches them; no AssignmentEvents removal,
   * the caller settles their invitation itself) and, when the deputy is a registered leader, theirs
   * begins under the same role, after the same checks as `assign` (availability, one venue a day, their
   * maximum). A clash is refused with 409 SUBSTITUTE_LEADER_CLASH, naming the rule, before anything is written.
   */
  async handOver(manager: EntityManager, handOver: AssignmentHandOver, actor: Actor): Promise<void> {
    const venue = await this.venues.lockForChildEdit(manager, handOver.venueId, actor);
    const original = handOver.fromLeaderId ? await manager.findOneBy(VenueLeaderAssignment, { venueId: venue.id, leaderId: handOver.fromLeaderId }) : null;
    if (original) await manager.delete(VenueLeaderAssignment, { id: original.id });
    if (handOver.toLeaderId) {
      await manager.query(`SELECT 1 FROM leaders WHERE id = $1 FOR UPDATE`, [handOver.toLeaderId]);
      const leader = await manager.findOne(Leader, { where: { id: handOver.toLeaderId, active: true }, relations: { unavailability: true } });
      if (!leader) throw new NotFoundError('lãnh đạo', handOver.toLeaderId);
      const role = original?.role ?? handOver.role;
      try {
        await this.assertCanAttend(manager, venue, leader, role);
      } catch (error) {
        if (!(error instanceof BusinessRuleError)) throw error;
        throw new BusinessRuleError(
          'SUBSTITUTE_LEADER_CLASH',
          `Không thể chấp thuận người dự thay: ${error.message}`,
          { leaderId: leader.id, leaderName: leader.fullName, rule: error.code, ruleDetails: error.details ?? null },
          409,
        );
      }
      const assignment = await manager.save(manager.create(VenueLeaderAssignment, { venueId: venue.id, leaderId: leader.id, role }));
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_leader_assignment',
        entityId: assignment.id,
        action: 'create',
        after: { venueId: venue.id, leaderId: leader.id, role },
        note: handOver.note,
      });
    }
    if (original) {
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_leader_assignment',
        entityId: original.id,
        action: 'delete',
        before: { venueId: venue.id, leaderId: original.leaderId, role: original.role },
        note: handOver.note,
      });
    }
  }

  async listParticipations(editionId: string): Promise<LeaderParticipation[]> {
    await this.editions.get(editionId);
    return this.dataSource.manager.find(LeaderParticipation, { where: { editionId }, order: { createdAt: 'ASC' } });
  }

  /** One chief guest per venue; a leader available that day, at one venue a day, within their maximum. */
  private async assertCanAttend(manager: EntityManager, venue: Venue, leader: Leader, role: AssignmentRole): Promise<void> {
    if (await manager.existsBy(VenueLeaderAssignment, { venueId: venue.id, leaderId: leader.id })) {
      throw new BusinessRuleError('ALREADY_ASSIGNED', `${leader.fullName} đã được phân công dự điểm tổ chức này.`, undefined, 409);
    }
    if (role === AssignmentRole.ChiefGuest && (await manager.existsBy(VenueLeaderAssignment, { venueId: venue.id, role }))) {
      throw new BusinessRuleError('CHIEF_GUEST_TAKEN', 'Điểm tổ chức này đã có đồng chí lãnh đạo dự chính.', undefined, 409);
    }
    if (venue.scheduledDate && isUnavailableOn(leader.unavailability ?? [], venue.scheduledDate)) {
      throw new BusinessRuleError('LEADER_UNAVAILABLE', `${leader.fullName} bận vào ngày tổ chức (${formatVietnameseDate(venue.scheduledDate)}).`, {
        date: venue.scheduledDate,
      });
    }
    const others = await this.attendedVenues(manager, leader.id, venue.editionId);
    const sameDay = venue.scheduledDate && others.find((other) => other.scheduled_date === venue.scheduledDate);
    if (sameDay) {
      throw new BusinessRuleError(
        'LEADER_DOUBLE_BOOKED',
        `${leader.fullName} đã dự "${sameDay.name}" cùng ngày ${formatVietnameseDate(sameDay.scheduled_date!)}.`,
        { date: venue.scheduledDate },
      );
    }
    const participation = await manager.findOneBy(LeaderParticipation, { editionId: venue.editionId, leaderId: leader.id });
    const maximum = participation?.maxAppearances ?? 1;
    if (others.length >= maximum) {
      throw new BusinessRuleError('LEADER_MAX_APPEARANCES', `${leader.fullName} đã đủ số lần dự tối đa (${maximum}) trong đợt này.`, { maximum });
    }
  }

  /**
   * The edition's venues the leader is assigned to, leaving out rejected and cancelled ones (they attend
   * those no more): the assignments are this library's rows, which venues those are the venues library says.
   */
  private async attendedVenues(manager: EntityManager, leaderId: string, editionId: string): Promise<{ scheduled_date: string | null; name: string }[]> {
    const assigned = await manager.find(VenueLeaderAssignment, { select: { venueId: true }, where: { leaderId } });
    const venues = await attendedVenuesOf(
      manager,
      editionId,
      assigned.map((assignment) => assignment.venueId),
    );
    return venues.map((venue) => ({ scheduled_date: venue.scheduledDate, name: venue.name }));
  }

  private async viewsOf(manager: EntityManager, venue: Venue): Promise<VenueLeaderView[]> {
    const rows: { leader_id: string; full_name: string; title: string; rank_tier: RankTier; role: AssignmentRole }[] = await manager.query(
      `SELECT a.leader_id, l.full_name, COALESCE(p.title, l.position) AS title, l.rank_tier, a.role
         FROM venue_leader_assignments a
         JOIN leaders l ON l.id = a.leader_id
         LEFT JOIN leader_participations p ON p.leader_id = a.leader_id AND p.edition_id = $2
        WHERE a.venue_id = $1
        ORDER BY a.role, l.full_name`, // enum order (as declared): the chief guest first
      [venue.id, venue.editionId],
    );
    return rows.map((row) => ({ leaderId: row.leader_id, fullName: row.full_name, title: row.title, rankTier: row.rank_tier, role: row.role }));
  }
}

/** Assignments taken off and put on as one decision (see AssignmentsService.replaceForVenues). */
export interface AssignmentChanges {
  /** By id, as read with `assignmentsAtVenues` in the same transaction. */
  remove: readonly Pick<AssignmentRow, 'id'>[];
  add: readonly Omit<AssignmentRow, 'id'>[];
  /** On every audit entry, e.g. which planning run made the change. */
  note: string;
  /** Why a leader was taken off, as their office reads it (their invitation's withdrawal). */
  reason: string;
}

/**
 * The assignments at these venues, of these leaders only when given, by venue then leader. Planning
 * reads the plan in force with it, and what its leaders already do at the edition's other venues.
 */
export async function assignmentsAtVenues(manager: EntityManager, venueIds: readonly string[], leaderIds?: readonly string[]): Promise<AssignmentRow[]> {
  if (!venueIds.length || leaderIds?.length === 0) return [];
  const builder = manager
    .createQueryBuilder(VenueLeaderAssignment, 'assignment')
    .select(['assignment.id', 'assignment.venueId', 'assignment.leaderId', 'assignment.role'])
    .where('assignment.venueId = ANY(:venueIds)', { venueIds })
    .orderBy('assignment.venueId', 'ASC')
    .addOrderBy('assignment.leaderId', 'ASC');
  if (leaderIds) builder.andWhere('assignment.leaderId = ANY(:leaderIds)', { leaderIds });
  return (await builder.getMany()).map(({ id, venueId, leaderId, role }) => ({ id, venueId, leaderId, role }));
}

/** A leader taking part in an edition, with their unavailability loaded. */
export interface EditionLeader {
  leader: Leader;
  /** Appearances in the edition at most: their title's, 1 without one. */
  maxAppearances: number;
}

/** Leaders per query of editionLeaders. */
const EDITION_LEADERS_PAGE = 250;

/**
 * The leaders taking part in an edition (those with a title for it), or every active leader before any
 * has one, by id. Planning builds its instance from them. Read by pages of ids, so the reader's event
 * loop turns entities of one page at a time (2,000 officials and their unavailability at once held the
 * worker's loop ~100 ms: bench/solver-isolation).
 */
export async function editionLeaders(manager: EntityManager, editionId: string): Promise<EditionLeader[]> {
  const participations = new Map(
    (await manager.find(LeaderParticipation, { where: { editionId } })).map((participation) => [participation.leaderId, participation]),
  );
  const leaders: Leader[] = [];
  if (participations.size) {
    const ids = [...participations.keys()].sort();
    for (let offset = 0; offset < ids.length; offset += EDITION_LEADERS_PAGE) {
      const page = ids.slice(offset, offset + EDITION_LEADERS_PAGE);
      leaders.push(...(await manager.find(Leader, { where: { active: true, id: In(page) }, relations: { unavailability: true }, order: { id: 'ASC' } })));
    }
  } else {
    for (let after: string | undefined; ;) {
      // Ids first (a page of a join cannot be cut by LIMIT), then those leaders with their unavailability.
      const ids = await manager.find(Leader, {
        select: { id: true },
        where: { active: true, ...(after ? { id: MoreThan(after) } : {}) },
        order: { id: 'ASC' },
        take: EDITION_LEADERS_PAGE,
      });
      if (ids.length) {
        const page = ids.map(({ id }) => id);
        after = page.at(-1);
        leaders.push(...(await manager.find(Leader, { where: { id: In(page) }, relations: { unavailability: true }, order: { id: 'ASC' } })));
      }
      if (ids.length < EDITION_LEADERS_PAGE) break;
    }
  }
  return leaders.map((leader) => ({ leader, maxAppearances: participations.get(leader.id)?.maxAppearances ?? 1 }));
}

/** Leaders' rank tiers by id, for the protocol library's order of precedence. */
export async function leaderRankTiers(manager: EntityManager, ids: readonly string[]): Promise<Map<string, RankTier>> {
  if (!ids.length) return new Map();
  const leaders = await manager.find(Leader, { select: { id: true, rankTier: true }, where: { id: In([...ids]) } });
  return new Map(leaders.map((leader) => [leader.id, leader.rankTier]));
}

/** Leaders' names by id, for a view that shows other modules' records (a planning run's comparison). */
export async function leaderNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const leaders = await manager.find(Leader, { select: { id: true, fullName: true }, where: { id: In([...ids]) } });
  return new Map(leaders.map((leader) => [leader.id, leader.fullName]));
}

/** An approved substitute taking an invitation's place at a venue (see AssignmentsService.handOver). */
export interface AssignmentHandOver {
  venueId: string;
  /** The original invitation's leader, if it was a leader's. */
  fromLeaderId: string | null;
  /** The deputy, if a registered leader. */
  toLeaderId: string | null;
  /** Their role when the original held no assignment (the invitation's role). */
  role: AssignmentRole;
  note: string;
}
