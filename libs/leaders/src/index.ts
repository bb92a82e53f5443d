// Leaders: the module, assignments (service, events, reads), the Leader entity, rank tiers, the leader reads other modules make and the bulk inserts the demo seed writes with.
export { AssignmentEvents, AssignmentEventsModule } from './assignment-events';
export type { AssignmentRemoval } from './assignment-events';
export { ASSIGNMENT_ROLE_NAMES, AssignmentRole } from './assignment.enums';
export { AssignmentsService, assignmentsAtVenues, editionLeaders, leaderNames, leaderRankTiers } from './assignments.service';
export { insertLeaders, insertParticipations, insertAssignments, leadersByName } from './leader-inserts';
export type { AssignmentRow } from './leader-inserts';
export type { AssignmentHandOver } from './assignments.service';
export { activeAssignmentsAtVenues, invitableLeader, leaderByOfficeEmail } from './leader-invitation-facts';
export { isUnavailableOn } from './leader-rules';
export { Leader } from './leader.entities';
export { LeadersModule } from './leaders.module';
export { CENTRAL_CHIEF_GUEST_MIN_TIER, RANK_TIER_ORDER, RankTier } from './rank-tier';
export { leaderLinesOfVenues } from './venue-leader-lines';
export type { VenueLeaderLine } from './venue-leader-lines';
export { LeadersService } from './leaders.service';
export { LeaderQueryDto } from './dto/leader.dto';
export { LeaderViewPage } from './dto/leader-view.dto';
