import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import { AssignmentRole } from '@app/leaders';
import { InvitationStatus } from './invitation.enums';

/** A delegate who accepted an invitation to a venue: a leader, or a deputy attending in a leader's place. */
export interface VenueDelegate {
  invitationId: string;
  name: string;
  title: string | null;
  chiefGuest: boolean;
  /** The registered leader attending, if any (a deputy may be one). */
  leaderId: string | null;
  /** For a deputy: the leader of the invitation they replace (their principal). */
  principalLeaderId: string | null;
}

/** The accepted invitations of a venue, for the protocol library's order of precedence and seating. */
export async function venueDelegates(manager: EntityManager, venueId: string): Promise<VenueDelegate[]> {
  const rows = await queryRows<{ id: string; name: string; title: string | null; role: AssignmentRole; leader_id: string | null; principal: string | null }>(
    manager,
    `SELECT i.id, i.delegate_name AS name, i.delegate_title AS title, i.role, i.leader_id, original.leader_id AS principal
       FROM invitations i
       LEFT JOIN invitations original ON original.id = i.substitute_for
      WHERE i.venue_id = $1 AND i.status = $2
      ORDER BY i.id`,
    [venueId, InvitationStatus.Accepted],
  );
  return rows.map((row) => ({
    invitationId: row.id,
    name: row.name,
    title: row.title,
    chiefGuest: row.role === AssignmentRole.ChiefGuest,
    leaderId: row.leader_id,
    principalLeaderId: row.principal,
  }));
}
