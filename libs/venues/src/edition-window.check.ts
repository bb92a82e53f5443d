import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessRuleError } from '@app/common';
import { EditionWindowChecks } from '@app/editions';
import type { Edition } from '@app/editions';
import { Venue } from './venue.entity';
import { DROPPED_VENUE_STATUSES } from './venue-read-models';

/** Narrowing an edition's window must not strand a venue already scheduled outside it. */
export async function assertScheduledVenuesInside(manager: EntityManager, edition: Edition): Promise<void> {
  const stranded = await manager
    .createQueryBuilder(Venue, 'venue')
    .select(['venue.id', 'venue.name', 'venue.scheduledDate'])
    .where('venue.editionId = :editionId AND venue.scheduledDate IS NOT NULL', { editionId: edition.id })
    .andWhere('venue.status NOT IN (:...dropped)', { dropped: DROPPED_VENUE_STATUSES })
    .andWhere('(venue.scheduledDate < :start OR venue.scheduledDate > :end)', { start: edition.windowStart, end: edition.windowEnd })
    .limit(20)
    .getMany();
  if (stranded.length > 0) {
    throw new BusinessRuleError('VENUES_OUTSIDE_WINDOW', 'Không thể thu hẹp thời gian tổ chức: có điểm tổ chức đã xếp lịch nằm ngoài khoảng thời gian mới.', {
      venues: stranded.map((venue) => ({ id: venue.id, name: venue.name, date: venue.scheduledDate })),
    });
  }
}

/** Adds the check above to the editions library's window checks (editions sits below venues). */
@Injectable()
export class ScheduledVenuesInsideWindow implements OnModuleInit {
  constructor(private readonly windowChecks: EditionWindowChecks) {}

  onModuleInit(): void {
    this.windowChecks.add(assertScheduledVenuesInside);
  }
}
