// Database: the module, the DataSource factory and database creation for the apps, tests and benches.
export { createDatabaseIfMissing, recreateDatabase } from './create-database';
export { createDataSource } from './data-source';
export { DatabaseModule } from './database.module';
