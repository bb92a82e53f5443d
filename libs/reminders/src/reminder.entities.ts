import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UpdatedAt, Version } from '@app/common/columns';
import { Edition } from '@app/editions/edition.entity';

export enum ReminderKind {
  /** A delegate, before their event (subject: the invitation). */
  DelegateEvent = 'delegate_event',
}

export enum ReminderStatus {
  Pending = 'pending',
  Sending = 'sending',
  Sent = 'sent',
  Cancelled = 'cancelled',
  /** Found past due beyond the grace window: reported, never sent late. */
  Missed = 'missed',
  /** Every attempt failed. */
  Failed = 'failed',
}

/**
 * One reminder: the truth about it lives here, in Postgres. A BullMQ delayed job only points at
 * (id, revision); moving the reminder bumps the revision, so a job left from before fires nothing.
 */
@Entity('reminders')
@Index('reminders_due_idx', ['status', 'dueAt'], { where: `status IN ('pending', 'sending')` })
@Index('reminders_subject_idx', ['subjectId'])
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ReminderKind, enumName: 'reminder_kind' })
  kind: ReminderKind;

  /** The row the reminder is about (an invitation for delegate reminders). */
  @Column({ type: 'uuid', name: 'subject_id' })
  subjectId: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @Column({ type: 'text', name: 'recipient_email' })
  recipientEmail: string;

  @Column({ type: 'text', name: 'recipient_name' })
  recipientName: string;

  /** Minutes before the event (or deadline) this reminder fires. */
  @Column({ type: 'int', name: 'offset_minutes' })
  offsetMinutes: number;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt: Date;

  @Column({ type: 'enum', enum: ReminderStatus, enumName: 'reminder_status', default: ReminderStatus.Pending })
  status: ReminderStatus;

  @Column({ type: 'int', default: 1 })
  revision: number;

  /** kind:subject:offset — one reminder per moment, however often the cause is recorded again. */
  @Index('reminders_dedupe_unique', { unique: true })
  @Column({ type: 'text', name: 'dedupe_key' })
  dedupeKey: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** How late it went out (sent_at − due_at), for the lateness histogram. */
  @Column({ type: 'int', name: 'lateness_ms', nullable: true })
  latenessMs: number | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

/** When reminders fire, per edition; planners edit it. */
@Entity('reminder_policies')
export class ReminderPolicy {
  @PrimaryColumn({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ManyToOne(() => Edition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  /** Minutes before a delegate's event. Default: 7 days, 1 day, 2 hours. */
  @Column({ type: 'int', array: true, name: 'delegate_offsets_minutes' })
  delegateOffsetsMinutes: number[];

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
