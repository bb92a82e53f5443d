import { ApiHideProperty, ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Venue } from '@app/venues';
import { GUEST_GROUPS, type GuestGroup } from './protocol.enums';

export { GUEST_GROUPS, type GuestGroup } from './protocol.enums';

/**
 * A person the province seats among the delegates who is not a centrally invited one: the province's
 * leaders, local officials, honoured guests. Central delegates come from accepted invitations.
 */
@Entity('venue_guests')
@Index('venue_guests_venue_idx', ['venueId'])
@Check('venue_guests_rank_positive', 'rank IS NULL OR rank >= 1')
export class VenueGuest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  /** By entity name: the venues library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @ApiProperty({ enum: GUEST_GROUPS, enumName: 'GuestGroup' })
  @Column({ type: 'text', name: 'precedence_group' })
  group: GuestGroup;

  /** The province's order within the group (1 first). */
  @Column({ type: 'int', nullable: true })
  rank: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** A planner's move of one attendee to a place in a venue's order of precedence, with why. */
@Entity('precedence_overrides')
@Check('precedence_overrides_position_positive', 'position >= 1')
export class PrecedenceOverrideRow {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @PrimaryColumn({ type: 'text', name: 'attendee_key' })
  attendeeKey: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', name: 'set_by', nullable: true })
  setBy: string | null;

  @UpdatedAt()
  updatedAt: Date;
}

export interface StoredSeat {
  row: number;
  seat: number;
  attendeeKey: string;
}

/** A venue's front rows as drawn (filled by precedence, perhaps edited by hand since). */
@Entity('seating_plans')
@Check('seating_plans_size', 'rows BETWEEN 1 AND 10 AND seats_per_row BETWEEN 1 AND 40')
export class SeatingPlan {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @OneToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'smallint' })
  rows: number;

  @Column({ type: 'smallint', name: 'seats_per_row' })
  seatsPerRow: number;

  @Column({ type: 'jsonb' })
  seats: StoredSeat[];

  @Column({ type: 'boolean', name: 'edited_by_hand', default: false })
  editedByHand: boolean;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** An attendee let in at the venue's door (điểm danh): once per venue and attendee, at the scan's time. */
@Entity('check_ins')
export class CheckIn {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @PrimaryColumn({ type: 'text', name: 'attendee_key' })
  attendeeKey: string;

  /** When the pass was scanned or the code typed (the phone's time when it sent the check-in later). */
  @Column({ type: 'timestamptz', name: 'checked_in_at' })
  checkedInAt: Date;

  @Column({ type: 'uuid', name: 'checked_in_by', nullable: true })
  checkedInBy: string | null;

  @CreatedAt()
  createdAt: Date;
}
