import { instantToLocalTime } from '@app/common/time';
import type { Venue } from './venue.entity';

/** A venue as the API shows it: the stored instants plus their wall-clock times in Asia/Ho_Chi_Minh. */
export type VenueView = Venue & { startTime: string | null; endTime: string | null };

export function toVenueView(venue: Venue): VenueView {
  return {
    ...venue,
    startTime: venue.startsAt ? instantToLocalTime(venue.startsAt) : null,
    endTime: venue.endsAt ? instantToLocalTime(venue.endsAt) : null,
  };
}
