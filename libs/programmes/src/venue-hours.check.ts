import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessRuleError, instantToLocalTime } from '@app/common';
import { VenueScheduleChecks, VenueScheduling } from '@app/venues';
import { ProgrammeItem } from './programme.entities';

/** A reschedule must not leave programme items outside the venue's new hours. */
export async function assertProgrammeFits(manager: EntityManager, { venue, startsAt, endsAt }: VenueScheduling): Promise<void> {
  const start = instantToLocalTime(startsAt);
  const end = instantToLocalTime(endsAt);
  const outside = await manager
    .createQueryBuilder(ProgrammeItem, 'item')
    .select(['item.id', 'item.title', 'item.startTime', 'item.endTime'])
    .where('item.venueId = :venueId', { venueId: venue.id })
    .andWhere('(item.startTime < :start OR item.endTime > :end)', { start, end })
    .orderBy('item.startTime', 'ASC')
    .getMany();
  if (outside.length > 0) {
    throw new BusinessRuleError(
      'PROGRAMME_OUTSIDE_HOURS',
      `Có ${outside.length} mục chương trình nằm ngoài khung giờ mới (${start}–${end}). Vui lòng điều chỉnh chương trình trước.`,
      { items: outside.map((item) => ({ id: item.id, title: item.title, startTime: item.startTime, endTime: item.endTime })) },
    );
  }
}

/** Adds the check above to the venues library's scheduling checks (venues sits below programmes). */
@Injectable()
export class ProgrammeFitsVenueHours implements OnModuleInit {
  constructor(private readonly scheduleChecks: VenueScheduleChecks) {}

  onModuleInit(): void {
    this.scheduleChecks.add(assertProgrammeFits);
  }
}
