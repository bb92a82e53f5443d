import { instantToLocalTime, type LocalTime, pageOf } from '@app/common';
import { Venue } from '../venue.entity';

/** A venue as the API shows it: the stored instants plus their wall-clock times in Asia/Ho_Chi_Minh. */
export class VenueView extends Venue {
  /** `startsAt` as HH:mm in Asia/Ho_Chi_Minh; null until scheduled. */
  startTime: LocalTime | null;

  /** `endsAt` as HH:mm in Asia/Ho_Chi_Minh; null until scheduled. */
  endTime: LocalTime | null;
}

export class VenueViewPage extends pageOf(VenueView) {}

export function toVenueView(venue: Venue): VenueView {
  return {
    ...venue,
    startTime: venue.startsAt ? instantToLocalTime(venue.startsAt) : null,
    endTime: venue.endsAt ? instantToLocalTime(venue.endsAt) : null,
  };
}
