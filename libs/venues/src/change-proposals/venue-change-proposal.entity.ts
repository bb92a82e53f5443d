import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { IsoDate } from '@app/common';
import { Venue } from '../venue.entity';
import { VenueChangeProposalStatus } from './venue-change-proposal.enums';

/** The place and time a proposal would give a venue: only the fields it changes. */
export class ProposedVenueChanges {
  name?: string;
  address?: string;
  communeName?: string;
  @ApiProperty({ type: String, nullable: true, required: false })
  hamletName?: string | null;
  latitude?: number;
  longitude?: number;
  candidateDates?: IsoDate[];
}

/**
 * A provincial organizer's proposal to move a central venue past approval (place or time), which a
 * central planner applies (as an ordinary edit of theirs: audited, and the invited leaders updated) or
 * rejects with a reason. Proposing changes nothing and sends nothing.
 */
@Entity('venue_change_proposals')
@Index('venue_change_proposals_venue_idx', ['venueId', 'createdAt'])
@Check('venue_change_proposals_status', `status IN ('pending', 'applied', 'rejected')`)
export class VenueChangeProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne(() => Venue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'jsonb' })
  changes: ProposedVenueChanges;

  /** Why, in the organizer's words. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', default: VenueChangeProposalStatus.Pending })
  status: VenueChangeProposalStatus;

  @Column({ type: 'uuid', name: 'proposed_by' })
  proposedBy: string;

  @Column({ type: 'text', name: 'proposed_by_email' })
  proposedByEmail: string;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  /** A rejection's reason. */
  @Column({ type: 'text', name: 'decision_note', nullable: true })
  decisionNote: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
