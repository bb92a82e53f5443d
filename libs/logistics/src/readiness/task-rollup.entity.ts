import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { IsoDate } from '@app/common';
import { Region } from '@app/provinces';
import { type Venue, VenueStatus } from '@app/venues';

/**
 * One venue's tasks summed up (issue 21): what the readiness dashboard and the plan export read instead
 * of every task (50,000 rows at national scale, not a million). Every venue has one, with or without
 * tasks. Written by nobody in code, always in the writer's transaction, whoever writes — the services,
 * the demo seed, a benchmark's bulk insert, SQL by hand:
 * - the task sums by statement triggers on venue_tasks (migration 1796270000000-task-rollups), which
 *   recompute the sums of the venues a statement touched;
 * - a copy of what readiness needs of the venue (status, province, region, anchor date) by statement
 *   triggers on venues (migration 1796420000000-readiness-rollup-venue-facts), from the rows written,
 *   so that the dashboard reads this table alone, without joining 50,000 venues. Each side writes only
 *   its own columns.
 * The date-dependent counts (overdue, long overdue) are not stored: the open tasks' deadlines are, in
 * order, and each answer counts them against its day.
 */
@Entity('venue_task_rollups')
@Index('venue_task_rollups_edition_status_idx', ['editionId', 'venueStatus'])
// (edition_id, anchor_date NULLS FIRST, venue_id): the dashboard's most urgent venues in date order; made by its migration.
@Index('venue_task_rollups_edition_anchor_idx', { synchronize: false })
export class VenueTaskRollup {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @OneToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** The venue's status, province, region and anchor date (venues' VENUE_FACTS `anchor_date`), as last written. */
  @Column({ type: 'enum', enum: VenueStatus, enumName: 'venue_status', name: 'venue_status' })
  venueStatus: VenueStatus;

  @Column({ type: 'varchar', length: 2, name: 'province_code' })
  provinceCode: string;

  @Column({ type: 'enum', enum: Region, enumName: 'region' })
  region: Region;

  @Column({ type: 'date', name: 'anchor_date', nullable: true })
  anchorDate: IsoDate | null;

  @Column({ type: 'int', default: 0 })
  tasks: number;

  @Column({ type: 'int', name: 'total_weight', default: 0 })
  totalWeight: number;

  @Column({ type: 'int', name: 'done_weight', default: 0 })
  doneWeight: number;

  @Column({ type: 'int', default: 0 })
  blocked: number;

  /** Deadlines of the tasks not done (with a deadline), in order. */
  @Column({ type: 'date', array: true, name: 'open_due_dates', default: '{}' })
  openDueDates: IsoDate[];

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
