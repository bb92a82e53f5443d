import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Edition } from '@app/editions';
import { AssignmentRole } from '@app/leaders';
import type { Leader } from '@app/leaders';
import type { Venue } from '@app/venues';
import { AnsweredVia, InvitationStatus, MessageKind, MessageMethod, MessageStatus } from './invitation.enums';

export { InvitationStatus, MessageStatus } from './invitation.enums';
export type { MessageKind, MessageMethod } from './invitation.enums';

/** Who a delegate proposes to send instead (from the RSVP page). */
export class ProposedSubstitute {
  name: string;
  position: string;
  /** How to reach them (phone or e-mail), as the delegate wrote it. */
  contact: string;
}

/**
 * An invitation of one delegate (a leader, or a named person) to one venue. Its UID is the calendar
 * entry's identity for its whole life; `sequence` rises with every change of date, time or place and
 * on cancellation, so calendars update the same entry.
 */
@Entity('invitations')
@Index('invitations_edition_status_idx', ['editionId', 'status'])
@Index('invitations_venue_idx', ['venueId'])
@Index('invitations_email_idx', ['delegateEmail'])
@Index('invitations_one_live_per_delegate', ['venueId', 'delegateEmail'], { unique: true, where: `status <> 'withdrawn'` })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** By entity name, as the venue and the leader: their libraries own the classes (the foreign keys are what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'uuid', name: 'leader_id', nullable: true })
  leaderId: string | null;

  @ApiHideProperty()
  @ManyToOne('Leader', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Leader;

  @Column({ type: 'text', name: 'delegate_name' })
  delegateName: string;

  /** The title used in this invitation (the leader's title for the edition). */
  @Column({ type: 'text', name: 'delegate_title', nullable: true })
  delegateTitle: string | null;

  /** Stored lower-cased. Usually the leader's office. */
  @Column({ type: 'text', name: 'delegate_email' })
  delegateEmail: string;

  @Column({ type: 'enum', enum: AssignmentRole, enumName: 'assignment_role' })
  role: AssignmentRole;

  @Column({ type: 'enum', enum: InvitationStatus, enumName: 'invitation_status', default: InvitationStatus.Draft })
  status: InvitationStatus;

  @Index('invitations_uid_unique', { unique: true })
  @Column({ type: 'text' })
  uid: string;

  @Column({ type: 'int', default: 0 })
  sequence: number;

  /** SHA-256 of the RSVP token; the token itself is never stored (it is derived with LINK_SECRET). Never answered. */
  @ApiHideProperty()
  @Index('invitations_rsvp_token_unique', { unique: true })
  @Column({ type: 'text', name: 'rsvp_token_hash' })
  rsvpTokenHash: string;

  @Column({ type: 'timestamptz', name: 'rsvp_expires_at' })
  rsvpExpiresAt: Date;

  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  /** How the last answer came: the RSVP page, a calendar reply, or a planner. */
  @Column({ type: 'text', name: 'answered_via', nullable: true })
  answeredVia: AnsweredVia | null;

  @Column({ type: 'jsonb', nullable: true })
  substitute: ProposedSubstitute | null;

  /** The invitation this one replaces (a substitute approved by a planner). */
  @Column({ type: 'uuid', name: 'substitute_for', nullable: true })
  substituteFor: string | null;

  @Column({ type: 'text', name: 'withdrawn_reason', nullable: true })
  withdrawnReason: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/**
 * One e-mail of one invitation revision. (invitation, sequence, method) is unique: that is the
 * idempotency key — a job that runs twice, or is enqueued twice, finds the row sent and sends nothing.
 */
@Entity('invitation_messages')
@Index('invitation_messages_revision_unique', ['invitationId', 'sequence', 'method'], { unique: true })
@Index('invitation_messages_pending_idx', ['status', 'createdAt'], { where: `status IN ('pending', 'failed', 'sending')` })
@Check('invitation_messages_method', `method IN ('REQUEST', 'CANCEL')`)
export class InvitationMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'invitation_id' })
  invitationId: string;

  @ApiHideProperty()
  @ManyToOne(() => Invitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Invitation;

  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  method: MessageMethod;

  @Column({ type: 'text' })
  kind: MessageKind;

  @Column({ type: 'enum', enum: MessageStatus, enumName: 'message_status', default: MessageStatus.Pending })
  status: MessageStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  /** While `sending`: after this instant another run may assume the sender died and retry. */
  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'text', name: 'smtp_message_id', nullable: true })
  smtpMessageId: string | null;

  /** Why the invitation was withdrawn or the venue cancelled (shown in the e-mail). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** For an update: the date and hours it replaces (shown in the e-mail). */
  @Column({ type: 'jsonb', nullable: true })
  previous: { date: string; startTime: string; endTime: string } | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export { CalendarFeed } from './feeds/calendar-feed.entity';
