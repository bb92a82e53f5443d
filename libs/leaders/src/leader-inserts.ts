/**
 * Bulk writes and reads of leaders' rows for code that makes many at once: an accepted planning run's
 * assignments (AssignmentsService.replaceForVenues) and the demo seed, whose rows have stable ids and
 * are reseeded idempotently. People write leaders one by one through LeadersService and AssignmentsService.
 */
import { type EntityManager, In } from 'typeorm';
import { insertMissing, type IsoDate, queryRows } from '@app/common';
import { type AssignmentRole, Leader, LeaderParticipation, LeaderUnavailability } from './leader.entities';

export type NewLeader = Pick<
  Leader,
  'id' | 'fullName' | 'position' | 'rankTier' | 'organisation' | 'officeEmail' | 'officePhone' | 'homeProvinceCode' | 'preferredDates'
> & { unavailability: readonly { startDate: IsoDate; endDate: IsoDate; reason: string | null }[] };

/** Inserts the leaders whose id is not there yet, with their unavailability; returns the ids inserted. */
export async function insertLeaders(manager: EntityManager, leaders: readonly NewLeader[]): Promise<Set<string>> {
  const inserted = await insertMissing(
    manager,
    Leader,
    leaders.map(({ unavailability: _ranges, ...leader }) => leader),
  );
  const ranges = leaders
    .filter((leader) => inserted.has(leader.id))
    .flatMap((leader) => leader.unavailability.map((range) => ({ ...range, leaderId: leader.id })));
  if (ranges.length) await manager.insert(LeaderUnavailability, ranges);
  return inserted;
}

/** Inserts the participations (a leader's title for an edition) whose id is not there yet; returns the ids inserted. */
export function insertParticipations(
  manager: EntityManager,
  participations: readonly Pick<LeaderParticipation, 'id' | 'editionId' | 'leaderId' | 'title'>[],
): Promise<Set<string>> {
  return insertMissing(manager, LeaderParticipation, participations);
}

/** An assignment as other modules read it. */
export interface AssignmentRow {
  id: string;
  venueId: string;
  leaderId: string;
  role: AssignmentRole;
}

/** Inserts assignments in one statement, unchecked (the caller has checked them as a whole); returns them with their ids. */
export async function insertAssignments(manager: EntityManager, assignments: readonly Omit<AssignmentRow, 'id'>[]): Promise<AssignmentRow[]> {
  if (!assignments.length) return [];
  return queryRows<AssignmentRow>(
    manager,
    `INSERT INTO venue_leader_assignments (venue_id, leader_id, role)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::assignment_role[])
     RETURNING id, venue_id AS "venueId", leader_id AS "leaderId", role`,
    [assignments.map((a) => a.venueId), assignments.map((a) => a.leaderId), assignments.map((a) => a.role)],
  );
}

/** These leaders with their unavailability, by name; ids without a leader are left out. */
export function leadersByName(manager: EntityManager, ids: readonly string[]): Promise<Leader[]> {
  if (!ids.length) return Promise.resolve([]);
  return manager.find(Leader, { where: { id: In([...ids]) }, relations: { unavailability: true }, order: { fullName: 'ASC' } });
}
