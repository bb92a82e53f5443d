import type { Pool, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Rows of a raw statement. TypeORM's postgres driver answers SELECT with the rows but UPDATE/DELETE …
 * RETURNING with `[rows, affectedCount]`; this reads both the same way.
 */
export async function queryRows<T>(runner: DataSource | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * Rows of a named prepared statement, run on the DataSource's pool: PostgreSQL parses and plans it once
 * per pooled connection, then only binds and executes it. For the few statements a worker runs hundreds
 * of times a second (issue 21: the invitation claim, with its invitation's context, took 3.9 ms of
 * round trip a statement parsed and planned anew, 2.0 ms prepared, and less of this process's CPU).
 * `name` is the statement's for good: one name, one SQL text. TypeORM's query runner cannot name a
 * statement, so this goes to its pg pool directly: no TypeORM query logging, and a failure is pg's
 * DatabaseError rather than QueryFailedError. Outside a transaction only (it takes its own connection).
 */
export async function preparedRows<T extends QueryResultRow>(dataSource: DataSource, name: string, sql: string, parameters: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const { rows } = await pool.query<T>({ name, text: sql, values: parameters });
  return rows;
}
