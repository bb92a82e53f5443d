// Leaders: the module, assignments (service, events, reads), the leader entities, rank tiers and the leader reads other modules make.
export { AssignmentEvents, AssignmentEventsModule } from './assignment-events';
export type { AssignmentRemoval } from './assignment-events';
export { AssignmentRole } from './assignment.enums';
export { AssignmentsService, assignmentsAtVenues, editionLeaders, leaderNames } from './assignments.service';
export type { AssignmentHandOver, AssignmentRow } from './assignments.service';
export { activeAssignmentsAtVenues, invitableLeader, leaderByOfficeEmail } from './leader-invitation-facts';
export { isUnavailableOn } from './leader-rules';
export { Leader, LeaderParticipation, LeaderUnavailability, VenueLeaderAssignment } from './leader.entities';
export { LeadersModule } from './leaders.module';
export { CENTRAL_CHIEF_GUEST_MIN_TIER, RANK_TIER_ORDER, RankTier } from './rank-tier';
export { leaderLinesOfVenues } from './venue-leader-lines';
export type { VenueLeaderLine } from './venue-leader-lines';
