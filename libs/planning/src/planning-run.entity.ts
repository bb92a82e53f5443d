import { ApiHideProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { type IsoDate, Version } from '@app/common';
import type { Edition } from '@app/editions';
import type { CurrentAssignment } from './planning.types';
import { PlanningRunStatus } from './planning-run.enums';

export { PENDING_PLANNING_RUN_STATUSES, PLANNING_RUN_STATUS_NAMES, PlanningRunStatus } from './planning-run.enums';

/** What the plan in force looked like when a run was computed: accepting it later requires the same. */
export interface PlanningBaseline {
  assignments: CurrentAssignment[];
  venueDates: Record<string, IsoDate | null>;
}

/**
 * One solver run for an edition: the planner's request, the plan in force it started from, and the
 * proposal (assignments, dates, objective breakdown, explanations, changes). Nothing changes until a
 * planner accepts it.
 */
@Entity('planning_runs')
@Index('planning_runs_edition_idx', ['editionId', 'createdAt'])
export class PlanningRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  // By name: the editions library owns the entity (the foreign key stays in the schema).
  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'enum', enum: PlanningRunStatus, enumName: 'planning_run_status', default: PlanningRunStatus.Proposed })
  status: PlanningRunStatus;

  @Column({ type: 'jsonb' })
  request: Record<string, unknown>;

  /** Null until solved. Internal: the API shows a run through PlanningRunView, which leaves it out. */
  @ApiHideProperty()
  @Column({ type: 'jsonb', nullable: true })
  baseline: PlanningBaseline | null;

  /** The proposal as returned to the planner (see PlanningRunView); null until solved. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ type: 'int', name: 'progress_done', default: 0 })
  progressDone: number;

  @Column({ type: 'int', name: 'progress_total', default: 0 })
  progressTotal: number;

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  @Column({ type: 'uuid', name: 'requested_by', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'uuid', name: 'accepted_by', nullable: true })
  acceptedBy: string | null;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Version()
  version: number;
}
