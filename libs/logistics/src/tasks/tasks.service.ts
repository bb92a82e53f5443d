import { createHash } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, assertPlanner } from '@app/auth';
import { AfterCommit, assertVersion, BusinessRuleError, inTransaction, lockForUpdate, NotFoundError, Notifier, queryRows, requireVersion } from '@app/common';
import { EditionsService, lockEdition } from '@app/editions';
import { anchorDate, VenueChange, VenueEvents, VenuesService } from '@app/venues';
import { OrganizerReminders } from '../organizer-reminders/organizer-reminders';
import { ReadinessCache } from '../readiness/readiness.cache';
import { insertChecklists } from './checklists';
import { CreateTaskDto, ReplaceTaskTemplateDto, UpdateTaskDto } from './dto/task.dto';
import type { TaskTemplateView, TaskView } from './dto/task-view.dto';
import { TaskDependency, TaskTemplateItem, VenueTask } from './task.entities';
import { TaskStatus } from './task.enums';
import { DEFAULT_TASK_TEMPLATE, dueDateOf, wouldCycle } from './task-rules';

const TASK = 'công việc';

/**
 * The preparation checklist of each venue: made from the edition's template when the venue is approved,
 * re-dated when its date moves (done tasks keep their dates); owners, states, dependencies. Every change
 * tells the readiness dashboard's cache and re-plans the organizers' reminders in the same transaction.
 */
@Injectable()
export class TasksService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly venueEvents: VenueEvents,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly organizerReminders: OrganizerReminders,
    private readonly readinessCache: ReadinessCache,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.venueEvents.subscribe((manager, change, afterCommit) => this.followVenue(manager, change, afterCommit));
  }

  /**
   * The edition's checklist template. `revision` identifies its content: a planner saving over a copy
   * someone else has changed since is refused (the template is rows, with no version column of its own).
   */
  async template(editionId: string, manager: EntityManager = this.dataSource.manager): Promise<TaskTemplateView> {
    await this.editions.get(editionId, manager);
    const stored = await manager.find(TaskTemplateItem, { where: { editionId }, order: { position: 'ASC' } });
    const items = (stored.length ? stored : DEFAULT_TASK_TEMPLATE).map(({ code, title, responsibleUnit, offsetDays, weight, dependsOn }) => ({
      code,
      title,
      responsibleUnit,
      offsetDays,
      weight,
      dependsOn,
    }));
    const revision = createHash('sha256')
      .update(JSON.stringify({ isDefault: stored.length === 0, items }))
      .digest('hex')
      .slice(0, 16);
    return { editionId, isDefault: stored.length === 0, revision, items };
  }

  async replaceTemplate(editionId: string, input: ReplaceTaskTemplateDto, actor: Actor): Promise<TaskTemplateView> {
    assertPlanner(actor);
    const codes = new Set(input.items.map((item) => item.code));
    if (codes.size !== input.items.length) throw new BusinessRuleError('DUPLICATE_CODE', 'Mã công việc trong danh mục mẫu bị trùng.');
    const unknown = input.items.flatMap((item) => item.dependsOn.filter((code) => !codes.has(code)));
    if (unknown.length) throw new BusinessRuleError('UNKNOWN_DEPENDENCY', 'Công việc phụ thuộc vào mã không có trong danh mục mẫu.', { codes: unknown });
    const edges = new Map(input.items.map((item) => [item.code, item.dependsOn]));
    const cyclic = input.items.find((item) => item.dependsOn.some((code) => wouldCycle(new Map([...edges, [item.code, []]]), item.code, code)));
    if (cyclic) throw new BusinessRuleError('DEPENDENCY_CYCLE', `Danh mục mẫu có vòng phụ thuộc qua công việc "${cyclic.title}".`, { code: cyclic.code });
    return this.dataSource.transaction(async (manager) => {
      await this.editions.requireOpen(editionId, manager);
      await lockEdition(manager, editionId); // one template save at a time
      const before = await this.template(editionId, manager);
      if (requireVersion(input.revision, 'revision') !== before.revision) {
        throw new BusinessRuleError(
          'VERSION_CONFLICT',
          'Danh mục mẫu đã được người khác thay đổi. Vui lòng tải lại rồi thử lại.',
          { currentRevision: before.revision },
          409,
        );
      }
      await manager.delete(TaskTemplateItem, { editionId });
      await manager.insert(
        TaskTemplateItem,
        input.items.map((item, position) => ({ ...item, editionId, position })),
      );
      const after = await this.template(editionId, manager);
      await this.audit.record(manager, {
        actor,
        entityType: 'task_template',
        entityId: editionId,
        action: 'update',
        before: { items: before.items },
        after: { items: after.items },
      });
      return after;
    });
  }

  async list(venueId: string, actor: Actor): Promise<TaskView[]> {
    await this.venues.getReadable(venueId, actor);
    const tasks = await this.dataSource.manager.find(VenueTask, { where: { venueId }, order: { dueDate: { direction: 'ASC', nulls: 'LAST' }, title: 'ASC' } });
    return this.withPrerequisites(this.dataSource.manager, tasks);
  }

  async create(venueId: string, input: CreateTaskDto, actor: Actor): Promise<TaskView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor);
      const offsetDays = input.dueDate ? null : (input.offsetDays ?? null);
      const task = await manager.save(
        manager.create(VenueTask, {
          venueId,
          editionId: venue.editionId,
          title: input.title.trim(),
          responsibleUnit: input.responsibleUnit.trim(),
          ownerUserId: input.ownerUserId ?? null,
          ownerName: input.ownerName ?? null,
          offsetDays,
          dueDate: input.dueDate ?? dueDateOf(anchorDate(venue), offsetDays),
          weight: input.weight ?? 1,
        }),
      );
      await this.audit.record(manager, { actor, entityType: 'venue_task', entityId: task.id, action: 'create', after: task });
      await this.organizerReminders.replanTasks(manager, afterCommit, { taskIds: [task.id] });
      this.readinessCache.changed(afterCommit, venue.editionId);
      return { ...task, prerequisiteIds: [] };
    });
  }

  async update(venueId: string, taskId: string, input: UpdateTaskDto, actor: Actor): Promise<TaskView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const task = await this.lockTask(manager, venueId, taskId);
      assertVersion(input.version, task.version);
      const before = { ...task };
      if (input.status === TaskStatus.Done && task.status !== TaskStatus.Done) {
        const pending = await queryRows<{ id: string; title: string }>(
          manager,
          `SELECT t.id, t.title FROM task_dependencies d JOIN venue_tasks t ON t.id = d.prerequisite_id WHERE d.task_id = $1 AND t.status <> 'done'`,
          [taskId],
        );
        if (pending.length) {
          throw new BusinessRuleError('PREREQUISITES_NOT_DONE', `Chưa thể hoàn thành: còn ${pending.length} công việc phải làm trước.`, {
            prerequisites: pending,
          });
        }
        task.doneBy = actor.id;
        task.doneAt = new Date();
      }
      if (input.status !== undefined && input.status !== TaskStatus.Done) {
        task.doneBy = null;
        task.doneAt = null;
      }
      if (input.status !== undefined) task.status = input.status;
      task.blockedReason = task.status === TaskStatus.Blocked ? (input.blockedReason ?? task.blockedReason) : null;
      if (task.status === TaskStatus.Blocked && !task.blockedReason) {
        throw new BusinessRuleError('REASON_REQUIRED', 'Cần nêu lý do khi công việc bị vướng mắc.', { field: 'blockedReason' });
      }
      if (input.dueDate !== undefined) {
        task.dueDate = input.dueDate;
        task.offsetDays = null; // a date set by hand stays where it was put
      }
      if (input.title !== undefined) task.title = input.title.trim();
      if (input.responsibleUnit !== undefined) task.responsibleUnit = input.responsibleUnit.trim();
      if (input.ownerUserId !== undefined) task.ownerUserId = input.ownerUserId;
      if (input.ownerName !== undefined) task.ownerName = input.ownerName;
      if (input.notes !== undefined) task.notes = input.notes;
      const saved = await manager.save(task);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_task',
        entityId: taskId,
        action: before.status !== saved.status ? 'transition' : 'update',
        before,
        after: saved,
      });
      if (before.dueDate !== saved.dueDate || (before.status === TaskStatus.Done) !== (saved.status === TaskStatus.Done)) {
        await this.organizerReminders.replanTasks(manager, afterCommit, { taskIds: [taskId] });
      }
      if (saved.status === TaskStatus.Blocked && before.status !== TaskStatus.Blocked) {
        await this.notifier.notify(manager, { kind: 'task_blocked', venueId, taskId, taskTitle: saved.title, actorId: actor.id }, afterCommit);
      }
      this.readinessCache.changed(afterCommit, saved.editionId);
      return (await this.withPrerequisites(manager, [saved]))[0];
    });
  }

  async addDependency(venueId: string, taskId: string, prerequisiteId: string, actor: Actor): Promise<TaskView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const task = await this.lockTask(manager, venueId, taskId);
      const prerequisite = await this.lockTask(manager, venueId, prerequisiteId);
      const rows: { task_id: string; prerequisite_id: string }[] = await manager.query(
        `SELECT d.task_id, d.prerequisite_id FROM task_dependencies d JOIN venue_tasks t ON t.id = d.task_id WHERE t.venue_id = $1`,
        [venueId],
      );
      const edges = new Map<string, string[]>();
      for (const row of rows) edges.set(row.task_id, [...(edges.get(row.task_id) ?? []), row.prerequisite_id]);
      if (wouldCycle(edges, taskId, prerequisiteId)) {
        throw new BusinessRuleError(
          'DEPENDENCY_CYCLE',
          `"${prerequisite.title}" đã phụ thuộc (trực tiếp hoặc gián tiếp) vào "${task.title}": không thể tạo vòng phụ thuộc.`,
          {
            taskId,
            prerequisiteId,
          },
        );
      }
      if (task.status === TaskStatus.Done && prerequisite.status !== TaskStatus.Done) {
        throw new BusinessRuleError('PREREQUISITES_NOT_DONE', 'Công việc đã hoàn thành không thể phụ thuộc vào công việc chưa xong.');
      }
      await manager.createQueryBuilder().insert().into(TaskDependency).values({ taskId, prerequisiteId }).orIgnore().execute();
      await this.audit.record(manager, { actor, entityType: 'venue_task', entityId: taskId, action: 'update', note: `Phụ thuộc vào: ${prerequisite.title}` });
      return (await this.withPrerequisites(manager, [task]))[0];
    });
  }

  /**
   * Only planners take a prerequisite away (issue 18): an organizer could otherwise remove one to mark a
   * task done before what it waits for. Adding one stays with the venue's writers (it only asks more).
   */
  async removeDependency(venueId: string, taskId: string, prerequisiteId: string, actor: Actor): Promise<void> {
    assertPlanner(actor);
    await this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      await this.lockTask(manager, venueId, taskId);
      const prerequisite = await manager.findOneBy(VenueTask, { id: prerequisiteId, venueId });
      const result = await manager.delete(TaskDependency, { taskId, prerequisiteId });
      if (!result.affected) throw new NotFoundError('quan hệ phụ thuộc', prerequisiteId);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue_task',
        entityId: taskId,
        action: 'update',
        note: `Bỏ phụ thuộc: ${prerequisite?.title ?? prerequisiteId}`,
      });
    });
  }

  /**
   * Creates the checklist when a venue is approved; re-dates open tasks when its date moves; keeps the
   * organizers' reminders in step with both (and drops them when the venue is cancelled or rejected).
   */
  private async followVenue(manager: EntityManager, change: VenueChange, afterCommit: AfterCommit): Promise<void> {
    await this.followVenueTasks(manager, change);
    if (change.approved || change.anchorDateChanged || change.rescheduled || change.before.status !== change.after.status) {
      await this.organizerReminders.replanTasks(manager, afterCommit, { venueId: change.after.id });
      await this.organizerReminders.replanVenues(manager, afterCommit, { venueId: change.after.id });
    }
  }

  private async followVenueTasks(manager: EntityManager, change: VenueChange): Promise<void> {
    const venue = change.after;
    // The checklist is made once; tasks the province added by hand before approval do not stand in for it.
    if (change.approved && !(await manager.existsBy(VenueTask, { venueId: venue.id, templateCode: Not(IsNull()) }))) {
      const { items } = await this.template(venue.editionId, manager);
      const made = await insertChecklists(manager, items, [{ venueId: venue.id, editionId: venue.editionId, anchor: anchorDate(venue) }]);
      await this.audit.record(manager, {
        actor: change.actor,
        entityType: 'venue',
        entityId: venue.id,
        action: 'update',
        note: `Tạo ${made} công việc hậu cần theo danh mục mẫu`,
      });
      return;
    }
    if (change.anchorDateChanged) {
      const anchor = anchorDate(venue);
      await manager.query(
        `UPDATE venue_tasks SET due_date = CASE WHEN $2::date IS NULL THEN NULL ELSE $2::date + offset_days END, updated_at = now(), version = version + 1
          WHERE venue_id = $1 AND status <> 'done' AND offset_days IS NOT NULL`,
        [venue.id, anchor],
      );
    }
  }

  private async lockTask(manager: EntityManager, venueId: string, taskId: string): Promise<VenueTask> {
    const task = await lockForUpdate(manager, VenueTask, taskId, undefined, TASK);
    if (task.venueId !== venueId) throw new NotFoundError(TASK, taskId);
    return task;
  }

  private async withPrerequisites(manager: EntityManager, tasks: VenueTask[]): Promise<TaskView[]> {
    if (tasks.length === 0) return [];
    const dependencies = await manager.find(TaskDependency, { where: { taskId: In(tasks.map((task) => task.id)) } });
    return tasks.map((task) => ({ ...task, prerequisiteIds: dependencies.filter((d) => d.taskId === task.id).map((d) => d.prerequisiteId) }));
  }
}
