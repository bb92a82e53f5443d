import { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import type { Invitation } from '../invitation.entities';

/**
 * Gives the invitation the next giấy mời number of its edition, unless it has one (a resend or an
 * update keeps the letter's number). The counter row is upserted in the caller's transaction, which
 * holds its lock until it ends: two bulk sends of one edition take numbers one after the other, and a
 * transaction that rolls back returns its numbers with it, so numbers are unique, never reused and
 * without gaps. Call it last in a transaction that also locks venues (as the send paths do: venue
 * first, then the letter), so the counter is never held while waiting for another lock.
 */
export async function issueLetterNumber(manager: EntityManager, invitation: Invitation): Promise<void> {
  if (invitation.letterNumber !== null && invitation.letterNumber !== undefined) return;
  const [issued] = await queryRows<{ letter_number: number; letter_issued_at: Date }>(
    manager,
    `WITH target AS (SELECT id FROM invitations WHERE id = $1 AND letter_number IS NULL),
     counter AS (
       INSERT INTO invitation_letter_counters AS c (edition_id, last_number) SELECT $2, 1 FROM target
       ON CONFLICT (edition_id) DO UPDATE SET last_number = c.last_number + 1
       RETURNING last_number)
     UPDATE invitations SET letter_number = counter.last_number, letter_issued_at = now()
       FROM counter WHERE invitations.id = $1
     RETURNING invitations.letter_number, invitations.letter_issued_at`,
    [invitation.id, invitation.editionId],
  );
  // Numbered meanwhile (the caller did not hold the invitation's lock): keep that number, take none.
  const current =
    issued ??
    (
      await queryRows<{ letter_number: number; letter_issued_at: Date }>(manager, `SELECT letter_number, letter_issued_at FROM invitations WHERE id = $1`, [
        invitation.id,
      ])
    )[0];
  invitation.letterNumber = current.letter_number;
  invitation.letterIssuedAt = current.letter_issued_at;
}
