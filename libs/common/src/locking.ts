import { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { assertVersion, NotFoundError } from './domain-error';

/**
 * Loads a row for update inside the caller's transaction (SELECT … FOR UPDATE) and checks the
 * client's version. Two concurrent edits of the same version: the second waits for the first to
 * commit, then sees the new version and gets 409 — no lost update.
 */
export async function lockForUpdate<T extends ObjectLiteral & { id: string; version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  expectedVersion: number | undefined,
  what: string,
): Promise<T> {
  const row = await manager.findOne(target, { where: { id } as FindOptionsWhere<T>, lock: { mode: 'pessimistic_write' } });
  if (!row) throw new NotFoundError(what, id);
  if (expectedVersion !== undefined) assertVersion(expectedVersion, row.version);
  return row;
}
