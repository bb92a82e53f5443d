/**
 * The standalone DataSource: used by the migration CLI, the seed and the apps alike, so there is one
 * schema history. Schema changes only through migrations; `synchronize` is never on.
 */
import './pg-types';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '@app/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** `poolSize`: the apps pass DB_POOL_SIZE; the migration CLI and the seed keep the default. */
export function dataSourceOptions(config: Pick<AppConfig, 'DATABASE_URL'> & Partial<Pick<AppConfig, 'DB_POOL_SIZE'>>): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    // TypeORM 1.x's default, spelled out: a null or undefined value in a find/update/delete criterion is
    // a bug (0.3 silently dropped the condition, matching every row), so it throws. Match NULL with IsNull().
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
    extra: { max: config.DB_POOL_SIZE ?? 10, application_name: 'ngayhoi' },
  };
}

export function createDataSource(config: Pick<AppConfig, 'DATABASE_URL'>): DataSource {
  return new DataSource(dataSourceOptions(config));
}
