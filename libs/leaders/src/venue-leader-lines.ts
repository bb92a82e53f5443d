import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import { AssignmentRole } from './assignment.enums';

/** A leader assigned to a venue, as a plan lists them. */
export interface VenueLeaderLine {
  name: string;
  /** The title the leader holds in the edition (its participation's), else their current position. */
  title: string;
  role: AssignmentRole;
}

/**
 * The leaders assigned to each of these venues, chief guest first then by name. Logistics' edition-plan
 * export reads it batch by batch of its cursor, in the export's transaction (one lookup through the
 * assignments' venue index per batch of a thousand venues).
 */
export async function leaderLinesOfVenues(manager: EntityManager, editionId: string, venueIds: readonly string[]): Promise<Map<string, VenueLeaderLine[]>> {
  const lines = new Map<string, VenueLeaderLine[]>();
  if (venueIds.length === 0) return lines;
  const rows = await queryRows<VenueLeaderLine & { venue_id: string }>(
    manager,
    `SELECT a.venue_id, l.full_name AS name, COALESCE(lp.title, l.position) AS title, a.role
       FROM venue_leader_assignments a
       JOIN leaders l ON l.id = a.leader_id
       LEFT JOIN leader_participations lp ON lp.leader_id = a.leader_id AND lp.edition_id = $1
      WHERE a.venue_id = ANY($2::uuid[])
      ORDER BY a.venue_id, a.role = '${AssignmentRole.ChiefGuest}' DESC, l.full_name`,
    [editionId, venueIds],
  );
  for (const { venue_id, ...line } of rows) {
    const found = lines.get(venue_id);
    if (found) found.push(line);
    else lines.set(venue_id, [line]);
  }
  return lines;
}
