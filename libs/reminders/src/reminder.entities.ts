import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UpdatedAt, Version } from '@app/common';
import type { Edition } from '@app/editions';

export enum ReminderKind {
  /** A delegate, before their event (subject: the invitation). */
  DelegateEvent = 'delegate_event',
  /** Province organizers, before a logistics task's deadline (subject: the task). */
  TaskDeadline = 'task_deadline',
  /** A task still open after its deadline: its province's organizers, then the central planners (subject: the task). */
  TaskOverdue = 'task_overdue',
  /** Province organizers, before their venue's festival day (subject: the venue). */
  VenueKeyDate = 'venue_key_date',
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
// One reminder per moment (subject, kind, offset), however often its cause is recorded again; the
// subject's reminders are found by the same index (migration 1796470000000).
@Index('reminders_moment_unique', ['subjectId', 'kind', 'offsetMinutes'], { unique: true })
@Check('reminders_recipient_check', `recipient_email IS NOT NULL OR recipient_group IS NOT NULL`)
export class Reminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ReminderKind, enumName: 'reminder_kind' })
  kind: ReminderKind;

  /** The row the reminder is about (an invitation, a venue task, a venue). */
  @Column({ type: 'uuid', name: 'subject_id' })
  subjectId: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** One person (a delegate)… */
  @Column({ type: 'text', name: 'recipient_email', nullable: true })
  recipientEmail: string | null;

  /** …or a group resolved when the reminder is sent (`province:12`, `planners`): see RecipientGroup. */
  @Column({ type: 'text', name: 'recipient_group', nullable: true })
  recipientGroup: string | null;

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

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' }) // by entity name: the editions library owns the class
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  /** Minutes before a delegate's event. Default: 7 days, 1 day, 2 hours. */
  @Column({ type: 'int', array: true, name: 'delegate_offsets_minutes' })
  delegateOffsetsMinutes: number[];

  /** Days before a logistics task's deadline (08:00 local) its province's organizers are reminded. Default: 3, 1, 0. */
  @Column({ type: 'int', array: true, name: 'task_offsets_days', default: () => `'{3,1,0}'` })
  taskOffsetsDays: number[];

  /** Days before a venue's festival day (08:00 local) its province's organizers are reminded. Default: 7, 1. */
  @Column({ type: 'int', array: true, name: 'venue_offsets_days', default: () => `'{7,1}'` })
  venueOffsetsDays: number[];

  /** Hours after a task's deadline (17:00 local) before an open task goes to the province (N), then the centre (2N); 0 = never. */
  @Column({ type: 'int', name: 'escalation_hours', default: 24 })
  escalationHours: number;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
