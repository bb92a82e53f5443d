import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '@app/common';
import type { Edition } from '@app/editions';
import type { Leader } from '@app/leaders';
import { CalendarFeedStatus } from './calendar-feed.enums';

/**
 * One attendee's private calendar subscription for one edition: a registered leader's (per leader, not
 * per mailbox: two leaders served by one office get two feeds) or, for a named delegate such as an
 * approved deputy, per delegate (mailbox and name). Its token is 256 random bits made by the worker
 * when it mails the link; only the SHA-256 is kept. Revoking clears the hash; re-issuing makes a new
 * token (a new `generation`) and mails it.
 */
@Entity('calendar_feeds')
@Index('calendar_feeds_leader_unique', ['editionId', 'leaderId'], { unique: true, where: 'leader_id IS NOT NULL' })
@Index('calendar_feeds_delegate_unique', ['editionId', 'delegateEmail', 'delegateKey'], { unique: true, where: 'leader_id IS NULL' })
@Check('calendar_feeds_status', `status IN ('pending', 'sending', 'active', 'failed', 'revoked')`)
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  /** The registered leader whose invitations the feed shows; null for a named delegate. */
  @Column({ type: 'uuid', name: 'leader_id', nullable: true })
  leaderId: string | null;

  @ApiHideProperty()
  @ManyToOne('Leader', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  leader?: Leader;

  /** Where the link is mailed (a leader's office); lower-cased. */
  @Column({ type: 'text', name: 'delegate_email' })
  delegateEmail: string;

  @Column({ type: 'text', name: 'delegate_name' })
  delegateName: string;

  /** A named delegate's identity beside the mailbox (the name, trimmed and lower-cased); '' for a leader. */
  @Column({ type: 'text', name: 'delegate_key', default: '' })
  delegateKey: string;

  @Column({ type: 'text', default: CalendarFeedStatus.Pending })
  status: CalendarFeedStatus;

  /** Rises with every re-issue: a link job of an older generation does nothing. */
  @Column({ type: 'int', default: 1 })
  generation: number;

  /** SHA-256 of the current token; null while none is valid (before the first mail, once revoked). */
  @ApiHideProperty()
  @Index('calendar_feeds_token_unique', { unique: true })
  @Column({ type: 'text', name: 'token_hash', nullable: true })
  tokenHash: string | null;

  @Column({ type: 'timestamptz', name: 'issued_at', nullable: true })
  issuedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
