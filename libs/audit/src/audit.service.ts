import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { accountNames, SYSTEM_ACTOR } from '@app/auth';
import { AuditLog, AuditRecord, Page, queryRows, toPage } from '@app/common';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryView } from './dto/audit-entry-view.dto';
import { AuditQueryDto } from './dto/audit-query.dto';
import { diffFields } from './field-changes';

export type { AuditActor, AuditRecord } from '@app/common';

/**
 * Records a change in the caller's transaction, so an audit entry exists exactly when its change does.
 * For code outside Nest's container (the CLI, the demo seed); services inject AuditService (or AuditLog).
 */
export async function recordAudit(manager: EntityManager, record: AuditRecord): Promise<void> {
  await recordAudits(manager, [record]);
}

/** Many records in one INSERT (a change decided over many rows at once, e.g. an accepted planning run). */
export async function recordAudits(manager: EntityManager, records: readonly AuditRecord[]): Promise<void> {
  const entries = records.flatMap((record) => {
    const changes = diffFields(record.before ?? null, record.after ?? null);
    if (record.action === 'update' && Object.keys(changes).length === 0 && !record.note) return [];
    return [
      {
        actorId: record.actor.id === SYSTEM_ACTOR.id ? null : record.actor.id,
        actorEmail: record.actor.email,
        entityType: record.entityType,
        entityId: record.entityId,
        action: record.action,
        // TypeORM's deep-partial type cannot express `unknown` JSON leaves; the column is jsonb.
        changes: changes as never,
        note: record.note ?? null,
      },
    ];
  });
  if (entries.length) await manager.insert(AuditEntry, entries);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids (uuids) among the before and after values of the changes, arrays included. */
function idsIn(changes: AuditEntry['changes']): string[] {
  return Object.values(changes).flatMap((change) =>
    [change?.before, change?.after]
      .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
      .filter((value): value is string => typeof value === 'string' && UUID.test(value)),
  );
}

/** Owns the audit table; never edits or deletes an entry. */
@Injectable()
export class AuditService implements AuditLog {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  record(manager: EntityManager, record: AuditRecord): Promise<void> {
    return recordAudit(manager, record);
  }

  recordMany(manager: EntityManager, records: readonly AuditRecord[]): Promise<void> {
    return recordAudits(manager, records);
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    const builder = this.entries.createQueryBuilder('entry').orderBy('entry.at', 'DESC').addOrderBy('entry.id', 'DESC');
    if (query.entityType) builder.andWhere('entry.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('entry.actorId = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    const [items, total] = await builder.skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(await this.named(items), total, query);
  }

  /**
   * The page's entries with names for their ids, so the log reads as people speak: the actor's full
   * name (auth's), and for the changed record and every id in the changes, the name, title or
   * description the log itself last recorded for that record (its creation carries them) — the log
   * never reads another module's tables.
   */
  private async named(items: AuditEntry[]): Promise<AuditEntryView[]> {
    const manager = this.entries.manager;
    const actors = await accountNames(
      manager,
      items.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])),
    );
    const referenced = new Map(items.map((entry) => [entry, idsIn(entry.changes)]));
    const ids = [...new Set([...items.map((entry) => entry.entityId), ...[...referenced.values()].flat()])];
    const recorded = ids.length
      ? await queryRows<{ entity_id: string; name: string }>(
          manager,
          `SELECT DISTINCT ON (entity_id) entity_id, name
             FROM (SELECT entity_id, at, id,
                          COALESCE(changes #>> '{fullName,after}', changes #>> '{name,after}', changes #>> '{title,after}',
                                   changes #>> '{description,after}', changes #>> '{theme,after}') AS name
                     FROM audit_entries WHERE entity_id = ANY($1)) named
            WHERE name IS NOT NULL
            ORDER BY entity_id, at DESC, id DESC`,
          [ids],
        )
      : [];
    const names = new Map(recorded.map((row) => [row.entity_id, row.name]));
    for (const [id, name] of actors) if (!names.has(id)) names.set(id, name);
    return items.map((entry) => ({
      ...entry,
      actorName: entry.actorId ? (actors.get(entry.actorId) ?? entry.actorEmail) : 'Hệ thống',
      subjectName: names.get(entry.entityId) ?? null,
      names: Object.fromEntries(referenced.get(entry)!.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
    }));
  }

  /** Every entry of one record, oldest first (an invitation's history, for instance). */
  historyOf(entityType: string, entityId: string, manager: EntityManager = this.entries.manager): Promise<AuditEntry[]> {
    return manager.find(AuditEntry, { where: { entityType, entityId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
