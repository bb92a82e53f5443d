import type { DataSource, EntityManager } from 'typeorm';

/**
 * Rows of a raw statement. TypeORM's postgres driver answers SELECT with the rows but UPDATE/DELETE …
 * RETURNING with `[rows, affectedCount]`; this reads both the same way.
 */
export async function queryRows<T>(runner: DataSource | EntityManager, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
