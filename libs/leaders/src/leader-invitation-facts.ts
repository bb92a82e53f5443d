/**
 * What the invitations library reads of leaders and their assignments (only this library names the
 * `leaders`, `leader_participations` and `venue_leader_assignments` tables). Each function takes the
 * caller's EntityManager, so it runs in the caller's transaction.
 */
import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import { AssignmentRole } from './assignment.enums';
import { Leader, LeaderParticipation } from './leader.entities';

/** A leader as an invitation addresses them. */
export interface InvitableLeader {
  id: string;
  fullName: string;
  /** Their current position. */
  position: string;
  officeEmail: string;
  /** The title they hold in the edition (their participation's), if they have one. */
  editionTitle: string | null;
}

/**
 * The leader if active, with their title in the edition, or null (unknown or inactive). Invitations
 * read it when a draft invitation of a leader is made: the letter goes to their office e-mail and names
 * them by the edition's title.
 */
export async function invitableLeader(manager: EntityManager, leaderId: string, editionId: string): Promise<InvitableLeader | null> {
  const leader = await manager.findOneBy(Leader, { id: leaderId, active: true });
  if (!leader) return null;
  const participation = await manager.findOneBy(LeaderParticipation, { editionId, leaderId: leader.id });
  return { id: leader.id, fullName: leader.fullName, position: leader.position, officeEmail: leader.officeEmail, editionTitle: participation?.title ?? null };
}

/** An active leader assigned to a venue. */
export interface ActiveAssignment {
  venueId: string;
  leaderId: string;
  role: AssignmentRole;
}

/**
 * The assignments of active leaders at these venues (inactive leaders are not invited), by role in
 * descending enum order within a venue; the caller orders the venues. Invitations read it to invite
 * every leader assigned to the edition's scheduled venues (a bulk invitation).
 */
export function activeAssignmentsAtVenues(manager: EntityManager, venueIds: readonly string[]): Promise<ActiveAssignment[]> {
  if (venueIds.length === 0) return Promise.resolve([]);
  return queryRows<ActiveAssignment>(
    manager,
    `SELECT a.venue_id AS "venueId", a.leader_id AS "leaderId", a.role
       FROM venue_leader_assignments a JOIN leaders l ON l.id = a.leader_id AND l.active
      WHERE a.venue_id = ANY($1::uuid[])
      ORDER BY a.role DESC`,
    [venueIds],
  );
}

/**
 * The active leader a proposed substitute is: the one with that office e-mail (case-insensitive) and that
 * name (an office mailbox often serves several leaders, and an office may propose someone of its own
 * who is not on the register). Null when no single leader matches both: the substitute is then invited
 * as a named delegate.
 */
export async function leaderByOfficeEmail(manager: EntityManager, email: string, name: string): Promise<string | null> {
  const rows = await queryRows<{ id: string; fullName: string }>(
    manager,
    `SELECT id, full_name AS "fullName" FROM leaders WHERE active AND lower(office_email) = lower($1) ORDER BY id`,
    [email.trim()],
  );
  const wanted = normaliseName(name);
  const named = rows.filter((row) => normaliseName(row.fullName) === wanted);
  return named.length === 1 ? named[0].id : null;
}

function normaliseName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
