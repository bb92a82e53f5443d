import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPlanner } from '@app/auth';
import { BusinessRuleError, queryRows } from '@app/common';
import { VenueScheduleChecks, VenueScheduling, venuesScheduledOn } from '@app/venues';

type Clash = { fullName: string; reason: 'unavailable' | 'double_booked'; otherVenue: string | null; note?: string | null };

/**
 * Scheduling must keep the leaders already assigned to the venue possible: none unavailable that day,
 * none already at another venue of the edition that day (which venues those are, the venues library says).
 */
export async function assertAssignedLeadersFree(manager: EntityManager, { venue, scheduledDate: date, actor }: VenueScheduling): Promise<void> {
  const unavailable = await queryRows<{ full_name: string; reason: string | null }>(
    manager,
    `SELECT l.full_name, u.reason
       FROM venue_leader_assignments a JOIN leaders l ON l.id = a.leader_id
       JOIN leader_unavailability u ON u.leader_id = a.leader_id AND $2::date BETWEEN u.start_date AND u.end_date
      WHERE a.venue_id = $1`,
    [venue.id, date],
  );
  const clashes: Clash[] = unavailable.map((row) => ({ fullName: row.full_name, reason: 'unavailable', otherVenue: null, note: row.reason }));

  const sameDay = new Map(
    (await venuesScheduledOn(manager, venue.editionId, date)).filter((other) => other.id !== venue.id).map((other) => [other.id, other.name]),
  );
  if (sameDay.size > 0) {
    const doubleBooked = await queryRows<{ full_name: string; venue_id: string }>(
      manager,
      `SELECT l.full_name, b.venue_id
         FROM venue_leader_assignments a JOIN leaders l ON l.id = a.leader_id
         JOIN venue_leader_assignments b ON b.leader_id = a.leader_id AND b.venue_id <> a.venue_id
        WHERE a.venue_id = $1 AND b.venue_id = ANY($2::uuid[])`,
      [venue.id, [...sameDay.keys()]],
    );
    clashes.push(...doubleBooked.map((row): Clash => ({ fullName: row.full_name, reason: 'double_booked', otherVenue: sameDay.get(row.venue_id)! })));
  }

  if (clashes.length > 0) throw clashRefusal(clashes, date, isPlanner(actor));
}

/**
 * The refusal, told on a need-to-know basis: planners get why (unavailable and the reason given, or
 * which other venue); anyone else (an organizer scheduling a venue of their province) learns only that
 * the leader has another engagement — never another province's venue nor the leader's reasons.
 */
export function clashRefusal(clashes: Clash[], date: string, planner: boolean): BusinessRuleError {
  const names = [...new Set(clashes.map((clash) => clash.fullName))].join(', ');
  if (!planner) {
    return new BusinessRuleError('ASSIGNED_LEADERS_UNAVAILABLE', `Không thể xếp lịch ngày ${date}: lãnh đạo đã có lịch khác (${names}).`, {
      leaders: [...new Set(clashes.map((clash) => clash.fullName))].map((fullName) => ({ fullName, reason: 'busy' })),
    });
  }
  return new BusinessRuleError('ASSIGNED_LEADERS_UNAVAILABLE', `Không thể xếp lịch ngày ${date}: ${names} không thể dự vào ngày này.`, {
    leaders: clashes.map(({ note, ...clash }) => (clash.reason === 'unavailable' ? { ...clash, note: note ?? null } : clash)),
  });
}

/** Adds the check above to the venues library's scheduling checks (venues sits below leaders). */
@Injectable()
export class AssignedLeadersFreeOnVenueDate implements OnModuleInit {
  constructor(private readonly scheduleChecks: VenueScheduleChecks) {}

  onModuleInit(): void {
    this.scheduleChecks.add(assertAssignedLeadersFree);
  }
}
