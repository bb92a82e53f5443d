import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction } from '@app/common';

export type { AuditAction };

export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** One recorded change: who, when, what, and the before/after of each changed field. Append-only. */
@Entity('audit_entries')
@Index('audit_entries_entity_idx', ['entityType', 'entityId', 'at'])
@Index('audit_entries_entity_id_idx', ['entityId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', name: 'actor_email' })
  actorEmail: string;

  @Column({ type: 'text', name: 'entity_type' })
  entityType: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId: string;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'jsonb' })
  changes: Record<string, FieldChange>;

  /** Free text that goes with the change (a rejection reason, a cancellation note). */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
