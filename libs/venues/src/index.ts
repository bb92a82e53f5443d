export * from './venue.entity';
export * from './venue.enums';
export * from './dto/venue-view.dto';
export * from './venue-workflow';
export * from './venues.module';
export * from './venues.service';
export * from './venue-events';
