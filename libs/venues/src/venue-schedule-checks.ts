import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/auth';
import { IsoDate, TransactionalChecks } from '@app/common';
import type { Venue } from './venue.entity';

/** A venue about to take a date and hours: scheduled, or rescheduled while scheduled. */
export interface VenueScheduling {
  /** As it is before the change, locked by the transaction that changes it. */
  venue: Venue;
  scheduledDate: IsoDate;
  startsAt: Date;
  endsAt: Date;
  /** Who schedules: a refusal tells each role only what it may know (an organizer learns no other province's venue, no leader's reason). */
  actor: Actor;
}

/**
 * What must still hold once a venue takes its new date and hours, checked by the libraries that hang off
 * it, in the transaction that holds the venue's lock: programmes (every item inside the new hours) and
 * leaders (everyone assigned is free that day). The venues library knows neither; they add their checks
 * at start-up, as VenueEvents' followers subscribe.
 */
@Injectable()
export class VenueScheduleChecks extends TransactionalChecks<VenueScheduling> {}
