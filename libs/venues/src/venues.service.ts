import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, assertCanWriteProvince, assertPlanner, Role } from '@app/auth';
import {
  AfterCommit,
  assertVersion,
  BusinessRuleError,
  ForbiddenError,
  inTransaction,
  instantToLocalTime,
  IsoDate,
  LocalTime,
  lockForUpdate,
  NotFoundError,
  Notifier,
  foldedMatch,
  foldedSearchPattern,
  Page,
  queryRows,
  todayInFestivalZone,
  toPage,
} from '@app/common';
import { type Edition, EditionsService, isWithinWindow } from '@app/editions';
import { provinceCodesMatching, ProvincesService, Region } from '@app/provinces';
import { CreateVenueDto, UpdateVenueDto, VenueQueryDto, VenueTransitionDto } from './dto/venue.dto';
import { VenueClusterQueryDto, VenueClusters } from './dto/venue-clusters.dto';
import { VenueSummary, VenueSummaryQueryDto } from './dto/venue-summary.dto';
import { CALENDAR_NAMES_PER_DAY, nameDays, summariseVenues } from './venue-summary-rules';
import { clusterCellDegrees, SUMMARY_POINTS_BELOW, type VenuePoint } from './venue-cluster-rules';
import { Venue } from './venue.entity';
import { VenueStatus } from './venue.enums';
import { describeVenueChange, VenueEvents } from './venue-events';
import { VenueScheduleChecks } from './venue-schedule-checks';
import { toVenueView, VenueView } from './dto/venue-view.dto';
import { assertMayMovePlace } from './change-proposals/venue-change-rules';
import { assertVenueEditable, planVenueTransition, VenueTransitionChanges } from './venue-workflow';

const VENUE = 'điểm tổ chức';

/** What the venue search reads, exactly as the trigram index `venues_search_idx` (migration FoldedSearch) folds it. */
const VENUE_SEARCH_TEXT = `venue.name || ' ' || venue.commune_name || ' ' || COALESCE(venue.hamlet_name, '') || ' ' || venue.address`;

@Injectable()
export class VenuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly provinces: ProvincesService,
    private readonly audit: AuditService,
    private readonly events: VenueEvents,
    private readonly scheduleChecks: VenueScheduleChecks,
    private readonly notifier: Notifier,
  ) {}

  /** A province (or a planner) nominates a festival point. */
  async nominate(input: CreateVenueDto, actor: Actor): Promise<VenueView> {
    assertCanWriteProvince(actor, input.provinceCode);
    const province = await this.provinces.require(input.provinceCode);
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const edition = await this.editions.requireOpen(input.editionId, manager);
      assertCandidateDates(input.candidateDates ?? [], edition);
      const venue = manager.create(Venue, {
        ...input,
        name: input.name.trim(),
        coHost: input.coHost ?? null,
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail?.toLowerCase() ?? null,
        hamletName: input.hamletName ?? null,
        region: input.region ?? province.defaultRegion,
        areaFlags: input.areaFlags ?? [],
        candidateDates: [...(input.candidateDates ?? [])].sort(),
        status: VenueStatus.Nominated,
        nominatedBy: actor.id,
      });
      const saved = await manager.save(venue);
      await this.audit.record(manager, { actor, entityType: 'venue', entityId: saved.id, action: 'create', after: saved });
      await this.notifier.notify(manager, { kind: 'venue_nominated', venueId: saved.id, actorId: actor.id }, afterCommit);
      return toVenueView(saved);
    });
  }

  async list(query: VenueQueryDto, actor: Actor): Promise<Page<VenueView>> {
    const builder = (await this.filtered(query, actor))
      .orderBy('venue.scheduledDate', 'ASC', 'NULLS LAST')
      .addOrderBy('venue.provinceCode', 'ASC')
      .addOrderBy('venue.name', 'ASC')
      .addOrderBy('venue.id', 'ASC');
    const [items, total] = await builder.skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(items.map(toVenueView), total, query);
  }

  /**
   * The overview map's markers, clustered on the server (issue 18): venues grouped by a grid whose cells
   * are a quarter of a 256 px tile at this zoom (about 64 px on screen), one row per cell with its count
   * and mean position, the venue itself where a cell holds one. One GROUP BY over the edition's venues,
   * so the browser gets at most a few hundred markers whatever the edition's size (50,000 venues).
   */
  async clusters(query: VenueClusterQueryDto, actor: Actor): Promise<VenueClusters> {
    const rows = await (
      await this.filtered(query, actor)
    )
      .select('avg(venue.latitude)', 'latitude')
      .addSelect('avg(venue.longitude)', 'longitude')
      .addSelect('count(*)', 'count')
      .addSelect('CASE WHEN count(*) = 1 THEN min(venue.id::text) END', 'venue_id')
      .addSelect('CASE WHEN count(*) = 1 THEN min(venue.name) END', 'name')
      .addSelect('CASE WHEN count(*) = 1 THEN min(venue.status::text) END', 'status')
      .setParameter('cell', clusterCellDegrees(query.zoom))
      .groupBy('floor(venue.latitude / :cell)')
      .addGroupBy('floor(venue.longitude / :cell)')
      .orderBy('count(*)', 'DESC')
      // Not `ORDER BY 1, 2`: TypeORM keeps the order in an object, where integer-like keys go first.
      .addOrderBy('avg(venue.latitude)')
      .addOrderBy('avg(venue.longitude)')
      .getRawMany<{ latitude: number; longitude: number; count: string; venue_id: string | null; name: string | null; status: VenueStatus | null }>();
    const clusters = rows.map((row) => ({
      latitude: Number(row.latitude),
      longitude: Number(row.longitude),
      count: Number(row.count),
      venueId: row.venue_id,
      name: row.name,
      status: row.status,
    }));
    return { total: clusters.reduce((sum, cluster) => sum + cluster.count, 0), clusters };
  }

  /**
   * The overview's figures (issue 18): counts by status, per province (with where its venues lie) and per
   * scheduled day with the day's first few venues (the calendar's names), for the list's filters — two
   * GROUP BYs and a few rows a day, whatever the edition's size. A small selection (below
   * SUMMARY_POINTS_BELOW) also carries each venue's position, so the map draws from this one answer
   * instead of asking for its clusters once it knows its view (one round trip fewer on the demo).
   */
  async summary(query: VenueSummaryQueryDto, actor: Actor): Promise<VenueSummary> {
    const perProvince = await (
      await this.filtered(query, actor)
    )
      .select('venue.provinceCode', 'province_code')
      .addSelect('venue.region', 'region')
      .addSelect('venue.status', 'status')
      .addSelect('count(*)', 'count')
      .addSelect('sum(venue.latitude)', 'latitude_sum')
      .addSelect('sum(venue.longitude)', 'longitude_sum')
      .addSelect('min(venue.latitude)', 'south')
      .addSelect('max(venue.latitude)', 'north')
      .addSelect('min(venue.longitude)', 'west')
      .addSelect('max(venue.longitude)', 'east')
      .groupBy('venue.provinceCode')
      .addGroupBy('venue.region')
      .addGroupBy('venue.status')
      .getRawMany<{
        province_code: string;
        region: Region;
        status: VenueStatus;
        count: string;
        latitude_sum: number;
        longitude_sum: number;
        south: number;
        north: number;
        west: number;
        east: number;
      }>();
    const days = await (
      await this.filtered(query, actor)
    )
      .select('venue.scheduledDate', 'date')
      .addSelect('count(*)', 'count')
      .andWhere('venue.scheduledDate IS NOT NULL')
      .groupBy('venue.scheduledDate')
      .orderBy('venue.scheduledDate')
      .getRawMany<{ date: string; count: string }>();
    // The calendar's names: each day's first few in the list's order (province, name) — one small
    // LATERAL lookup per day, not a ranking of the whole edition.
    const [perDay, parameters]: [string, unknown[]] = (await this.filtered(query, actor))
      .select('venue.id', 'id')
      .addSelect('venue.name', 'name')
      .addSelect('venue.provinceCode', 'province_code')
      .addSelect('venue.status', 'status')
      .addSelect('venue.startsAt', 'starts_at')
      .addSelect('venue.endsAt', 'ends_at')
      .andWhere('venue.scheduledDate = day.date')
      .orderBy('venue.provinceCode')
      .addOrderBy('venue.name')
      .addOrderBy('venue.id')
      .limit(CALENDAR_NAMES_PER_DAY)
      .getQueryAndParameters();
    const named: Array<{ id: string; name: string; province_code: string; status: VenueStatus; date: string; starts_at: Date | null; ends_at: Date | null }> =
      days.length === 0
        ? []
        : await this.dataSource.query(
            `SELECT day.date::text AS date, named.*
               FROM unnest($${parameters.length + 1}::date[]) WITH ORDINALITY AS day(date, n)
              CROSS JOIN LATERAL (${perDay}) AS named
              ORDER BY day.n, named.province_code, named.name, named.id`,
            [...parameters, days.map((row) => row.date)],
          );
    const total = perProvince.reduce((sum, row) => sum + Number(row.count), 0);
    const points =
      total >= SUMMARY_POINTS_BELOW
        ? null
        : (
            await (
              await this.filtered(query, actor)
            )
              .select('venue.id', 'id')
              .addSelect('venue.name', 'name')
              .addSelect('venue.status', 'status')
              .addSelect('venue.latitude', 'latitude')
              .addSelect('venue.longitude', 'longitude')
              .orderBy('venue.id')
              .getRawMany<{ id: string; name: string; status: VenueStatus; latitude: number; longitude: number }>()
          ).map((row): VenuePoint => ({
            venueId: row.id,
            name: row.name,
            status: row.status,
            latitude: Number(row.latitude),
            longitude: Number(row.longitude),
          }));
    const figures = summariseVenues(
      perProvince.map((row) => ({
        provinceCode: row.province_code,
        region: row.region,
        status: row.status,
        count: Number(row.count),
        latitudeSum: Number(row.latitude_sum),
        longitudeSum: Number(row.longitude_sum),
        south: Number(row.south),
        north: Number(row.north),
        west: Number(row.west),
        east: Number(row.east),
      })),
      nameDays(
        days.map((row) => ({ date: row.date, count: Number(row.count) })),
        named.map((row) => ({
          date: row.date,
          id: row.id,
          name: row.name,
          provinceCode: row.province_code,
          status: row.status,
          startTime: row.starts_at ? instantToLocalTime(row.starts_at) : null,
          endTime: row.ends_at ? instantToLocalTime(row.ends_at) : null,
        })),
      ),
    );
    return { ...figures, points };
  }

  /**
   * The venues a list, the map or the figures speak of: the edition, the organizer's province, the
   * filters, the words searched (diacritics ignored) and the map's bounds — one definition, so the map,
   * the figures and the list always agree.
   */
  private async filtered(query: Omit<VenueQueryDto, 'page' | 'pageSize' | 'offset'>, actor: Actor): Promise<SelectQueryBuilder<Venue>> {
    const provinceCode = this.readableProvince(actor, query.provinceCode);
    const builder = this.dataSource.getRepository(Venue).createQueryBuilder('venue');
    if (query.editionId) builder.andWhere('venue.editionId = :editionId', { editionId: query.editionId });
    if (provinceCode) builder.andWhere('venue.provinceCode = :provinceCode', { provinceCode });
    if (query.region) builder.andWhere('venue.region = :region', { region: query.region });
    if (query.status?.length) builder.andWhere('venue.status IN (:...status)', { status: query.status });
    if (query.tier) builder.andWhere('venue.tier = :tier', { tier: query.tier });
    if (query.dateFrom) builder.andWhere('venue.scheduledDate >= :dateFrom', { dateFrom: query.dateFrom });
    if (query.dateTo) builder.andWhere('venue.scheduledDate <= :dateTo', { dateTo: query.dateTo });
    if (query.ids?.length) builder.andWhere('venue.id IN (:...ids)', { ids: query.ids });
    if (query.south !== undefined) builder.andWhere('venue.latitude >= :south', { south: query.south });
    if (query.north !== undefined) builder.andWhere('venue.latitude <= :north', { north: query.north });
    if (query.west !== undefined) builder.andWhere('venue.longitude >= :west', { west: query.west });
    if (query.east !== undefined) builder.andWhere('venue.longitude <= :east', { east: query.east });
    if (query.q?.trim()) {
      const pattern = foldedSearchPattern(query.q);
      const provinces = await provinceCodesMatching(this.dataSource.manager, pattern);
      builder.andWhere(
        new Brackets((where) => {
          where.where(foldedMatch(VENUE_SEARCH_TEXT, 'pattern'), { pattern });
          if (provinces.length > 0) where.orWhere('venue.provinceCode IN (:...matchingProvinces)', { matchingProvinces: provinces });
        }),
      );
    }
    return builder;
  }

  async get(id: string, actor: Actor): Promise<VenueView> {
    const venue = await this.dataSource.manager.findOneBy(Venue, { id });
    if (!venue) throw new NotFoundError(VENUE, id);
    this.readableProvince(actor, venue.provinceCode);
    return toVenueView(venue);
  }

  async update(id: string, input: UpdateVenueDto, actor: Actor): Promise<VenueView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await lockForUpdate(manager, Venue, id, undefined, VENUE);
      assertCanWriteProvince(actor, venue.provinceCode); // before anything that would describe the row
      assertVersion(input.version, venue.version);
      const { version: _version, ...changes } = input;
      return toVenueView(await this.applyChanges(manager, venue, changes, actor, afterCommit));
    });
  }

  /**
   * Writes changes to a venue the caller has locked (and checked the actor may write in its province):
   * an edit, or a change proposal a planner applies. Audited; followers (invitations: an update to every
   * leader invited) see it through VenueEvents. An organizer's change of place or time of a central
   * venue past approval is refused before anything is written (issue 16: they propose instead).
   */
  async applyChanges(manager: EntityManager, venue: Venue, changes: Omit<UpdateVenueDto, 'version'>, actor: Actor, afterCommit: AfterCommit): Promise<Venue> {
    assertVenueEditable(venue.status);
    // The tier decides who moves the venue forward (central = the committee): only planners change it.
    if (changes.tier !== undefined && changes.tier !== venue.tier) assertPlanner(actor);
    // Moving a venue into another province is a write to that province: that refusal comes first.
    if (changes.provinceCode && changes.provinceCode !== venue.provinceCode) assertCanWriteProvince(actor, changes.provinceCode);
    assertMayMovePlace(venue, changes, actor);
    const edition = await this.editions.requireOpen(venue.editionId, manager);
    if (changes.provinceCode && changes.provinceCode !== venue.provinceCode) await this.provinces.require(changes.provinceCode);
    if (changes.candidateDates) assertCandidateDates(changes.candidateDates, edition);

    const before = { ...venue };
    Object.assign(venue, changes);
    if (typeof changes.contactEmail === 'string') venue.contactEmail = changes.contactEmail.toLowerCase(); // as on creation
    if (changes.candidateDates) venue.candidateDates = [...changes.candidateDates].sort();
    const saved = await manager.save(venue);
    await this.audit.record(manager, { actor, entityType: 'venue', entityId: venue.id, action: 'update', before, after: saved });
    await this.events.publish(manager, describeVenueChange(before, saved, actor), afterCommit);
    return saved;
  }

  /** Moves a venue along its workflow (see venue-workflow.ts); every transition is audited. */
  async transition(id: string, input: VenueTransitionDto, actor: Actor): Promise<VenueView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await lockForUpdate(manager, Venue, id, undefined, VENUE);
      assertCanWriteProvince(actor, venue.provinceCode); // before anything that would describe the row
      assertVersion(input.version, venue.version);
      const edition = await this.editions.requireOpen(venue.editionId, manager);
      const changes = planVenueTransition(venue, input, actor, edition, todayInFestivalZone());
      if (changes.startsAt && changes.endsAt) {
        // Programme items inside the new hours, assigned leaders free that day: checked by their libraries.
        await this.scheduleChecks.run(manager, { venue, scheduledDate: changes.scheduledDate!, startsAt: changes.startsAt, endsAt: changes.endsAt, actor });
      }

      const before = { ...venue };
      Object.assign(venue, changes);
      const saved = await manager.save(venue);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: id,
        action: 'transition',
        before,
        after: saved,
        note: changes.statusReason ?? null,
      });
      await this.events.publish(manager, describeVenueChange(before, saved, actor, changes.statusReason ?? null), afterCommit);
      return toVenueView(saved);
    });
  }

  /**
   * Locks the venue for an edit of something it owns (programme, tasks, budget, leaders), checks the
   * actor may write in its province and that it is still editable; serialises edits per venue.
   * `afterHeld` lets records only complete after the festival (actual spending) be written once held.
   */
  async lockForChildEdit(manager: EntityManager, venueId: string, actor: Actor, options: { afterHeld?: boolean } = {}): Promise<Venue> {
    const venue = await lockForUpdate(manager, Venue, venueId, undefined, VENUE);
    assertCanWriteProvince(actor, venue.provinceCode);
    if (!(options.afterHeld && venue.status === VenueStatus.Held)) assertVenueEditable(venue.status);
    await this.editions.requireOpen(venue.editionId, manager);
    return venue;
  }

  /**
   * Locks these venues for a change decided over many of them at once (an accepted planning run), in id
   * order so that two such changes cannot deadlock. Venues that no longer exist are left out.
   */
  async lockMany(manager: EntityManager, ids: readonly string[]): Promise<Venue[]> {
    if (!ids.length) return [];
    return manager.find(Venue, { where: { id: In([...ids]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Schedules venues as one decision (an accepted planning run): each moves through the workflow's
   * scheduling transition to its date, keeping its hours, or taking `hours` when it has none yet; venues
   * already on their date are left alone. One UPDATE for the batch; each venue audited as a transition
   * and published as a venue event (invitations and logistics follow it). The caller holds the locks
   * (lockMany) and has checked the dates as a whole against the leaders it assigns, so a single
   * transition's VenueScheduleChecks are not run (checked venue by venue, before the batch has moved,
   * they would see the other venues still on their old dates).
   */
  async scheduleMany(manager: EntityManager, request: VenueSchedules, actor: Actor, afterCommit: AfterCommit): Promise<void> {
    const venues = await this.lockMany(manager, Object.keys(request.dates));
    const editions = new Map<string, Edition>();
    const changed: { before: Venue; changes: VenueTransitionChanges }[] = [];
    for (const venue of venues) {
      const date = request.dates[venue.id];
      if (date === venue.scheduledDate) continue;
      if (!editions.has(venue.editionId)) editions.set(venue.editionId, await this.editions.requireOpen(venue.editionId, manager));
      const hours = {
        startTime: venue.startsAt ? instantToLocalTime(venue.startsAt) : request.hours.startTime,
        endTime: venue.endsAt ? instantToLocalTime(venue.endsAt) : request.hours.endTime,
      };
      const changes = planVenueTransition(venue, { to: VenueStatus.Scheduled, date, ...hours }, actor, editions.get(venue.editionId)!, todayInFestivalZone());
      changed.push({ before: { ...venue }, changes });
    }
    if (!changed.length) return;
    const rows = await queryRows<{ id: string; version: number; updated_at: Date }>(
      manager,
      `UPDATE venues AS v
          SET status = $5::venue_status, status_reason = NULL, scheduled_date = x.date, starts_at = x.starts_at, ends_at = x.ends_at,
              version = v.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::date[], $3::timestamptz[], $4::timestamptz[]) AS x(id, date, starts_at, ends_at)
        WHERE v.id = x.id
       RETURNING v.id, v.version, v.updated_at`,
      [
        changed.map(({ before }) => before.id),
        changed.map(({ changes }) => changes.scheduledDate),
        changed.map(({ changes }) => changes.startsAt!.toISOString()),
        changed.map(({ changes }) => changes.endsAt!.toISOString()),
        VenueStatus.Scheduled,
      ],
    );
    const written = new Map(rows.map((row) => [row.id, row]));
    const moves = changed.map(({ before, changes }) => {
      const row = written.get(before.id)!;
      return { before, after: manager.create(Venue, { ...before, ...changes, statusReason: null, version: row.version, updatedAt: new Date(row.updated_at) }) };
    });
    // One INSERT for every venue's audit entry, then each venue's change reaches its listeners.
    await this.audit.recordMany(
      manager,
      moves.map(({ before, after }) => ({ actor, entityType: 'venue', entityId: before.id, action: 'transition', before, after, note: request.note })),
    );
    for (const { before, after } of moves) await this.events.publish(manager, describeVenueChange(before, after, actor, request.note), afterCommit);
  }

  /** The venue, if the actor may read its province's data. */
  async getReadable(venueId: string, actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<Venue> {
    const venue = await manager.findOneBy(Venue, { id: venueId });
    if (!venue) throw new NotFoundError(VENUE, venueId);
    this.readableProvince(actor, venue.provinceCode);
    return venue;
  }

  /** Organizers read only their own province; others read everything. */
  private readableProvince(actor: Actor, requested: string | undefined): string | undefined {
    if (actor.role !== Role.ProvincialOrganizer) return requested;
    if (requested && requested !== actor.provinceCode) {
      throw new ForbiddenError('Bạn chỉ được xem dữ liệu của tỉnh, thành phố mình phụ trách.', 'PROVINCE_SCOPE');
    }
    return actor.provinceCode ?? undefined;
  }
}

function assertCandidateDates(dates: IsoDate[], edition: Edition): void {
  const outside = dates.filter((date) => !isWithinWindow(date, edition));
  if (outside.length > 0) {
    throw new BusinessRuleError('DATE_OUTSIDE_WINDOW', 'Ngày đề xuất phải nằm trong thời gian tổ chức của đợt Ngày hội.', {
      dates: outside,
      windowStart: edition.windowStart,
      windowEnd: edition.windowEnd,
    });
  }
}

/** Dates for several venues, written as one decision (see VenuesService.scheduleMany). */
export interface VenueSchedules {
  /** Venue id → its date. */
  dates: Readonly<Record<string, IsoDate>>;
  /** Hours for a venue that has none yet; one with hours keeps them on its new date. */
  hours: { startTime: LocalTime; endTime: LocalTime };
  /** On every audit entry and venue event, e.g. which planning run made the change. */
  note: string;
}
