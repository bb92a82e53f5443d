import type { FieldChange } from './audit-entry.entity';

/**
 * Bookkeeping columns that change on every write and tell a reader nothing, and secrets (password and
 * token hashes), which the log must not keep: GET /audit answers it.
 */
const IGNORED = new Set(['version', 'createdAt', 'updatedAt', 'passwordHash', 'rsvpTokenHash', 'tokenHash']);

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

/**
 * The fields whose value differs between `before` and `after` (either may be null for a create or a
 * delete), as JSON-safe before/after pairs. Relations (instances of entity classes) are skipped; plain
 * objects are values (a jsonb column such as an invitation's proposed substitute) and are recorded.
 */
export function diffFields(before: object | null, after: object | null): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (IGNORED.has(key)) continue;
    const old = normalise((before as Record<string, unknown> | null)?.[key]);
    const now = normalise((after as Record<string, unknown> | null)?.[key]);
    if (isRelation(old) || isRelation(now)) continue;
    if (JSON.stringify(old) !== JSON.stringify(now)) changes[key] = { before: old, after: now };
  }
  return changes;
}

function isRelation(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype !== Object.prototype && prototype !== null;
}
