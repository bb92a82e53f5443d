import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAt, Version } from '@app/common';
import type { Venue } from '@app/venues';
import { DayState } from './day-state.enums';

/**
 * A festival point's state on its day, as its organizers last set it from the phone. No row: not started
 * (version 0). Every change is audited; the board reads these rows.
 */
@Entity('venue_day_states')
@Index('venue_day_states_edition_idx', ['editionId'])
@Check('venue_day_states_state', `state IN ('not_started', 'leader_arrived', 'started', 'finished', 'incident')`)
export class VenueDayState {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  /** By entity name: the venues library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @OneToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  /** The venue's edition, kept here so the board reads an edition's states by one index. */
  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @Column({ type: 'text' })
  state: DayState;

  /** What happened (required for an incident), or a remark. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', name: 'leader_arrived_at', nullable: true })
  leaderArrivedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'uuid', name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
