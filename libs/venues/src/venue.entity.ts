import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, numberTransformer, UpdatedAt, Version } from '@app/common';
import type { IsoDate } from '@app/common';
import type { Edition } from '@app/editions';
import { Region } from '@app/provinces';
import type { Province } from '@app/provinces';
import { AreaFlag, HostKind, VenueStatus, VenueTier } from './venue.enums';

/** A festival point (điểm tổ chức Ngày hội) of one edition, from nomination to the day it is held. */
@Entity('venues')
@Index('venues_edition_province_name_unique', ['editionId', 'provinceCode', 'name'], { unique: true })
@Index('venues_edition_status_idx', ['editionId', 'status'])
// A day's venues in the list's order (the calendar's first three a day, the list's first page): migration VenueDayOrderIndex.
@Index('venues_edition_day_order_idx', ['editionId', 'scheduledDate', 'provinceCode', 'name', 'id'])
@Check('venues_schedule_complete', '(scheduled_date IS NULL) = (starts_at IS NULL) AND (starts_at IS NULL) = (ends_at IS NULL)')
@Check('venues_times_ordered', 'ends_at IS NULL OR ends_at > starts_at')
@Check('venues_latitude_range', 'latitude BETWEEN -90 AND 90')
@Check('venues_longitude_range', 'longitude BETWEEN -180 AND 180')
@Check('venues_attendance_positive', 'expected_attendance >= 0')
export class Venue {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** Relations to other libraries' entities are declared by entity name: they own the classes. */
  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: VenueTier, enumName: 'venue_tier' })
  tier: VenueTier;

  /** Co-host organisation, e.g. a border guard command or an enterprise. */
  @Column({ type: 'text', name: 'co_host', nullable: true })
  coHost: string | null;

  @Column({ type: 'varchar', length: 2, name: 'province_code' })
  provinceCode: string;

  @ApiHideProperty()
  @ManyToOne('Province', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;

  /** Commune, ward or special zone (xã, phường, đặc khu). */
  @Column({ type: 'text', name: 'commune_name' })
  communeName: string;

  @Column({ type: 'text', name: 'hamlet_name', nullable: true })
  hamletName: string | null;

  @Column({ type: 'enum', enum: HostKind, enumName: 'host_kind', name: 'host_kind' })
  hostKind: HostKind;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'double precision', transformer: numberTransformer })
  latitude: number;

  @Column({ type: 'double precision', transformer: numberTransformer })
  longitude: number;

  @Column({ type: 'enum', enum: Region, enumName: 'region' })
  region: Region;

  @Column({ type: 'enum', enum: AreaFlag, enumName: 'area_flag', array: true, name: 'area_flags', default: '{}' })
  areaFlags: AreaFlag[];

  /** The province's contact person for this venue (named in invitations). */
  @Column({ type: 'text', name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column({ type: 'text', name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'text', name: 'contact_email', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'int', name: 'expected_attendance' })
  expectedAttendance: number;

  /** Dates the province proposes, within the edition window. */
  @Column({ type: 'date', array: true, name: 'candidate_dates', default: '{}' })
  candidateDates: IsoDate[];

  @Column({ type: 'date', name: 'scheduled_date', nullable: true })
  scheduledDate: IsoDate | null;

  @Column({ type: 'timestamptz', name: 'starts_at', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', name: 'ends_at', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'enum', enum: VenueStatus, enumName: 'venue_status', default: VenueStatus.Nominated })
  status: VenueStatus;

  /** Why it was rejected or cancelled. */
  @Column({ type: 'text', name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column({ type: 'uuid', name: 'nominated_by', nullable: true })
  nominatedBy: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
