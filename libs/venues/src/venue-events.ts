import { Injectable } from '@nestjs/common';
import { TransactionalEvent } from '@app/common';
import type { Venue } from './venue.entity';
import { VenueStatus } from './venue.enums';

/** What changed about a venue that others (invitations, later logistics) must follow. */
export interface VenueChange {
  /** Who made the change (followers record their consequences under the same person). */
  actor: { id: string; email: string };
  before: Venue;
  after: Venue;
  /** Date, hours or place changed while the venue stays scheduled. */
  rescheduled: boolean;
  /** The venue was cancelled. */
  cancelled: boolean;
  /** The venue was just approved (its preparation starts). */
  approved: boolean;
  /** The day preparation counts back from changed (scheduled date, else first candidate date). */
  anchorDateChanged: boolean;
  reason: string | null;
}

/**
 * Lets features that hang off a venue follow its changes in the same transaction, without the venues
 * library depending on them (they register here at start-up).
 */
@Injectable()
export class VenueEvents extends TransactionalEvent<VenueChange> {}

/** Date, hours or place of a scheduled venue differ (what an invitation's calendar entry shows). */
export function describeVenueChange(before: Venue, after: Venue, actor: { id: string; email: string }, reason: string | null = null): VenueChange {
  const when = (venue: Venue) => `${venue.scheduledDate}|${venue.startsAt?.toISOString()}|${venue.endsAt?.toISOString()}`;
  const where = (venue: Venue) => `${venue.address}|${venue.latitude}|${venue.longitude}|${venue.communeName}|${venue.provinceCode}|${venue.name}`;
  const wasScheduled = before.status === VenueStatus.Scheduled;
  return {
    actor: { id: actor.id, email: actor.email },
    before,
    after,
    rescheduled: wasScheduled && after.status === VenueStatus.Scheduled && (when(before) !== when(after) || where(before) !== where(after)),
    cancelled: before.status !== VenueStatus.Cancelled && after.status === VenueStatus.Cancelled,
    approved: before.status !== VenueStatus.Approved && after.status === VenueStatus.Approved,
    anchorDateChanged: anchorDate(before) !== anchorDate(after),
    reason,
  };
}

/** The date deadlines count back from: the scheduled date, or before scheduling the first candidate date. */
export function anchorDate(venue: Pick<Venue, 'scheduledDate' | 'candidateDates'>): string | null {
  return venue.scheduledDate ?? [...(venue.candidateDates ?? [])].sort()[0] ?? null;
}
