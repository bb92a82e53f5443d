export * from './assignment-events';
export * from './dto/leader-view.dto';
export * from './assignments.service';
export * from './leader.entities';
export * from './leader-rules';
export * from './venue-leader-lines';
export * from './leaders.module';
export * from './leaders.service';
export { CENTRAL_CHIEF_GUEST_MIN_TIER } from './rank-tier';
