import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { type Actor, assertCanWriteProvince, canWriteProvince, Role } from '@app/auth';
import { assertVersion, BusinessRuleError, NotFoundError, queryRows, requireVersion, todayInFestivalZone } from '@app/common';
import { findEdition } from '@app/editions';
import { provinceNames } from '@app/provinces';
import { lockVenueForUpdate, VENUE_FACTS, VenueStatus, VenuesService } from '@app/venues';
import { DayBoardStreams } from './day-board-streams';
import type { DayBoardEntryView, DayBoardView, SetDayStateDto, VenueDayStateView } from './dto/day-board.dto';
import { DAY_STATE_NAMES, DayState } from './day-state.enums';
import { applyDayState, countByState, dayStateRefusal, type DayStateFacts, INITIAL_DAY_STATE, isSameDayState, nextDayStates } from './day-state-rules';
import { VenueDayState } from './venue-day-state.entity';

const VENUE = 'điểm tổ chức';
const EDITION = 'đợt Ngày hội';
const ON_THE_BOARD = [VenueStatus.Scheduled, VenueStatus.Held];

interface BoardRow {
  id: string;
  edition_id: string;
  name: string;
  province_code: string;
  scheduled_date: string | null;
  starts_at: Date | null;
  latitude: string | number;
  longitude: string | number;
  state: DayState | null;
  note: string | null;
  leader_arrived_at: Date | null;
  started_at: Date | null;
  updated_at: Date | null;
  version: number | null;
}

/**
 * Owns the festival day's live board: each scheduled venue's state on its day (venue_day_states), set
 * by that province's organizers (and planners) from a phone — version-checked, a retry answered
 * unchanged, every change audited — and told to every API instance's board streams after commit.
 * Reads venues through their library's named read model; writes nothing of theirs.
 */
@Injectable()
export class DayBoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly audit: AuditService,
    private readonly streams: DayBoardStreams,
  ) {
    streams.readWith((venueId) => this.entry(venueId));
  }

  /** The board: the country for planners and viewers, their own province for organizers (need to know). */
  async board(editionId: string, actor: Actor, date?: string): Promise<DayBoardView> {
    const manager = this.dataSource.manager;
    if (!(await findEdition(manager, editionId))) throw new NotFoundError(EDITION, editionId);
    const province = actor.role === Role.ProvincialOrganizer ? (actor.provinceCode ?? '') : undefined;
    const entries = await this.entries(manager, { editionId, province, date });
    return { editionId, counts: countByState(entries.map((entry) => entry.state)), entries };
  }

  /** One point's state for its phone page, with what it may move to now. */
  async venueState(venueId: string, actor: Actor, now = new Date()): Promise<VenueDayStateView> {
    const venue = await this.venues.getReadable(venueId, actor);
    const [entry] = await this.entries(this.dataSource.manager, { venueId });
    if (!entry) {
      // Not on the board (not scheduled): shown as not started, with why nothing can be set.
      const refusal = dayStateRefusal(venue, INITIAL_DAY_STATE, DayState.Started, null, todayInFestivalZone(now));
      return {
        ...emptyEntry(venue),
        editionId: venue.editionId,
        nextStates: [],
        canSet: false,
        refusal: refusal?.message ?? null,
      };
    }
    return this.phoneView(entry, venue, actor, now);
  }

  /**
   * Sets the point's state: that province's organizers and planners, from the venue's day on, along
   * the state machine (day-state-rules.ts). The venue row is locked first, so two phones setting the
   * first state go one after the other and the second is told of the first (409), as later changes are.
   */
  async set(venueId: string, input: SetDayStateDto, actor: Actor, now = new Date()): Promise<VenueDayStateView> {
    const note = input.note?.trim() || null;
    const { venue, changed } = await this.dataSource.transaction(async (manager) => {
      const venue = await lockVenueForUpdate(manager, venueId);
      if (!venue) throw new NotFoundError(VENUE, venueId);
      assertCanWriteProvince(actor, venue.provinceCode);
      const row = await manager.findOne(VenueDayState, { where: { venueId } });
      const current: DayStateFacts & { note: string | null } = row ?? { ...INITIAL_DAY_STATE, note: null };
      // A phone's retry of what is already recorded (its answer was lost): the same answer, nothing written.
      if (isSameDayState(current, input.state, note)) return { venue, changed: false };
      if (row) assertVersion(requireVersion(input.version), row.version);
      else if (input.version !== undefined && input.version !== 0) assertVersion(input.version, 0);
      const refusal = dayStateRefusal(venue, current, input.state, note, todayInFestivalZone(now));
      if (refusal) {
        throw new BusinessRuleError(refusal.code, refusal.message, { state: current.state, allowed: nextDayStates(current) }, refusal.status);
      }
      const next = applyDayState(current, input.state, now);
      const saved = await manager.save(
        Object.assign(row ?? manager.create(VenueDayState, { venueId, editionId: venue.editionId }), { ...next, note, updatedBy: actor.id }),
      );
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Tình hình Ngày hội: ${DAY_STATE_NAMES[saved.state]}${note ? ` — ${note}` : ''}`,
        before: row ? { state: row.state, note: row.note } : { state: DayState.NotStarted, note: null },
        after: { state: saved.state, note: saved.note },
      });
      return { venue, changed: true };
    });
    if (changed) await this.streams.publish({ editionId: venue.editionId, venueId, provinceCode: venue.provinceCode });
    return this.venueState(venueId, actor, now);
  }

  /** One point as the board shows it (for the streams: read once per change and instance). */
  async entry(venueId: string): Promise<DayBoardEntryView | null> {
    const [entry] = await this.entries(this.dataSource.manager, { venueId });
    return entry ?? null;
  }

  private phoneView(
    entry: DayBoardEntryView & { editionId: string },
    venue: { status: VenueStatus; scheduledDate: string | null; provinceCode: string },
    actor: Actor,
    now: Date,
  ): VenueDayStateView {
    const current: DayStateFacts = { state: entry.state, startedAt: entry.startedAt, leaderArrivedAt: entry.leaderArrivedAt };
    const nextStates = nextDayStates(current);
    // Whether the day has come (and the venue is scheduled): asked of the rules with a move they allow.
    const refusal = dayStateRefusal(venue, current, nextStates[0] ?? entry.state, 'ghi chú', todayInFestivalZone(now));
    const dayRefusal = refusal && refusal.code !== 'DAY_STATE_TRANSITION' ? refusal.message : null;
    return { ...entry, nextStates: dayRefusal ? [] : nextStates, canSet: canWriteProvince(actor, venue.provinceCode) && !dayRefusal, refusal: dayRefusal };
  }

  private async entries(
    manager: EntityManager,
    filter: { editionId?: string; province?: string; date?: string; venueId?: string },
  ): Promise<Array<DayBoardEntryView & { editionId: string }>> {
    const where = [`v.status::text = ANY($1::text[])`];
    const params: unknown[] = [ON_THE_BOARD];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.editionId) add('v.edition_id = ?', filter.editionId);
    if (filter.venueId) add('v.id = ?', filter.venueId);
    if (filter.province !== undefined) add('v.province_code = ?', filter.province);
    if (filter.date) add('v.scheduled_date = ?::date', filter.date);
    const rows = await queryRows<BoardRow>(
      manager,
      `SELECT v.id, v.edition_id, v.name, v.province_code, to_char(v.scheduled_date, 'YYYY-MM-DD') AS scheduled_date, v.starts_at, v.latitude, v.longitude,
              s.state, s.note, s.leader_arrived_at, s.started_at, s.updated_at, s.version
         FROM ${VENUE_FACTS} v
         LEFT JOIN venue_day_states s ON s.venue_id = v.id
        WHERE ${where.join(' AND ')}
        ORDER BY v.scheduled_date, v.starts_at NULLS LAST, v.province_code, v.name`,
      params,
    );
    const names = rows.length ? await provinceNames(manager) : new Map<string, string>();
    return rows.map((row) => {
      const state = row.state ?? DayState.NotStarted;
      return {
        venueId: row.id,
        editionId: row.edition_id,
        name: row.name,
        provinceCode: row.province_code,
        provinceName: names.get(row.province_code) ?? row.province_code,
        scheduledDate: row.scheduled_date,
        startsAt: row.starts_at,
        latitude: Number(row.latitude),
        longitude: Number(row.longitude),
        state,
        stateName: DAY_STATE_NAMES[state],
        note: row.note,
        leaderArrivedAt: row.leader_arrived_at,
        startedAt: row.started_at,
        updatedAt: row.updated_at,
        version: row.version ?? 0,
      };
    });
  }
}

function emptyEntry(venue: {
  id: string;
  name: string;
  provinceCode: string;
  scheduledDate: string | null;
  startsAt: Date | null;
  latitude: number;
  longitude: number;
}): DayBoardEntryView {
  return {
    venueId: venue.id,
    name: venue.name,
    provinceCode: venue.provinceCode,
    provinceName: venue.provinceCode,
    scheduledDate: venue.scheduledDate,
    startsAt: venue.startsAt,
    latitude: Number(venue.latitude),
    longitude: Number(venue.longitude),
    state: DayState.NotStarted,
    stateName: DAY_STATE_NAMES[DayState.NotStarted],
    note: null,
    leaderArrivedAt: null,
    startedAt: null,
    updatedAt: null,
    version: 0,
  };
}
