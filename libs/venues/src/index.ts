// Venues: the module and service, the Venue entity and enums, the read models, events and checks other modules use, and the demo seed's bulk insert.
export { VenueEvents, anchorDate } from './venue-events';
export type { VenueChange } from './venue-events';
export { LIVE_VENUES, VENUE_FACTS, findVenues, lockVenueForShare, lockVenuesForUpdate } from './venue-facts.read-model';
export { VENUE_INVITATION_FACTS, lockVenueForUpdate, readVenueInvitationFacts, scheduledVenueIdsOfEdition, venueStarts } from './venue-invitation-facts';
export type { VenueInvitationFacts, VenueInvitationFactsJson } from './venue-invitation-facts';
export { insertVenues } from './venue-inserts';
export {
  attendedVenuesOf,
  countLiveVenuesOfTier,
  liveVenueDatesOutsideTier,
  liveVenuesOfTier,
  reportedVenuesOfEdition,
  venuesScheduledOn,
} from './venue-read-models';
export type { ReportedVenueRef } from './venue-read-models';
export { VenueScheduleChecks } from './venue-schedule-checks';
export type { VenueScheduling } from './venue-schedule-checks';
export { Venue } from './venue.entity';
export { AreaFlag, HostKind, LIVE_VENUE_STATUSES, VENUE_STATUS_NAMES, VenueStatus, VenueTier } from './venue.enums';
export { VenuesModule } from './venues.module';
export { VenuesService } from './venues.service';
export { VenueQueryDto } from './dto/venue.dto';
export { VenueViewPage } from './dto/venue-view.dto';
