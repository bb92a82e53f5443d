import type { EntityManager } from 'typeorm';
import { Invitation, InvitationStatus } from './invitation.entities';

/**
 * The leaders who accepted their invitation to a venue of the edition, as (venue, leader) pairs.
 * Planning reads it: a repair keeps an accepted assignment fixed unless no plan covers as much without
 * changing it.
 */
export async function acceptedInvitations(manager: EntityManager, editionId: string): Promise<{ venueId: string; leaderId: string }[]> {
  const rows = await manager
    .createQueryBuilder(Invitation, 'invitation')
    .select(['invitation.venueId', 'invitation.leaderId'])
    .where('invitation.editionId = :editionId AND invitation.status = :status AND invitation.leaderId IS NOT NULL', {
      editionId,
      status: InvitationStatus.Accepted,
    })
    .getMany();
  return rows.map((row) => ({ venueId: row.venueId, leaderId: row.leaderId! }));
}
