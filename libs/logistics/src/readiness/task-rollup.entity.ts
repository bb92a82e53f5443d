import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { IsoDate } from '@app/common';
import type { Venue } from '@app/venues';

/**
 * One venue's tasks summed up (issue 21): what the readiness dashboard and the plan export read instead
 * of every task (50,000 rows at national scale, not a million). Written by nobody in code: statement
 * triggers on venue_tasks (migration 1796270000000-task-rollups) recompute the roll-ups of the venues a
 * statement touched, in its transaction, whoever writes the tasks — the services, the demo seed, a
 * benchmark's bulk insert, SQL by hand. The date-dependent counts (overdue, long overdue) are not stored:
 * the open tasks' deadlines are, in order, and each answer counts them against its day.
 */
@Entity('venue_task_rollups')
@Index('venue_task_rollups_edition_idx', ['editionId'])
export class VenueTaskRollup {
  @PrimaryColumn({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @OneToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @Column({ type: 'int' })
  tasks: number;

  @Column({ type: 'int', name: 'total_weight' })
  totalWeight: number;

  @Column({ type: 'int', name: 'done_weight' })
  doneWeight: number;

  @Column({ type: 'int' })
  blocked: number;

  /** Deadlines of the tasks not done (with a deadline), in order. */
  @Column({ type: 'date', array: true, name: 'open_due_dates', default: '{}' })
  openDueDates: IsoDate[];

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
