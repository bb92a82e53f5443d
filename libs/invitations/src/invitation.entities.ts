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

/** Who a delegate proposes to send instead (from the RSVP page, or a calendar's DELEGATED-TO). */
export class ProposedSubstitute {
  name: string;
  position: string;
  /** Stored lower-cased: the deputy's own invitation goes there. */
  email: string;
  phone: string | null;
  /** The registered leader with this office e-mail (and name, where several share it), if any: approval links the invitation to them. */
  leaderId: string | null;
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
@Index('invitations_letter_number_unique', ['editionId', 'letterNumber'], { unique: true, where: 'letter_number IS NOT NULL' })
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

  /** The delegate's note with their last answer: a calendar reply's COMMENT, or arrival details from the RSVP page. */
  @Column({ type: 'text', name: 'answer_comment', nullable: true })
  answerComment: string | null;

  /** SEQUENCE and DTSTAMP of the last calendar reply recorded: an older reply never overwrites a newer answer. */
  @ApiHideProperty()
  @Column({ type: 'int', name: 'last_reply_sequence', nullable: true })
  lastReplySequence: number | null;

  @ApiHideProperty()
  @Column({ type: 'timestamptz', name: 'last_reply_stamp', nullable: true })
  lastReplyStamp: Date | null;

  /** The invitation this one replaces (a substitute approved by a planner). */
  @Column({ type: 'uuid', name: 'substitute_for', nullable: true })
  substituteFor: string | null;

  @Column({ type: 'text', name: 'withdrawn_reason', nullable: true })
  withdrawnReason: string | null;

  /** The giấy mời's number in its edition ("Số: 12/GM-…"), given when its first letter is issued and kept on every resend or update. */
  @Column({ type: 'int', name: 'letter_number', nullable: true })
  letterNumber: number | null;

  /** When the letter got its number: the date on its place-and-date line. */
  @Column({ type: 'timestamptz', name: 'letter_issued_at', nullable: true })
  letterIssuedAt: Date | null;

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
@Index('invitation_messages_revision_unique', ['invitationId', 'sequence', 'method', 'copy'], { unique: true })
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

  /** Null for a notice (an e-mail without a calendar entry). */
  @Column({ type: 'text', nullable: true })
  method: MessageMethod | null;

  /** 0 for the first e-mail of a revision; a resend of the same revision (same SEQUENCE) is the next copy. */
  @Column({ type: 'smallint', default: 0 })
  copy: number;

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

  /**
   * An update waits until then for further edits (INVITATION_UPDATE_DELAY_SECONDS; its job is delayed as
   * long): null for a letter that goes at once. The reconciler leaves a pending message alone until then.
   */
  @Column({ type: 'timestamptz', name: 'send_after', nullable: true })
  sendAfter: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}

export { CalendarFeed } from './feeds/calendar-feed.entity';

/**
 * Every calendar reply (iTIP REPLY) the inbound hook recorded against an invitation: what it said, its
 * SEQUENCE and DTSTAMP, and what the relay said of the sender's authentication. (invitation, attendee,
 * sequence, stamp, partstat) is unique: the same reply twice is recorded once.
 */
@Entity('invitation_replies')
@Index('invitation_replies_unique', ['invitationId', 'attendee', 'sequence', 'stamp', 'partstat'], { unique: true })
export class InvitationReply {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'invitation_id' })
  invitationId: string;

  @ApiHideProperty()
  @ManyToOne(() => Invitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: Invitation;

  @Column({ type: 'text' })
  attendee: string;

  @Column({ type: 'int' })
  sequence: number;

  /** The reply's DTSTAMP (when the client wrote it). */
  @Column({ type: 'timestamptz' })
  stamp: Date;

  @Column({ type: 'text' })
  partstat: string;

  @Column({ type: 'text', name: 'delegated_to', nullable: true })
  delegatedTo: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** The relay's Authentication-Results for the message (RFC 8601), as it passed them. */
  @Column({ type: 'text', name: 'authentication_results', nullable: true })
  authenticationResults: string | null;

  /** Whether DKIM and DMARC passed according to the relay. */
  @Column({ type: 'boolean', name: 'sender_authenticated' })
  senderAuthenticated: boolean;

  /** `applied`: it became the invitation's answer; `older`: a newer answer was already recorded. */
  @Column({ type: 'text' })
  outcome: 'applied' | 'older';

  @CreateDateColumn({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;
}
