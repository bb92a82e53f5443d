export * from './province.entity';
export * from './province-data';
export * from './province-names';
export * from './provinces.module';
export * from './provinces.service';
export * from './region';
export * from './province-lookup';
