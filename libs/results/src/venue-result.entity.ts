import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, Version } from '@app/common';
import type { Venue } from '@app/venues';

/** What a festival point recorded after its day: attendance, key figures, a short report. */
@Entity('venue_results')
@Index('venue_results_edition_idx', ['editionId'])
@Check('venue_results_figures_not_negative', 'attendance >= 0 AND awarded_collectives >= 0 AND awarded_individuals >= 0')
export class VenueResult {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  /** By entity name: the venues library owns the class (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @OneToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  /** The venue's edition, kept here so an edition's report reads its results by one index. */
  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** Số người tham dự. */
  @Column({ type: 'int' })
  attendance: number;

  /** Tập thể được khen thưởng. */
  @Column({ type: 'int', name: 'awarded_collectives', default: 0 })
  awardedCollectives: number;

  /** Cá nhân được khen thưởng. */
  @Column({ type: 'int', name: 'awarded_individuals', default: 0 })
  awardedIndividuals: number;

  /** The short report (báo cáo nhanh). */
  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}
