import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Edition } from '@app/editions';
import type { Venue } from '@app/venues';
import { ResourceKind } from './resource.enums';

/**
 * Something or someone of the edition that travels between venues (the central art troupe, a press
 * crew, the mobile stage, escort teams, vehicles): it can be at one venue at a time, and needs the
 * road between two of them.
 */
@Entity('shared_resources')
@Index('shared_resources_edition_name_unique', ['editionId', 'name'], { unique: true })
@Check('shared_resources_speed_positive', 'travel_speed_kmh > 0')
@Check('shared_resources_buffer_not_negative', 'buffer_minutes >= 0')
export class SharedResource {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: ResourceKind, enumName: 'resource_kind' })
  kind: ResourceKind;

  /** The unit it belongs to, e.g. "Cục Công tác Đảng và công tác chính trị". */
  @Column({ type: 'text', name: 'owner_unit' })
  ownerUnit: string;

  /** Average road speed; 40 km/h is what mountain roads of the north allow a coach or a stage truck. */
  @Column({ type: 'int', name: 'travel_speed_kmh', default: 40 })
  travelSpeedKmh: number;

  /** Teardown at one venue plus setup at the next, added to the road time between two venues. */
  @Column({ type: 'int', name: 'buffer_minutes', default: 60 })
  bufferMinutes: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** A resource at a venue from `startsAt` to `endsAt` (instants, shown in Asia/Ho_Chi_Minh). */
@Entity('resource_bookings')
@Index('resource_bookings_resource_start_idx', ['resourceId', 'startsAt'])
@Index('resource_bookings_venue_idx', ['venueId', 'startsAt'])
@Check('resource_bookings_times_ordered', 'ends_at > starts_at')
export class ResourceBooking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'resource_id' })
  resourceId: string;

  @ApiHideProperty()
  @ManyToOne(() => SharedResource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id' })
  resource?: SharedResource;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Set when a planner accepted the booking although the road from or to a neighbouring booking is too short, or when its venue's reschedule moved it into a clash. */
  @Column({ type: 'text', name: 'travel_warning', nullable: true })
  travelWarning: string | null;

  @Column({ type: 'uuid', name: 'created_by' })
  createdBy: string;

  @CreatedAt()
  createdAt: Date;

  @Version()
  version: number;
}
