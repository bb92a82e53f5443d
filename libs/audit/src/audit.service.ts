import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SYSTEM_ACTOR } from '@app/auth';
import { AuditLog, AuditRecord, Page, toPage } from '@app/common';
import { AuditEntry } from './audit-entry.entity';
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

  async list(query: AuditQueryDto): Promise<Page<AuditEntry>> {
    const builder = this.entries.createQueryBuilder('entry').orderBy('entry.at', 'DESC').addOrderBy('entry.id', 'DESC');
    if (query.entityType) builder.andWhere('entry.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) builder.andWhere('entry.actorId = :actorId', { actorId: query.actorId });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    const [items, total] = await builder.skip(query.offset).take(query.pageSize).getManyAndCount();
    return toPage(items, total, query);
  }

  /** Every entry of one record, oldest first (an invitation's history, for instance). */
  historyOf(entityType: string, entityId: string, manager: EntityManager = this.entries.manager): Promise<AuditEntry[]> {
    return manager.find(AuditEntry, { where: { entityType, entityId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
