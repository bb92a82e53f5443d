export * from './default-programme-template';
export * from './programme.entities';
export * from './programme-rules';
export * from './programmes.module';
export * from './programmes.service';
export * from './venue-programme';
