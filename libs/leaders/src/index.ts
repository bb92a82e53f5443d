export * from './assignment-events';
export * from './assignments.service';
export * from './leader.entities';
export * from './leader-rules';
export * from './leader-views';
export * from './leaders.module';
export * from './leaders.service';
