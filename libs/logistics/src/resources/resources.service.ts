import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, assertPlanner } from '@app/auth';
import {
  type AuditRecord,
  BusinessRuleError,
  instantToLocalDate,
  instantToLocalTime,
  lockForUpdate,
  NotFoundError,
  Page,
  toPage,
  ValidationFailedError,
} from '@app/common';
import { AppConfig } from '@app/config';
import { EditionsService } from '@app/editions';
import {
  findVenues,
  LIVE_VENUE_STATUSES,
  lockVenueForShare,
  VENUE_STATUS_NAMES,
  VenueChange,
  VenueEvents,
  VenuesService,
  VenueStatus,
  type Venue,
} from '@app/venues';
import { CreateBookingDto, CreateResourceDto, ResourceQueryDto, UpdateResourceDto } from './dto/resource.dto';
import type { BookingView } from './dto/resource-view.dto';
import { ResourceBooking, SharedResource } from './resource.entities';
import { Clash, describeDuration, describeSpan, findClash, followVenueHours } from './resource-rules';

const RESOURCE = 'nguồn lực dùng chung';
const BOOKING = 'lượt đặt nguồn lực';
const VENUE = 'điểm tổ chức';
/** Venues whose bookings are released: they will not take place. */
const DROPPED_STATUSES: readonly VenueStatus[] = [VenueStatus.Cancelled, VenueStatus.Rejected];

/** A booking with its resource and its venue (read through the venues library). */
type LoadedBooking = ResourceBooking & { resource: SharedResource; venue: Venue };
type Candidate = LoadedBooking & { latitude: number; longitude: number };

/**
 * Shared resources of an edition (the central art troupe, press crews, the mobile stage, escort
 * teams, vehicles) and their bookings at venues. Central assets: only planners write; organizers
 * read the bookings of their own venues. A booking is refused when it overlaps another of the same
 * resource, and refused or flagged when the road from or to its neighbours is too short.
 */
@Injectable()
export class ResourcesService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly venueEvents: VenueEvents,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.venueEvents.subscribe((manager, change) => this.releaseDroppedVenue(manager, change));
    this.venueEvents.subscribe((manager, change) => this.followRescheduledVenue(manager, change));
  }

  async list(editionId: string, query: ResourceQueryDto): Promise<Page<SharedResource>> {
    await this.editions.get(editionId);
    const [items, total] = await this.dataSource.manager.findAndCount(SharedResource, {
      where: { editionId, ...(query.kind ? { kind: query.kind } : {}) },
      order: { kind: 'ASC', name: 'ASC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return toPage(items, total, query);
  }

  async get(id: string): Promise<SharedResource> {
    const resource = await this.dataSource.manager.findOneBy(SharedResource, { id });
    if (!resource) throw new NotFoundError(RESOURCE, id);
    return resource;
  }

  async create(editionId: string, input: CreateResourceDto, actor: Actor): Promise<SharedResource> {
    assertPlanner(actor);
    return this.dataSource.transaction(async (manager) => {
      await this.editions.requireOpen(editionId, manager);
      const name = input.name.trim();
      await assertNameFree(manager, editionId, name);
      const resource = await manager.save(
        manager.create(SharedResource, {
          editionId,
          name,
          kind: input.kind,
          ownerUnit: input.ownerUnit.trim(),
          travelSpeedKmh: input.travelSpeedKmh ?? 40,
          bufferMinutes: input.bufferMinutes ?? 60,
          notes: input.notes ?? null,
        }),
      );
      await this.audit.record(manager, { actor, entityType: 'shared_resource', entityId: resource.id, action: 'create', after: resource });
      return resource;
    });
  }

  /** Speed and buffer apply to bookings made from now on; existing bookings are not re-checked. */
  async update(id: string, input: UpdateResourceDto, actor: Actor): Promise<SharedResource> {
    assertPlanner(actor);
    return this.dataSource.transaction(async (manager) => {
      const resource = await lockForUpdate(manager, SharedResource, id, input.version, RESOURCE);
      await this.editions.requireOpen(resource.editionId, manager);
      const before = { ...resource };
      if (input.name !== undefined && input.name.trim() !== resource.name) {
        await assertNameFree(manager, resource.editionId, input.name.trim());
        resource.name = input.name.trim();
      }
      if (input.kind !== undefined) resource.kind = input.kind;
      if (input.ownerUnit !== undefined) resource.ownerUnit = input.ownerUnit.trim();
      if (input.travelSpeedKmh !== undefined) resource.travelSpeedKmh = input.travelSpeedKmh;
      if (input.bufferMinutes !== undefined) resource.bufferMinutes = input.bufferMinutes;
      if (input.notes !== undefined) resource.notes = input.notes;
      const saved = await manager.save(resource);
      await this.audit.record(manager, { actor, entityType: 'shared_resource', entityId: id, action: 'update', before, after: saved });
      return saved;
    });
  }

  async bookingsOfResource(id: string): Promise<BookingView[]> {
    await this.get(id);
    return this.bookingViews(this.dataSource.manager, { resourceId: id });
  }

  /** Organizers see the bookings of their own province's venues; planners and viewers all. */
  async bookingsOfVenue(venueId: string, actor: Actor): Promise<BookingView[]> {
    await this.venues.getReadable(venueId, actor);
    return this.bookingViews(this.dataSource.manager, { venueId });
  }

  /**
   * Books the resource for a venue. The resource row is locked for the whole check-and-insert, so two
   * bookings of the same resource are checked one after the other and cannot both pass; the venue is
   * held FOR SHARE so it cannot be cancelled or rescheduled under the new booking.
   */
  async book(resourceId: string, input: CreateBookingDto, actor: Actor): Promise<BookingView> {
    assertPlanner(actor);
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) {
      throw new ValidationFailedError([{ field: 'endsAt', messages: ['phải sau thời điểm bắt đầu'] }]);
    }
    return this.dataSource.transaction(async (manager) => {
      // The venue before the resource: the order a reschedule takes them in (the venue's transition,
      // then its bookings' resources), so a booking and a reschedule of its venue never deadlock.
      const venue = await lockVenueForShare(manager, input.venueId);
      const resource = await lockForUpdate(manager, SharedResource, resourceId, undefined, RESOURCE);
      await this.editions.requireOpen(resource.editionId, manager);
      if (!venue) throw new NotFoundError(VENUE, input.venueId);
      if (venue.editionId !== resource.editionId) {
        throw new BusinessRuleError('EDITION_MISMATCH', `Điểm "${venue.name}" thuộc đợt Ngày hội khác với ${resource.name}.`, {
          venueId: venue.id,
          venueEditionId: venue.editionId,
          resourceEditionId: resource.editionId,
        });
      }
      if (!LIVE_VENUE_STATUSES.includes(venue.status)) {
        throw new BusinessRuleError(
          'VENUE_NOT_LIVE',
          `Điểm "${venue.name}" đang ở trạng thái "${VENUE_STATUS_NAMES[venue.status]}": chỉ đặt nguồn lực cho điểm đã được phê duyệt hoặc đã xếp lịch.`,
          { venueId: venue.id, status: venue.status },
        );
      }

      const existing = await this.loadBookings(manager, { resourceId });
      const candidate = { venueId: venue.id, latitude: venue.latitude, longitude: venue.longitude, startsAt, endsAt };
      const clash = findClash(
        candidate,
        existing.map((booking): Candidate => Object.assign(booking, { latitude: booking.venue.latitude, longitude: booking.venue.longitude })),
        resource,
        this.config.ROAD_DISTANCE_FACTOR,
      );
      let travelWarning: string | null = null;
      if (clash?.kind === 'overlap') {
        const other = clash.booking;
        throw new BusinessRuleError(
          'RESOURCE_OVERLAP',
          `${resource.name} đã được đặt cho điểm "${other.venue.name}" ${describeSpan(other.startsAt, other.endsAt)}.`,
          clashDetails(clash),
          409,
        );
      }
      if (clash?.kind === 'travel') {
        travelWarning = describeTravelShortfall(resource, clash);
        if (!input.acceptTightTravel) {
          throw new BusinessRuleError(
            'RESOURCE_TRAVEL_TIME',
            `${travelWarning} Nếu vẫn muốn đặt, hãy xác nhận chấp nhận thời gian di chuyển gấp (acceptTightTravel).`,
            clashDetails(clash),
            409,
          );
        }
      }

      const booking = await manager.save(
        manager.create(ResourceBooking, {
          resourceId,
          venueId: venue.id,
          editionId: resource.editionId,
          startsAt,
          endsAt,
          note: input.note?.trim() || null,
          travelWarning,
          createdBy: actor.id,
        }),
      );
      await this.audit.record(manager, {
        actor,
        entityType: 'resource_booking',
        entityId: booking.id,
        action: 'create',
        after: booking,
        note: travelWarning ? `Chấp nhận thời gian di chuyển gấp: ${travelWarning}` : null,
      });
      return toBookingView(Object.assign(booking, { resource, venue }));
    });
  }

  async release(resourceId: string, bookingId: string, actor: Actor): Promise<void> {
    assertPlanner(actor);
    await this.dataSource.transaction(async (manager) => {
      const resource = await lockForUpdate(manager, SharedResource, resourceId, undefined, RESOURCE);
      await this.editions.requireOpen(resource.editionId, manager);
      const booking = await manager.findOneBy(ResourceBooking, { id: bookingId, resourceId });
      if (!booking) throw new NotFoundError(BOOKING, bookingId);
      await manager.delete(ResourceBooking, { id: bookingId });
      await this.audit.record(manager, { actor, entityType: 'resource_booking', entityId: bookingId, action: 'delete', before: booking });
    });
  }

  /** A cancelled or rejected venue will not take place: its bookings are released in the same transaction. */
  private async releaseDroppedVenue(manager: EntityManager, change: VenueChange): Promise<void> {
    const { before, after } = change;
    if (before.status === after.status || !DROPPED_STATUSES.includes(after.status)) return;
    const bookings = await manager.find(ResourceBooking, { where: { venueId: after.id }, relations: { resource: true } });
    if (bookings.length === 0) return;
    await manager.delete(ResourceBooking, { id: In(bookings.map((booking) => booking.id)) });
    const why = `Giải phóng vì điểm "${after.name}" ${VENUE_STATUS_NAMES[after.status]}${change.reason ? `: ${change.reason}` : ''}`;
    for (const { resource, ...booking } of bookings) {
      await this.audit.record(manager, {
        actor: change.actor,
        entityType: 'resource_booking',
        entityId: booking.id,
        action: 'delete',
        before: booking,
        note: `${resource!.name}: ${why}`,
      });
    }
  }

  /**
   * A rescheduled venue takes its bookings along (followVenueHours: arrival and departure keep their
   * distance from the programme), in the same transaction. The venue's date is decided by its own
   * workflow, or by an accepted plan over many venues, which a central resource does not get to block;
   * so each moved booking is checked against the rest of its resource's bookings like a new one, and
   * where it now overlaps one or leaves too little road to a neighbour it is flagged (its travel
   * warning, shown with the booking) for a planner to rebook or release, never refused or dropped. One
   * that fits again loses its old warning. Neighbours' own warnings are not re-derived. Each move is
   * audited (one INSERT). The resources are locked as `book` locks them, so no booking slips in
   * between the check and the move.
   */
  private async followRescheduledVenue(manager: EntityManager, change: VenueChange): Promise<void> {
    if (!change.rescheduled) return;
    const { before, after } = change;
    const moving = await manager.find(ResourceBooking, { where: { venueId: after.id }, order: { id: 'ASC' } });
    if (moving.length === 0) return;
    const resourceIds = [...new Set(moving.map((booking) => booking.resourceId))].sort();
    await manager.find(SharedResource, { select: { id: true }, where: { id: In(resourceIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const spans = new Map(moving.map((booking) => [booking.id, followVenueHours(booking, before, after)]));
    const records: AuditRecord[] = [];
    for (const resourceId of resourceIds) {
      const bookings = (await this.loadBookings(manager, { resourceId })).map((booking): Candidate =>
        Object.assign(booking, spans.get(booking.id) ?? {}, { latitude: booking.venue.latitude, longitude: booking.venue.longitude }),
      );
      for (const booking of bookings.filter((candidate) => spans.has(candidate.id))) {
        const clash = findClash(booking, bookings, booking.resource, this.config.ROAD_DISTANCE_FACTOR);
        const travelWarning = clash ? `Điểm "${after.name}" đã đổi lịch: ${describeClash(booking.resource, clash)}` : null;
        const old = moving.find((row) => row.id === booking.id)!;
        const unchanged = old.startsAt.getTime() === booking.startsAt.getTime() && old.endsAt.getTime() === booking.endsAt.getTime();
        if (unchanged && old.travelWarning === travelWarning) continue;
        await manager.update(
          ResourceBooking,
          { id: booking.id },
          { startsAt: booking.startsAt, endsAt: booking.endsAt, travelWarning, version: () => 'version + 1' },
        );
        const fields = ({ startsAt, endsAt, travelWarning }: Pick<ResourceBooking, 'startsAt' | 'endsAt' | 'travelWarning'>) => ({
          startsAt,
          endsAt,
          travelWarning,
        });
        records.push({
          actor: change.actor,
          entityType: 'resource_booking',
          entityId: booking.id,
          action: 'update',
          before: fields(old),
          after: fields({ ...booking, travelWarning }),
          note: `${booking.resource.name}: theo lịch mới của điểm "${after.name}"${change.reason ? ` (${change.reason})` : ''}`,
        });
      }
    }
    await this.audit.recordMany(manager, records);
  }

  private async loadBookings(manager: EntityManager, where: { resourceId: string } | { venueId: string }): Promise<LoadedBooking[]> {
    const bookings = await manager.find(ResourceBooking, { where, relations: { resource: true }, order: { startsAt: 'ASC' } });
    const venues = new Map(
      (
        await findVenues(
          manager,
          bookings.map((booking) => booking.venueId),
        )
      ).map((venue) => [venue.id, venue]),
    );
    return bookings.map((booking) => Object.assign(booking, { resource: booking.resource!, venue: venues.get(booking.venueId)! }));
  }

  private async bookingViews(manager: EntityManager, where: { resourceId: string } | { venueId: string }): Promise<BookingView[]> {
    return (await this.loadBookings(manager, where)).map(toBookingView);
  }
}

async function assertNameFree(manager: EntityManager, editionId: string, name: string): Promise<void> {
  if (await manager.existsBy(SharedResource, { editionId, name })) {
    throw new BusinessRuleError('RESOURCE_NAME_TAKEN', `Đợt Ngày hội đã có nguồn lực tên "${name}".`, { name }, 409);
  }
}

function toBookingView(booking: LoadedBooking): BookingView {
  return {
    id: booking.id,
    resourceId: booking.resourceId,
    resourceName: booking.resource.name,
    resourceKind: booking.resource.kind,
    venueId: booking.venueId,
    venueName: booking.venue.name,
    provinceCode: booking.venue.provinceCode,
    editionId: booking.editionId,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    startDate: instantToLocalDate(booking.startsAt),
    startTime: instantToLocalTime(booking.startsAt),
    endDate: instantToLocalDate(booking.endsAt),
    endTime: instantToLocalTime(booking.endsAt),
    note: booking.note,
    travelWarning: booking.travelWarning,
    createdBy: booking.createdBy,
    createdAt: booking.createdAt,
    version: booking.version,
  };
}

/** "Đội văn nghệ Trung ương không kịp di chuyển từ điểm "X" (đã đặt từ … ): quãng đường khoảng 170 km cần 5 giờ 15 phút (…), chỉ còn 3 giờ." */
function describeTravelShortfall(resource: SharedResource, clash: Extract<Clash<Candidate>, { kind: 'travel' }>): string {
  const other = clash.booking;
  const direction = clash.position === 'before' ? 'từ' : 'đến';
  const buffer = resource.bufferMinutes > 0 ? ` (kể cả ${describeDuration(resource.bufferMinutes)} thu dọn, lắp đặt)` : '';
  return (
    `${resource.name} không kịp di chuyển ${direction} điểm "${other.venue.name}" (đã đặt ${describeSpan(other.startsAt, other.endsAt)}): ` +
    `quãng đường khoảng ${Math.round(clash.roadKm)} km cần ${describeDuration(clash.requiredMinutes)}${buffer}, chỉ còn ${describeDuration(clash.availableMinutes)}.`
  );
}

/** A clash as a sentence, for a booking the system moved rather than one a planner is making. */
function describeClash(resource: SharedResource, clash: Clash<Candidate>): string {
  if (clash.kind === 'travel') return describeTravelShortfall(resource, clash);
  const other = clash.booking;
  return `${resource.name} trùng thời gian với lượt đã đặt cho điểm "${other.venue.name}" ${describeSpan(other.startsAt, other.endsAt)}; cần đổi hoặc giải phóng một trong hai lượt.`;
}

function clashDetails(clash: Clash<Candidate>) {
  const other = clash.booking;
  const booking = {
    bookingId: other.id,
    venueId: other.venueId,
    venueName: other.venue.name,
    startsAt: other.startsAt,
    endsAt: other.endsAt,
    startDate: instantToLocalDate(other.startsAt),
    startTime: instantToLocalTime(other.startsAt),
    endDate: instantToLocalDate(other.endsAt),
    endTime: instantToLocalTime(other.endsAt),
  };
  if (clash.kind === 'overlap') return booking;
  return {
    ...booking,
    position: clash.position,
    roadKm: clash.roadKm,
    requiredMinutes: clash.requiredMinutes,
    availableMinutes: clash.availableMinutes,
    requiredHours: Math.round((clash.requiredMinutes / 60) * 100) / 100,
    availableHours: Math.round((clash.availableMinutes / 60) * 100) / 100,
  };
}
