import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAt, Version } from '@app/common';
import type { ProgrammeItem } from '@app/programmes';
import type { Venue } from '@app/venues';

/**
 * The speaker chosen by hand for one speaking slot (phát biểu) of a venue's programme. Slots without
 * one take the speaker the order of precedence proposes; a choice whose speaker no longer attends is
 * flagged and falls back to the proposal.
 */
@Entity('speaking_assignments')
@Index('speaking_assignments_venue_idx', ['venueId'])
export class SpeakingAssignment {
  /** The programme item (the programmes library owns it; the row goes when the item goes). */
  @PrimaryColumn({ type: 'uuid', name: 'programme_item_id' })
  programmeItemId: string;

  /** By entity name, as the venue: the foreign key is what the schema needs. */
  @ApiHideProperty()
  @ManyToOne('ProgrammeItem', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_item_id' })
  programmeItem?: ProgrammeItem;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'text', name: 'attendee_key' })
  attendeeKey: string;

  @Column({ type: 'uuid', name: 'set_by', nullable: true })
  setBy: string | null;

  @UpdatedAt()
  updatedAt: Date;
}

/** The person of the province who meets a central delegate on arrival and stays with them (người đón). */
@Entity('greeters')
export class Greeter {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  /** The delegate met: `invitation:<id>`. */
  @PrimaryColumn({ type: 'text', name: 'attendee_key' })
  attendeeKey: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
