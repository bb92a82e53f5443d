export * from './edition.entity';
export * from './edition-rules';
export * from './editions.module';
export * from './editions.service';
