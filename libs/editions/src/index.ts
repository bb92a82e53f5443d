export * from './edition.entity';
export * from './edition-queries';
export * from './edition-rules';
export * from './edition-window-checks';
export * from './editions.module';
export * from './editions.service';
export * from './edition-letter-facts';
