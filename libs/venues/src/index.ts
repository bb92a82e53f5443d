export * from './venue.entity';
export * from './venue.enums';
export * from './venue-view';
export * from './venue-workflow';
export * from './venues.module';
export * from './venues.service';
export * from './venue-events';
