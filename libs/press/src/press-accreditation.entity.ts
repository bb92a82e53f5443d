import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Venue } from '@app/venues';
import { AccreditationStatus } from './press.enums';

/** Where the e-mail of a decision stands (an outbox row: sent once by the worker). */
export type AccreditationEmailStatus = 'none' | 'pending' | 'sending' | 'sent' | 'failed';

/** A journalist's request to cover a venue's day, from the public form, and the organizer's decision. */
@Entity('press_accreditations')
@Index('press_accreditations_venue_idx', ['venueId', 'createdAt'])
@Index('press_accreditations_card_key', ['venueId', 'cardKey'], { unique: true })
@Check('press_accreditations_status', `status IN ('pending', 'approved', 'refused')`)
@Check('press_accreditations_email_status', `email_status IN ('none', 'pending', 'sending', 'sent', 'failed')`)
export class PressAccreditation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  /** By entity name: the venues library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'text', name: 'full_name' })
  fullName: string;

  /** Cơ quan báo chí. */
  @Column({ type: 'text' })
  agency: string;

  /** Số thẻ nhà báo, as written. */
  @Column({ type: 'text', name: 'card_number' })
  cardNumber: string;

  /** The card number compared (upper case, no spaces): one request per card and venue. */
  @Column({ type: 'text', name: 'card_key' })
  cardKey: string;

  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  status: AccreditationStatus;

  @Column({ type: 'text', name: 'refusal_reason', nullable: true })
  refusalReason: string | null;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  /** The protocol library's attendee key of the pass, once approved. */
  @Column({ type: 'text', name: 'attendee_key', nullable: true })
  attendeeKey: string | null;

  @Column({ type: 'text', name: 'email_status', default: 'none' })
  emailStatus: AccreditationEmailStatus;

  @Column({ type: 'int', name: 'email_attempts', default: 0 })
  emailAttempts: number;

  @Column({ type: 'timestamptz', name: 'email_lease_until', nullable: true })
  emailLeaseUntil: Date | null;

  @Column({ type: 'text', name: 'email_error', nullable: true })
  emailError: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
