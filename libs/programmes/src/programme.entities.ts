import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { LocalTime } from '@app/common';
import type { Edition } from '@app/editions';
import type { Venue } from '@app/venues';
import { ProgrammePart } from './programme.enums';

export { PROGRAMME_PART_NAMES, PROGRAMME_PARTS, ProgrammePart } from './programme.enums';

/** pg gives `time` as HH:mm:ss; the API speaks HH:mm. */
const localTimeTransformer = {
  to: (value: LocalTime | undefined) => value,
  from: (value: string | null) => (value === null ? null : value.slice(0, 5)),
};

/**
 * One item of a venue's programme, in wall-clock time (Asia/Ho_Chi_Minh) on the venue's day. Kept as
 * local times rather than instants so that it reads as the printed programme does; the venue's date
 * turns them into instants when needed.
 */
@Entity('programme_items')
@Index('programme_items_venue_idx', ['venueId', 'startTime'])
@Check('programme_items_times_ordered', 'end_time > start_time')
export class ProgrammeItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  /** By entity name: the venues library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'enum', enum: ProgrammePart, enumName: 'programme_part' })
  part: ProgrammePart;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'time', name: 'start_time', transformer: localTimeTransformer })
  startTime: LocalTime;

  @Column({ type: 'time', name: 'end_time', transformer: localTimeTransformer })
  endTime: LocalTime;

  /** Who leads or performs the item. */
  @Column({ type: 'text', nullable: true })
  presenter: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** One line of an edition's programme template, laid out in order from a venue's start time. */
@Entity('programme_template_items')
@Index('programme_template_items_position_unique', ['editionId', 'position'], { unique: true })
@Check('programme_template_items_duration_positive', 'duration_minutes > 0')
export class ProgrammeTemplateItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** By entity name, as ProgrammeItem.venue. */
  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'enum', enum: ProgrammePart, enumName: 'programme_part' })
  part: ProgrammePart;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'int', name: 'duration_minutes' })
  durationMinutes: number;
}
