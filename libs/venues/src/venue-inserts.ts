import type { EntityManager } from 'typeorm';
import { insertMissing } from '@app/common';
import { Venue } from './venue.entity';

export type NewVenue = Pick<
  Venue,
  | 'id'
  | 'editionId'
  | 'name'
  | 'tier'
  | 'coHost'
  | 'provinceCode'
  | 'communeName'
  | 'hamletName'
  | 'hostKind'
  | 'address'
  | 'latitude'
  | 'longitude'
  | 'region'
  | 'areaFlags'
  | 'expectedAttendance'
  | 'candidateDates'
  | 'scheduledDate'
  | 'startsAt'
  | 'endsAt'
  | 'status'
>;

/**
 * Inserts venues as given (ids and status included) in one statement, skipping ids already present;
 * returns the ids inserted. For the demo seed, whose venues arrive scheduled with stable ids and write
 * their programme and checklist themselves (no workflow, no actor, no venue events); people nominate
 * and move venues through VenuesService.
 */
export function insertVenues(manager: EntityManager, venues: readonly NewVenue[]): Promise<Set<string>> {
  return insertMissing(manager, Venue, venues);
}
