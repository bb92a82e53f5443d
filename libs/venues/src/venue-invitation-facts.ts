/**
 * What the invitations library reads of venues and how it holds one while it writes (only this
 * library names the `venues` table). Each function takes the caller's EntityManager, so it runs in the
 * caller's transaction; who reads each one and why is said beside it.
 */
import type { EntityManager } from 'typeorm';
import { IsoDate } from '@app/common';
import { Venue } from './venue.entity';
import { VenueStatus } from './venue.enums';

/** A venue as an invitation names it: where and when, who hosts it, whom to call. */
export interface VenueInvitationFacts {
  id: string;
  editionId: string;
  name: string;
  status: VenueStatus;
  provinceCode: string;
  communeName: string;
  address: string;
  latitude: number;
  longitude: number;
  coHost: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  scheduledDate: IsoDate | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/** A VenueInvitationFacts as JSON carries it (instants as ISO strings). */
export type VenueInvitationFactsJson = Omit<VenueInvitationFacts, 'startsAt' | 'endsAt'> & { startsAt: string | null; endsAt: string | null };

/**
 * Venues as invitations name them, a named read model: a SQL relation — a parenthesised SELECT to put
 * after FROM or JOIN with an alias — with the columns `id` (uuid) and `facts` (json of
 * VenueInvitationFacts; read it with `readVenueInvitationFacts`). Invitations join it to the invitation
 * they compose, for every e-mail sent (the worker), preview, RSVP page and feed entry: one statement
 * per letter, the venue found by its primary key.
 */
export const VENUE_INVITATION_FACTS = `(SELECT venue.id, json_build_object(
        'id', venue.id, 'editionId', venue.edition_id, 'name', venue.name, 'status', venue.status,
        'provinceCode', venue.province_code, 'communeName', venue.commune_name, 'address', venue.address,
        'latitude', venue.latitude, 'longitude', venue.longitude, 'coHost', venue.co_host,
        'contactName', venue.contact_name, 'contactPhone', venue.contact_phone, 'contactEmail', venue.contact_email,
        'scheduledDate', venue.scheduled_date, 'startsAt', venue.starts_at, 'endsAt', venue.ends_at) AS facts
   FROM venues venue)`;

/** The `facts` column of VENUE_INVITATION_FACTS, read back. */
export function readVenueInvitationFacts(facts: VenueInvitationFactsJson): VenueInvitationFacts {
  return { ...facts, startsAt: facts.startsAt === null ? null : new Date(facts.startsAt), endsAt: facts.endsAt === null ? null : new Date(facts.endsAt) };
}

/**
 * The venue, locked FOR UPDATE until the caller's transaction ends, or null. Invitations hold the venue
 * this way while they write an invitation to it: a concurrent cancellation or reschedule waits, and so
 * cannot miss the invitation being written; two invitations of one delegate are written one after the
 * other (the second sees the first).
 */
export function lockVenueForUpdate(manager: EntityManager, id: string): Promise<VenueInvitationFacts | null> {
  return manager.findOne(Venue, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Each of these venues' start (null while unscheduled); ids without a venue are left out. Invitations
 * plan a delegate's reminders before it.
 */
export async function venueStarts(manager: EntityManager, ids: readonly string[]): Promise<Map<string, Date | null>> {
  if (ids.length === 0) return new Map();
  const venues = await manager
    .createQueryBuilder(Venue, 'venue')
    .select(['venue.id', 'venue.startsAt'])
    .where('venue.id = ANY(:ids)', { ids: [...new Set(ids)] })
    .getMany();
  return new Map(venues.map((venue) => [venue.id, venue.startsAt]));
}

/**
 * The edition's scheduled venues, by date then name. Invitations invite the leaders assigned to them
 * in this order (a bulk invitation of the edition).
 */
export async function scheduledVenueIdsOfEdition(manager: EntityManager, editionId: string): Promise<string[]> {
  const venues = await manager
    .createQueryBuilder(Venue, 'venue')
    .select(['venue.id'])
    .where('venue.editionId = :editionId AND venue.status = :status', { editionId, status: VenueStatus.Scheduled })
    .orderBy('venue.scheduledDate', 'ASC')
    .addOrderBy('venue.name', 'ASC')
    .getMany();
  return venues.map((venue) => venue.id);
}
