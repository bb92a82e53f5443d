/**
 * Queries over the venues table for other libraries, which may not name it: each takes the caller's
 * EntityManager (so it reads inside the caller's transaction) and says who reads it and why.
 */
import { type EntityManager, In, MoreThan, Not } from 'typeorm';
import { IsoDate } from '@app/common';
import { Venue } from './venue.entity';
import { LIVE_VENUE_STATUSES, VenueStatus, VenueTier } from './venue.enums';

/** Venues dropped from their edition: nobody attends them any more, their date holds nothing. */
export const DROPPED_VENUE_STATUSES: readonly VenueStatus[] = [VenueStatus.Rejected, VenueStatus.Cancelled];

export interface ScheduledVenueRef {
  id: string;
  name: string;
}

/**
 * The edition's venues scheduled on `date`, dropped ones left out, by name. The leaders library's
 * scheduling check reads it: a leader assigned to a venue taking that date must not be expected at
 * another of these.
 */
export function venuesScheduledOn(manager: EntityManager, editionId: string, date: IsoDate): Promise<ScheduledVenueRef[]> {
  return manager
    .createQueryBuilder(Venue, 'venue')
    .select(['venue.id', 'venue.name'])
    .where('venue.editionId = :editionId AND venue.scheduledDate = :date', { editionId, date })
    .andWhere('venue.status NOT IN (:...dropped)', { dropped: DROPPED_VENUE_STATUSES })
    .orderBy('venue.name', 'ASC')
    .getMany()
    .then((venues) => venues.map(({ id, name }) => ({ id, name })));
}

export interface AttendedVenueRef extends ScheduledVenueRef {
  scheduledDate: IsoDate | null;
}

/**
 * Of these venues, the edition's ones not dropped, with their date. The leaders library reads it for the
 * venues a leader attends in an edition (their assignments are its own rows): at most one a day, no more
 * than their maximum, and none left when they leave the edition.
 */
export async function attendedVenuesOf(manager: EntityManager, editionId: string, venueIds: readonly string[]): Promise<AttendedVenueRef[]> {
  if (venueIds.length === 0) return [];
  const venues = await manager
    .createQueryBuilder(Venue, 'venue')
    .select(['venue.id', 'venue.name', 'venue.scheduledDate'])
    .where('venue.id IN (:...ids) AND venue.editionId = :editionId', { ids: venueIds, editionId })
    .andWhere('venue.status NOT IN (:...dropped)', { dropped: DROPPED_VENUE_STATUSES })
    .getMany();
  return venues.map(({ id, name, scheduledDate }) => ({ id, name, scheduledDate }));
}

/** Rows per query of liveVenuesOfTier. */
const LIVE_VENUES_PAGE = 250;

/**
 * An edition's live venues (approved or scheduled) of one tier, by id: what a planning run plans. Read
 * by pages of ids, so the reader's event loop turns entities of one page at a time (the 3,300 commune
 * venues of a nationwide run, at once, held the worker's loop ~100 ms: bench/solver-isolation).
 */
export async function liveVenuesOfTier(manager: EntityManager, editionId: string, tier: VenueTier): Promise<Venue[]> {
  const venues: Venue[] = [];
  for (;;) {
    const after = venues.at(-1)?.id;
    const page = await manager.find(Venue, {
      where: { editionId, status: In([...LIVE_VENUE_STATUSES]), tier, ...(after ? { id: MoreThan(after) } : {}) },
      order: { id: 'ASC' },
      take: LIVE_VENUES_PAGE,
    });
    venues.push(...page);
    if (page.length < LIVE_VENUES_PAGE) return venues;
  }
}

/** How many live venues of one tier an edition has (planning decides from it whether to queue a run). */
export function countLiveVenuesOfTier(manager: EntityManager, editionId: string, tier: VenueTier): Promise<number> {
  return manager.count(Venue, { where: { editionId, status: In([...LIVE_VENUE_STATUSES]), tier } });
}

/**
 * The dates of an edition's live venues of every other tier. Planning reads it for what its leaders
 * already do outside the tier it plans (those days are taken, those appearances count).
 */
export async function liveVenueDatesOutsideTier(
  manager: EntityManager,
  editionId: string,
  tier: VenueTier,
): Promise<{ id: string; scheduledDate: IsoDate | null }[]> {
  const venues = await manager.find(Venue, {
    select: { id: true, scheduledDate: true },
    where: { editionId, status: In([...LIVE_VENUE_STATUSES]), tier: Not(tier) },
    order: { id: 'ASC' },
  });
  return venues.map(({ id, scheduledDate }) => ({ id, scheduledDate }));
}

export interface ReportedVenueRef {
  id: string;
  provinceCode: string;
  region: Venue['region'];
  tier: VenueTier;
  status: VenueStatus;
}

/**
 * An edition's venues for its report (libs/results), rejected nominations left out (they were never
 * part of the festival), cancelled ones kept so the report can count them. One province when
 * `provinceCode` is given (an organizer's report).
 */
export async function reportedVenuesOfEdition(manager: EntityManager, editionId: string, provinceCode?: string): Promise<ReportedVenueRef[]> {
  const venues = await manager.find(Venue, {
    select: { id: true, provinceCode: true, region: true, tier: true, status: true },
    where: { editionId, status: Not(VenueStatus.Rejected), ...(provinceCode ? { provinceCode } : {}) },
    order: { id: 'ASC' },
  });
  return venues.map(({ id, provinceCode: code, region, tier, status }) => ({ id, provinceCode: code, region, tier, status }));
}
