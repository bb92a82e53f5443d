export * from './database.module';
export * from './entities';
export { createDataSource, dataSourceOptions } from './data-source';
export * from './create-database';
