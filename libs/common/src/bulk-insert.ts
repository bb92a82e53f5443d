import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * Inserts rows in one statement, skipping those whose key is taken already (ON CONFLICT DO NOTHING),
 * and returns the ids of the rows it inserted. For a library's own bulk inserts: the library passes
 * its entity class, so its table stays named only there (the demo seed, which reseeds idempotently
 * by stable ids, writes through them).
 */
export async function insertMissing<T extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values([...rows])
    .orIgnore()
    .returning('id')
    .updateEntity(false)
    .execute();
  return new Set((result.raw as { id: string }[]).map((row) => row.id));
}
