import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, assertCanWriteProvince, assertPlanner, canSeeVenueLeaders } from '@app/auth';
import {
  assertVersion,
  BusinessRuleError,
  ForbiddenError,
  instantToLocalTime,
  invitationAttendeeKey,
  lockForUpdate,
  NotFoundError,
  requireVersion,
} from '@app/common';
import { AppConfig } from '@app/config';
import { venueDelegates } from '@app/invitations';
import { leaderRankTiers } from '@app/leaders';
import { type Venue, VenuesService } from '@app/venues';
import { CheckInDto, CreateGuestDto, DrawSeatingPlanDto, EditSeatingPlanDto, PrecedenceOverrideDto, UpdateGuestDto } from './dto/protocol.dto';
import type { CheckInResultView, GuestListView, PrecedenceEntryView, ProtocolView, SeatingChangeView } from './dto/protocol-view.dto';
import { CheckIn, PrecedenceOverrideRow, SeatingPlan, VenueGuest } from './protocol.entities';
import { checkInInstant, normalisePassCode, passCode } from './pass-rules';
import {
  type Attendee,
  fillFrontRows,
  orderOfPrecedence,
  PRECEDENCE_GROUP_NAMES,
  PrecedenceGroup,
  type RankedAttendee,
  type SeatingChange,
  seatedAttendees,
  seatingChanges,
  seatingPlanFault,
} from './protocol-rules';

const GUEST = 'khách mời';
const SEATING = 'sơ đồ chỗ ngồi';

interface Attendance {
  ranked: RankedAttendee[];
  guests: Map<string, VenueGuest>;
}

/**
 * Owns a venue's protocol: the province's guests, planners' overrides of the order of precedence and
 * the seating plan of the front rows. Central delegates are read from accepted invitations (the
 * invitations library) and their tiers from the leaders library, so a substitution or a new acceptance
 * changes the order on the next read, and the saved plan shows what no longer agrees with it.
 */
@Injectable()
export class ProtocolService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async view(venueId: string, actor: Actor): Promise<ProtocolView> {
    const venue = await this.venues.getReadable(venueId, actor);
    this.assertMaySee(actor, venue);
    return this.viewWith(this.dataSource.manager, venueId);
  }

  async addGuest(venueId: string, input: CreateGuestDto, actor: Actor): Promise<ProtocolView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const guest = await manager.save(
        manager.create(VenueGuest, { venueId, name: input.name.trim(), title: input.title?.trim() || null, group: input.group, rank: input.rank ?? null }),
      );
      await this.audit.record(manager, { actor, entityType: 'venue_guest', entityId: guest.id, action: 'create', after: guest });
      return this.viewWith(manager, venueId);
    });
  }

  async updateGuest(venueId: string, guestId: string, input: UpdateGuestDto, actor: Actor): Promise<ProtocolView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const guest = await this.lockGuest(manager, venueId, guestId, input.version);
      const before = { ...guest };
      if (input.name !== undefined) guest.name = input.name.trim();
      if (input.title !== undefined) guest.title = input.title?.trim() || null;
      if (input.group !== undefined) guest.group = input.group;
      if (input.rank !== undefined) guest.rank = input.rank;
      const saved = await manager.save(guest);
      await this.audit.record(manager, { actor, entityType: 'venue_guest', entityId: guestId, action: 'update', before, after: saved });
      return this.viewWith(manager, venueId);
    });
  }

  /** `version` is required (428 without it, 409 when stale). The guest's override goes with them. */
  async removeGuest(venueId: string, guestId: string, version: number | undefined, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const guest = await this.lockGuest(manager, venueId, guestId, requireVersion(version));
      await manager.delete(VenueGuest, { id: guestId });
      await manager.delete(PrecedenceOverrideRow, { venueId, attendeeKey: guestKey(guestId) });
      await this.audit.record(manager, { actor, entityType: 'venue_guest', entityId: guestId, action: 'delete', before: guest });
    });
  }

  /** Planners only: puts an attendee at a place in the order, with the reason (audited). */
  async setOverride(venueId: string, attendeeKey: string, input: PrecedenceOverrideDto, actor: Actor): Promise<ProtocolView> {
    assertPlanner(actor);
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const attendance = await this.attendance(manager, venueId);
      if (!attendance.ranked.some((attendee) => attendee.key === attendeeKey)) {
        throw new BusinessRuleError('ATTENDEE_NOT_FOUND', 'Người này không có trong danh sách dự của điểm tổ chức.', { attendeeKey }, 404);
      }
      const before = await manager.findOneBy(PrecedenceOverrideRow, { venueId, attendeeKey });
      await manager.upsert(PrecedenceOverrideRow, { venueId, attendeeKey, position: input.position, reason: input.reason.trim(), setBy: actor.id }, [
        'venueId',
        'attendeeKey',
      ]);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Điều chỉnh thứ tự lễ tân: vị trí ${input.position} — ${input.reason.trim()}`,
        before: before ? { attendeeKey, position: before.position, reason: before.reason } : null,
        after: { attendeeKey, position: input.position, reason: input.reason.trim() },
      });
      return this.viewWith(manager, venueId);
    });
  }

  async clearOverride(venueId: string, attendeeKey: string, actor: Actor): Promise<ProtocolView> {
    assertPlanner(actor);
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const before = await manager.findOneBy(PrecedenceOverrideRow, { venueId, attendeeKey });
      if (!before) throw new NotFoundError('điều chỉnh thứ tự', attendeeKey);
      await manager.delete(PrecedenceOverrideRow, { venueId, attendeeKey });
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: 'Bỏ điều chỉnh thứ tự lễ tân',
        before: { attendeeKey, position: before.position, reason: before.reason },
      });
      return this.viewWith(manager, venueId);
    });
  }

  /**
   * Draws (or redraws) the front rows from the order of precedence. Redrawing an existing plan needs
   * its version — it replaces any hand edits.
   */
  async drawSeating(venueId: string, input: DrawSeatingPlanDto, actor: Actor): Promise<ProtocolView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const existing = await manager.findOneBy(SeatingPlan, { venueId });
      if (existing) assertVersion(requireVersion(input.version), existing.version);
      const { ranked } = await this.attendance(manager, venueId);
      const seats = fillFrontRows(seatedAttendees(ranked), input.rows, input.seatsPerRow);
      const plan = existing ?? manager.create(SeatingPlan, { venueId });
      Object.assign(plan, { rows: input.rows, seatsPerRow: input.seatsPerRow, seats, editedByHand: false });
      const saved = await manager.save(plan);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Xếp sơ đồ chỗ ngồi theo thứ tự lễ tân (${input.rows} hàng × ${input.seatsPerRow} ghế, ${seats.length} đại biểu)`,
        before: existing ? { seats: existing.seats } : null,
        after: { seats: saved.seats },
      });
      return this.viewWith(manager, venueId);
    });
  }

  /** Saves a hand-edited plan (version required): seats inside the rows, one person per seat, attendees only. */
  async editSeating(venueId: string, input: EditSeatingPlanDto, actor: Actor): Promise<ProtocolView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const plan = await manager.findOneBy(SeatingPlan, { venueId });
      if (!plan) throw new NotFoundError(SEATING, venueId);
      assertVersion(input.version, plan.version);
      const { ranked } = await this.attendance(manager, venueId);
      const fault = seatingPlanFault(input.seats, plan.rows, plan.seatsPerRow, new Set(seatedAttendees(ranked).map((attendee) => attendee.key)));
      if (fault) throw new BusinessRuleError('SEATING_PLAN_INVALID', fault);
      const before = plan.seats;
      plan.seats = input.seats.map(({ row, seat, attendeeKey }) => ({ row, seat, attendeeKey })).sort((a, b) => a.row - b.row || a.seat - b.seat);
      plan.editedByHand = true;
      const saved = await manager.save(plan);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: 'Sửa sơ đồ chỗ ngồi',
        before: { seats: before },
        after: { seats: saved.seats },
      });
      return this.viewWith(manager, venueId);
    });
  }

  /**
   * Lists an accredited journalist among the venue's attendees (group "Báo chí": last in the order,
   * not seated in the front rows) in the caller's transaction, and answers their pass. The press
   * library calls this when an organizer approves a request; the caller has checked the province.
   */
  async admitPress(
    manager: EntityManager,
    venueId: string,
    person: { name: string; title: string },
    actor: Actor,
  ): Promise<{ attendeeKey: string; passCode: string }> {
    const guest = await manager.save(
      manager.create(VenueGuest, { venueId, name: person.name.trim(), title: person.title.trim(), group: PrecedenceGroup.Press, rank: null }),
    );
    await this.audit.record(manager, { actor, entityType: 'venue_guest', entityId: guest.id, action: 'create', note: 'Cấp thẻ báo chí', after: guest });
    const attendeeKey = guestKey(guest.id);
    return { attendeeKey, passCode: passCode(this.config.LINK_SECRET, venueId, attendeeKey) };
  }

  /** Whether the attendee is still on the venue's list (a press pass can be removed like any guest). */
  async attends(manager: EntityManager, venueId: string, attendeeKey: string): Promise<boolean> {
    const { ranked } = await this.attendance(manager, venueId);
    return ranked.some((attendee) => attendee.key === attendeeKey);
  }

  /** Everyone attending, in order of precedence, with their pass codes and check-in times: for the door and for printing passes. */
  async guestList(venueId: string, actor: Actor): Promise<GuestListView> {
    const venue = await this.venues.getReadable(venueId, actor);
    assertCanWriteProvince(actor, venue.provinceCode);
    const manager = this.dataSource.manager;
    const { ranked } = await this.attendance(manager, venueId);
    const checkIns = new Map((await manager.find(CheckIn, { where: { venueId } })).map((row) => [row.attendeeKey, row.checkedInAt]));
    const entries = ranked.map((attendee) => ({
      attendeeKey: attendee.key,
      name: attendee.name,
      title: attendee.title,
      groupName: PRECEDENCE_GROUP_NAMES[attendee.group],
      passCode: passCode(this.config.LINK_SECRET, venueId, attendee.key),
      checkedInAt: checkIns.get(attendee.key) ?? null,
    }));
    return { venueId, total: entries.length, checkedIn: entries.filter((entry) => entry.checkedInAt).length, entries };
  }

  /**
   * Lets an attendee in by their pass code, once: a second scan answers when the first was, and a
   * check-in the phone queued offline and sends again is the same check-in. A code that is not one of
   * this venue's attendees is "không hợp lệ", whoever's it is.
   */
  async checkIn(venueId: string, input: CheckInDto, actor: Actor): Promise<CheckInResultView> {
    const venue = await this.venues.getReadable(venueId, actor);
    assertCanWriteProvince(actor, venue.provinceCode);
    const code = normalisePassCode(input.code);
    const invalid = () => new BusinessRuleError('PASS_INVALID', 'Mã thẻ không hợp lệ cho điểm tổ chức này.', undefined, 404);
    if (!code) throw invalid();
    const manager = this.dataSource.manager;
    const { ranked } = await this.attendance(manager, venueId);
    const attendee = ranked.find((candidate) => passCode(this.config.LINK_SECRET, venueId, candidate.key) === code);
    if (!attendee) throw invalid();
    // The first check-in of a pass stands: a repeat (or a retry however late) answers with it.
    const previous = await manager.findOneBy(CheckIn, { venueId, attendeeKey: attendee.key });
    let checkedInAt = previous?.checkedInAt;
    if (!checkedInAt) {
      const at = checkInInstant(input.scannedAt ? new Date(input.scannedAt) : undefined, new Date());
      if (!at) throw new BusinessRuleError('CHECK_IN_TOO_OLD', 'Lượt điểm danh đã quá 48 giờ chưa gửi được; vui lòng điểm danh lại.');
      // Two phones scanning the same pass at once: the first insert wins, the second reads it back.
      const inserted: { checked_in_at: Date }[] = await manager.query(
        `INSERT INTO check_ins (venue_id, attendee_key, checked_in_at, checked_in_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (venue_id, attendee_key) DO NOTHING RETURNING checked_in_at`,
        [venueId, attendee.key, at, actor.id],
      );
      checkedInAt = inserted[0]?.checked_in_at;
    }
    const already = !checkedInAt || previous !== null;
    checkedInAt ??= (await manager.findOneByOrFail(CheckIn, { venueId, attendeeKey: attendee.key })).checkedInAt;
    return {
      attendeeKey: attendee.key,
      name: attendee.name,
      title: attendee.title,
      checkedInAt,
      alreadyCheckedIn: already,
      message: already
        ? `${attendee.name} đã điểm danh lúc ${instantToLocalTime(checkedInAt)}.`
        : `Đã điểm danh: ${attendee.name}${attendee.title ? ` — ${attendee.title}` : ''}.`,
    };
  }

  assertMaySee(actor: Actor, venue: Venue): void {
    // The delegates' names are the venue's leaders: who may not see those may not see the protocol.
    if (!canSeeVenueLeaders(actor, venue.provinceCode)) throw new ForbiddenError('Bạn không có quyền xem danh sách đại biểu của điểm tổ chức này.');
  }

  private async viewWith(manager: EntityManager, venueId: string): Promise<ProtocolView> {
    const { ranked, guests } = await this.attendance(manager, venueId);
    const plan = await manager.findOneBy(SeatingPlan, { venueId });
    const byKey = new Map(ranked.map((attendee) => [attendee.key, attendee]));
    const precedence: PrecedenceEntryView[] = ranked.map((attendee) => {
      const guest = guests.get(attendee.key);
      return {
        attendeeKey: attendee.key,
        position: attendee.position,
        name: attendee.name,
        title: attendee.title,
        group: attendee.group,
        groupName: PRECEDENCE_GROUP_NAMES[attendee.group],
        tier: attendee.tier,
        deputy: attendee.deputy,
        chiefGuest: attendee.chiefGuest,
        guestId: guest?.id ?? null,
        guestVersion: guest?.version ?? null,
        rank: attendee.rank,
        overrideReason: attendee.overrideReason,
      };
    });
    if (!plan) return { venueId, precedence, seating: null, changes: [] };
    const seated = seatedAttendees(ranked);
    const current = fillFrontRows(seated, plan.rows, plan.seatsPerRow);
    const changes = seatingChanges(plan.seats, current, new Set(seated.map((attendee) => attendee.key)), plan.editedByHand);
    const nameOf = (key: string) => byKey.get(key)?.name ?? null;
    return {
      venueId,
      precedence,
      seating: {
        rows: plan.rows,
        seatsPerRow: plan.seatsPerRow,
        editedByHand: plan.editedByHand,
        version: plan.version,
        updatedAt: plan.updatedAt,
        seats: plan.seats.map((seat) => ({ ...seat, name: nameOf(seat.attendeeKey), title: byKey.get(seat.attendeeKey)?.title ?? null })),
      },
      changes: changes.map((change) => describeChange(change, plan, nameOf)),
    };
  }

  /** Everyone attending, in order of precedence: accepted delegates and the province's guests (speakers and greeters read it too). */
  async attendance(manager: EntityManager, venueId: string): Promise<Attendance> {
    const delegates = await venueDelegates(manager, venueId);
    const leaderIds = new Set<string>();
    for (const delegate of delegates) {
      if (delegate.leaderId) leaderIds.add(delegate.leaderId);
      if (delegate.principalLeaderId) leaderIds.add(delegate.principalLeaderId);
    }
    const tiers = await leaderRankTiers(manager, [...leaderIds]);
    const guestRows = await manager.find(VenueGuest, { where: { venueId } });
    const attendees: Attendee[] = [
      ...delegates.map((delegate): Attendee => ({
        key: invitationAttendeeKey(delegate.invitationId),
        name: delegate.name,
        title: delegate.title,
        group: PrecedenceGroup.Central,
        tier: tiers.get(delegate.principalLeaderId ?? delegate.leaderId ?? '') ?? null,
        deputy: delegate.principalLeaderId !== null,
        chiefGuest: delegate.chiefGuest,
        rank: null,
      })),
      ...guestRows.map((guest): Attendee => ({
        key: guestKey(guest.id),
        name: guest.name,
        title: guest.title,
        group: guest.group,
        tier: null,
        deputy: false,
        chiefGuest: false,
        rank: guest.rank,
      })),
    ];
    const overrides = await manager.find(PrecedenceOverrideRow, { where: { venueId } });
    return {
      ranked: orderOfPrecedence(attendees, overrides),
      guests: new Map(guestRows.map((guest) => [guestKey(guest.id), guest])),
    };
  }

  private async lockGuest(manager: EntityManager, venueId: string, guestId: string, version: number): Promise<VenueGuest> {
    const guest = await lockForUpdate(manager, VenueGuest, guestId, version, GUEST);
    if (guest.venueId !== venueId) throw new NotFoundError(GUEST, guestId);
    return guest;
  }
}

const guestKey = (id: string) => `guest:${id}`;

function describeChange(change: SeatingChange, plan: SeatingPlan, nameOf: (key: string) => string | null): SeatingChangeView {
  const seat = (at: { row: number; seat: number }) => `hàng ${at.row}, ghế ${at.seat}`;
  switch (change.kind) {
    case 'left':
      return { kind: 'left', attendeeKey: change.attendeeKey, message: `Ghế ${seat(change)} đang xếp cho người không còn trong danh sách dự.` };
    case 'unseated':
      return {
        kind: 'unseated',
        attendeeKey: change.attendeeKey,
        message: `${nameOf(change.attendeeKey)} chưa có ghế; theo thứ tự lễ tân ngồi ${seat(change.shouldSit)} (${plan.rows} hàng × ${plan.seatsPerRow} ghế).`,
      };
    case 'moved':
      return {
        kind: 'moved',
        attendeeKey: change.attendeeKey,
        message: `${nameOf(change.attendeeKey)}: theo thứ tự lễ tân mới chuyển từ ${seat(change.from)} sang ${seat(change.to)}.`,
      };
  }
}
