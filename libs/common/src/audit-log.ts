import type { EntityManager } from 'typeorm';
import type { AuditAction } from './audit-action.enums';

/** Who made a recorded change: any actor shape with an id and an e-mail will do. */
export interface AuditActor {
  id: string;
  email: string;
}

export interface AuditRecord {
  actor: AuditActor;
  entityType: string;
  entityId: string;
  action: AuditAction;
  before?: object | null;
  after?: object | null;
  note?: string | null;
}

/**
 * Records a change in the caller's transaction. `@app/audit` implements it (AuditService) and provides
 * it globally. Auth records its accounts through this port rather than through `@app/audit`: the audit
 * log's own endpoint is guarded by auth's role rules, so audit sits above auth and auth may not import it.
 */
export abstract class AuditLog {
  abstract record(manager: EntityManager, record: AuditRecord): Promise<void>;
  /** The same for many changes made as one decision: one INSERT for all their entries. */
  abstract recordMany(manager: EntityManager, records: readonly AuditRecord[]): Promise<void>;
}
