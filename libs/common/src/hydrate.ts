import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a JSON row (`row_to_json(table.*)`), using TypeORM's own column metadata and
 * transformers — for hot paths that fetch several related rows in one statement.
 */
export function hydrate<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, json: Record<string, unknown>): T {
  const metadata = manager.dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in json)) continue;
    let value = json[column.databaseName];
    if (value !== null && (column.type === 'timestamptz' || column.type === 'timestamp with time zone')) value = new Date(value as string);
    const transformer = column.transformer;
    if (transformer && !Array.isArray(transformer)) value = transformer.from(value);
    (entity as Record<string, unknown>)[column.propertyName] = value;
  }
  return entity;
}
