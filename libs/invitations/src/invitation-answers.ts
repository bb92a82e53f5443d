import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import { AssignmentRole } from '@app/leaders';
import { InvitationStatus } from './invitation.enums';
import { ENDED_STATUSES } from './invitation-workflow';

/** An invitation as a plan lists it: who, their answer, and the substitute they proposed if any. */
export interface InvitationAnswer {
  name: string;
  status: InvitationStatus;
  substitute: string | null;
}

/**
 * The invitations of each of these venues that have not ended (the workflow's ENDED_STATUSES), chief
 * guest first then by delegate name. Logistics' edition-plan export reads it batch by batch of its
 * cursor, in the export's transaction (one lookup through the invitations' venue index per batch of a
 * thousand venues).
 */
export async function invitationAnswersOfVenues(manager: EntityManager, venueIds: readonly string[]): Promise<Map<string, InvitationAnswer[]>> {
  const answers = new Map<string, InvitationAnswer[]>();
  if (venueIds.length === 0) return answers;
  const rows = await queryRows<InvitationAnswer & { venue_id: string }>(
    manager,
    `SELECT i.venue_id, i.delegate_name AS name, i.status, i.substitute ->> 'name' AS substitute
       FROM invitations i
      WHERE i.venue_id = ANY($1::uuid[]) AND i.status <> ALL($2::invitation_status[])
      ORDER BY i.venue_id, i.role = '${AssignmentRole.ChiefGuest}' DESC, i.delegate_name`,
    [venueIds, ENDED_STATUSES],
  );
  for (const { venue_id, ...answer } of rows) {
    const found = answers.get(venue_id);
    if (found) found.push(answer);
    else answers.set(venue_id, [answer]);
  }
  return answers;
}
