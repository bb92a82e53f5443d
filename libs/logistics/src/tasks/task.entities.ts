import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, type IsoDate, UpdatedAt, Version } from '@app/common';
import type { Edition } from '@app/editions';
import type { Venue } from '@app/venues';
import { TaskStatus } from './task.enums';

/** One line of an edition's default checklist: what, who is responsible, when (days from the venue date). */
@Entity('task_template_items')
@Index('task_template_items_code_unique', ['editionId', 'code'], { unique: true })
@Check('task_template_items_weight_positive', 'weight > 0')
export class TaskTemplateItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'int' })
  position: number;

  /** Stable within the edition; dependencies name it. */
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'responsible_unit' })
  responsibleUnit: string;

  /** Days relative to the venue date: -30 is D-30. */
  @Column({ type: 'int', name: 'offset_days' })
  offsetDays: number;

  @Column({ type: 'int', default: 1 })
  weight: number;

  @Column({ type: 'text', array: true, name: 'depends_on', default: '{}' })
  dependsOn: string[];
}

/**
 * One piece of preparation at one venue: "rõ người, rõ việc, rõ trách nhiệm, rõ tiến độ" — an owner,
 * a task, a responsible unit and a deadline, with a visible state.
 */
@Entity('venue_tasks')
@Index('venue_tasks_venue_idx', ['venueId', 'dueDate'])
@Index('venue_tasks_edition_status_idx', ['editionId', 'status'])
@Index('venue_tasks_template_unique', ['venueId', 'templateCode'], { unique: true, where: 'template_code IS NOT NULL' })
@Index('venue_tasks_owner_user_idx', ['ownerUserId'], { where: 'owner_user_id IS NOT NULL' })
@Check('venue_tasks_blocked_has_reason', `status <> 'blocked' OR blocked_reason IS NOT NULL`)
@Check('venue_tasks_done_has_who', `status <> 'done' OR (done_at IS NOT NULL)`)
@Check('venue_tasks_weight_positive', 'weight > 0')
export class VenueTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'venue_id' })
  venueId: string;

  @ApiHideProperty()
  @ManyToOne('Venue', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Venue;

  @Column({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  /** The template line it came from (null for a task added by hand). */
  @Column({ type: 'text', name: 'template_code', nullable: true })
  templateCode: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', name: 'responsible_unit' })
  responsibleUnit: string;

  /** An account, or a named person outside the system (ownerName). */
  @Column({ type: 'uuid', name: 'owner_user_id', nullable: true })
  ownerUserId: string | null;

  /** By entity name: the auth library owns accounts (the foreign key is what the schema needs). */
  @ApiHideProperty()
  @ManyToOne('User', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_user_id', foreignKeyConstraintName: 'venue_tasks_owner_user_fk' })
  ownerUser?: object;

  @Column({ type: 'text', name: 'owner_name', nullable: true })
  ownerName: string | null;

  /** Relative deadline kept so the task can be re-dated when the venue moves (null: fixed date). */
  @Column({ type: 'int', name: 'offset_days', nullable: true })
  offsetDays: number | null;

  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate: IsoDate | null;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.Todo })
  status: TaskStatus;

  @Column({ type: 'text', name: 'blocked_reason', nullable: true })
  blockedReason: string | null;

  @Column({ type: 'uuid', name: 'done_by', nullable: true })
  doneBy: string | null;

  @Column({ type: 'timestamptz', name: 'done_at', nullable: true })
  doneAt: Date | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'int', default: 1 })
  weight: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/** `taskId` cannot be done before `prerequisiteId`. */
@Entity('task_dependencies')
@Check('task_dependencies_not_self', 'task_id <> prerequisite_id')
export class TaskDependency {
  @PrimaryColumn({ type: 'uuid', name: 'task_id' })
  taskId: string;

  @PrimaryColumn({ type: 'uuid', name: 'prerequisite_id' })
  prerequisiteId: string;

  @ApiHideProperty()
  @ManyToOne(() => VenueTask, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'task_id' })
  task?: VenueTask;

  @ApiHideProperty()
  @ManyToOne(() => VenueTask, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prerequisite_id' })
  prerequisite?: VenueTask;
}
