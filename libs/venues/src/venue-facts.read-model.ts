/**
 * Named read models of venues for libraries that join their own rows to many venues in one statement
 * (only this library names the `venues` table). Each is a SQL relation — a parenthesised SELECT to put
 * after FROM or JOIN with an alias — so that the join stays in the database, where it is fast (the
 * planner pulls the SELECT up into the caller's statement: no extra cost), and its columns are the
 * contract. Who reads each one and why is said beside it.
 *
 * Columns of both (as stored; cast them as the caller needs):
 * - `id`, `edition_id`, `name`, `status` (venue_status), `live` (status in LIVE_VENUE_STATUSES);
 * - `province_code`, `region` (region), `commune_name`, `address`, `latitude`, `longitude`;
 * - `scheduled_date` (date or null), `starts_at`, `ends_at` (timestamptz or null);
 * - `anchor_date`: the scheduled date, or before scheduling the first candidate date (what
 *   preparation counts back from).
 */
import { EntityManager, In } from 'typeorm';
import { Venue } from './venue.entity';
import { LIVE_VENUE_STATUSES } from './venue.enums';

const LIVE = `venue.status IN (${LIVE_VENUE_STATUSES.map((status) => `'${status}'`).join(', ')})`;

const COLUMNS = `venue.id, venue.edition_id, venue.name, venue.status, ${LIVE} AS live,
       venue.province_code, venue.region, venue.commune_name, venue.address, venue.latitude, venue.longitude,
       venue.scheduled_date, venue.starts_at, venue.ends_at,
       COALESCE(venue.scheduled_date, venue.candidate_dates[1]) AS anchor_date`;

/**
 * Every venue, whatever its status. Read by logistics: the budget roll-up (live and held venues with
 * their lines, GROUPING SETS over 50,000 venues in one statement), the organizer reminders (whether a
 * task's venue is live, its province; a venue's date and hours, for a whole edition at once) and the
 * organizer reminder e-mail (one venue's place and time).
 */
export const VENUE_FACTS = `(SELECT ${COLUMNS} FROM venues venue)`;

/**
 * The venues being prepared (LIVE_VENUE_STATUSES: approved or scheduled), with the columns of
 * VENUE_FACTS. Read by logistics: the readiness dashboard (every live venue's tasks aggregated in one
 * statement, 50,000 venues and a million tasks) and the edition-plan export (one server-side cursor
 * over the live venues in plan order).
 */
export const LIVE_VENUES = `(SELECT ${COLUMNS} FROM venues venue WHERE ${LIVE})`;

/**
 * The venue, held FOR SHARE until the caller's transaction ends: it cannot be changed (cancelled,
 * rescheduled) under what the caller adds to it, while other writers may share-lock it too. Null if
 * there is no such venue. Logistics' resources hold the venue of a booking this way while booking.
 */
export function lockVenueForShare(manager: EntityManager, id: string): Promise<Venue | null> {
  return manager.findOne(Venue, { where: { id }, lock: { mode: 'pessimistic_read' } });
}

/**
 * Locks these venues FOR UPDATE until the caller's transaction ends, in id order (two callers cannot
 * deadlock on them); ids without a venue are left out. For writers of a venue's children outside its
 * services (VenuesService.lockForChildEdit takes the same lock): the demo seed's budget lines.
 */
export async function lockVenuesForUpdate(manager: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.find(Venue, { select: { id: true }, where: { id: In([...new Set(ids)]) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
}

/**
 * These venues, in no particular order; ids without a venue are left out. Logistics' resource bookings
 * show each booking's venue (name, province) and measure the road between venues (coordinates).
 */
export async function findVenues(manager: EntityManager, ids: readonly string[]): Promise<Venue[]> {
  if (ids.length === 0) return [];
  return manager.findBy(Venue, { id: In([...new Set(ids)]) });
}
