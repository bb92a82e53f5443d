import 'tsconfig-paths/register';
import '../libs/database/src/pg-types';
import { Client } from 'pg';
import Redis from 'ioredis';
import { createDatabaseIfMissing } from '../libs/database/src/create-database';
import { createDataSource } from '../libs/database/src/data-source';
import { TEST_ENV } from './test-env';

/**
 * Once per run: make sure the test database exists and is migrated, then empty every table but the
 * reference data, and drop the test prefix's Redis keys. Refuses a database not named for tests.
 */
export default async function globalSetup(): Promise<void> {
  const databaseName = new URL(TEST_ENV.DATABASE_URL).pathname.slice(1);
  if (!/test|ci/.test(databaseName)) throw new Error(`Refusing to wipe "${databaseName}": the test database name must contain "test" or "ci"`);
  await createDatabaseIfMissing(TEST_ENV.DATABASE_URL);
  const dataSource = await createDataSource({ DATABASE_URL: TEST_ENV.DATABASE_URL }).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();

  const client = new Client({ connectionString: TEST_ENV.DATABASE_URL });
  await client.connect();
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('provinces', 'former_provinces', 'schema_migrations')`,
  );
  if (rows.length) await client.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(', ')} CASCADE`);
  await client.end();

  const redis = new Redis(TEST_ENV.REDIS_URL);
  // The application's keys, and BullMQ's under their hash-tagged prefix (see bullPrefix).
  const keys = [...(await redis.keys(`${TEST_ENV.REDIS_KEY_PREFIX}*`)), ...(await redis.keys(`{${TEST_ENV.REDIS_KEY_PREFIX}-bull}*`))];
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}
