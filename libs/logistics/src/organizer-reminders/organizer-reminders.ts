import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows, type AfterCommit } from '@app/common';
import { provinceNames } from '@app/provinces';
import { ReminderDraft, ReminderKind, ReminderScheduler, taskReminders, venueReminders } from '@app/reminders';
import { VENUE_FACTS, VenueStatus } from '@app/venues';
import { TaskStatus } from '../tasks/task.enums';

/** Which tasks or venues to re-plan: one venue's, some tasks, or a whole edition's. */
export type ReminderScope = { venueId: string } | { taskIds: string[] } | { editionId: string };

const TASK_KINDS = [ReminderKind.TaskDeadline, ReminderKind.TaskOverdue];
const BATCH = 5_000;

/** Names an organizer reminder is addressed to (the people are resolved when it is sent). */
export const provinceRecipientName = (provinceName: string) => `Ban Tổ chức Ngày hội ${provinceName}`;
export const CENTRAL_RECIPIENT_NAME = 'Ban Chỉ đạo Trung ương (Cục Xây dựng phong trào bảo vệ An ninh Tổ quốc)';

/**
 * The organizers' reminders, kept in step with the logistics they are about, in the caller's
 * transaction: an open, dated task of a live venue (approved or scheduled) has its deadline reminders
 * and overdue escalations — one already overdue when its venue is approved or moved, or whose
 * escalation a policy change put in the past, is escalated at the next slot (escalation-rules.ts); a task done, undated or of a venue no longer live has none pending. A
 * scheduled venue has its festival-day reminders. Each call re-plans its whole scope from the rows
 * (ReminderScheduler.replan), so calling it after any change — or twice — leaves the right set.
 */
@Injectable()
export class OrganizerReminders implements OnModuleInit {
  constructor(private readonly scheduler: ReminderScheduler) {}

  onModuleInit(): void {
    this.scheduler.followPolicy(async (manager, afterCommit, editionId) => {
      await this.replanTasks(manager, afterCommit, { editionId });
      await this.replanVenues(manager, afterCommit, { editionId });
    });
  }

  async replanTasks(manager: EntityManager, afterCommit: AfterCommit, scope: ReminderScope, now = new Date()): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    const policies = new Map<string, Awaited<ReturnType<ReminderScheduler['policyOf']>>>();
    let provinceName: Map<string, string> | undefined;
    for (;;) {
      // A task is open while it is not done and its venue is live (venues' VENUE_FACTS read model).
      const tasks = await queryRows<{ id: string; edition_id: string; due_date: string | null; open: boolean; province_code: string }>(
        manager,
        `SELECT t.id, t.edition_id, t.due_date::text AS due_date, v.province_code, (t.status <> '${TaskStatus.Done}' AND v.live) AS open
           FROM venue_tasks t JOIN ${VENUE_FACTS} v ON v.id = t.venue_id
          WHERE ${scopeCondition(scope, 't')} AND t.id > $2
          ORDER BY t.id LIMIT ${BATCH}`,
        [scopeValue(scope), after],
      );
      if (tasks.length === 0) return;
      after = tasks[tasks.length - 1].id;
      const drafts: ReminderDraft[] = [];
      // What was already sent, so an escalation whose moment passed goes at the next slot once, not again.
      const stored = await this.scheduler.storedOf(
        manager,
        tasks.filter((task) => task.open && task.due_date).map((task) => task.id),
        [ReminderKind.TaskOverdue],
      );
      for (const task of tasks) {
        if (!task.open || !task.due_date) continue;
        provinceName ??= await provinceNames(manager);
        const provinceRecipient = provinceRecipientName(provinceName.get(task.province_code)!);
        let policy = policies.get(task.edition_id);
        if (!policy) policies.set(task.edition_id, (policy = await this.scheduler.policyOf(manager, task.edition_id)));
        const planned = taskReminders(task.due_date, task.province_code, policy, now, stored.get(task.id));
        const draft =
          (kind: ReminderKind) =>
          (reminder: (typeof planned.deadline)[number]): ReminderDraft => ({
            kind,
            subjectId: task.id,
            editionId: task.edition_id,
            recipientEmail: null,
            recipientGroup: reminder.group,
            recipientName: reminder.group === 'planners' ? CENTRAL_RECIPIENT_NAME : provinceRecipient,
            offsetMinutes: reminder.offsetMinutes,
            dueAt: reminder.dueAt,
          });
        drafts.push(...planned.deadline.map(draft(ReminderKind.TaskDeadline)), ...planned.escalation.map(draft(ReminderKind.TaskOverdue)));
      }
      await this.scheduler.replan(manager, afterCommit, { subjectIds: tasks.map((task) => task.id), kinds: TASK_KINDS }, drafts);
      if (tasks.length < BATCH) return;
    }
  }

  async replanVenues(manager: EntityManager, afterCommit: AfterCommit, scope: { venueId: string } | { editionId: string }, now = new Date()): Promise<void> {
    // Only a scheduled venue has a festival day to be reminded of.
    const venues = await queryRows<{
      id: string;
      edition_id: string;
      scheduled_date: string | null;
      starts_at: Date | null;
      scheduled: boolean;
      province_code: string;
    }>(
      manager,
      `SELECT v.id, v.edition_id, v.scheduled_date::text AS scheduled_date, v.starts_at, v.province_code, v.status = '${VenueStatus.Scheduled}' AS scheduled
         FROM ${VENUE_FACTS} v
        WHERE ${scopeCondition(scope, 'v')}`,
      [scopeValue(scope)],
    );
    if (venues.length === 0) return;
    const { venueOffsetsDays } = await this.scheduler.policyOf(manager, venues[0].edition_id);
    const provinceName = await provinceNames(manager);
    const drafts = venues
      .filter((venue) => venue.scheduled && venue.scheduled_date)
      .flatMap((venue) =>
        venueReminders(venue.scheduled_date!, venue.starts_at ? new Date(venue.starts_at) : null, venue.province_code, venueOffsetsDays, now).map(
          (reminder): ReminderDraft => ({
            kind: ReminderKind.VenueKeyDate,
            subjectId: venue.id,
            editionId: venue.edition_id,
            recipientEmail: null,
            recipientGroup: reminder.group,
            recipientName: provinceRecipientName(provinceName.get(venue.province_code)!),
            offsetMinutes: reminder.offsetMinutes,
            dueAt: reminder.dueAt,
          }),
        ),
      );
    await this.scheduler.replan(manager, afterCommit, { subjectIds: venues.map((venue) => venue.id), kinds: [ReminderKind.VenueKeyDate] }, drafts);
  }
}

function scopeCondition(scope: ReminderScope, alias: 't' | 'v'): string {
  if ('taskIds' in scope) return `t.id = ANY($1::uuid[])`;
  if ('venueId' in scope) return alias === 't' ? `t.venue_id = $1::uuid` : `v.id = $1::uuid`;
  return `${alias}.edition_id = $1::uuid`;
}

function scopeValue(scope: ReminderScope): string | string[] {
  return 'taskIds' in scope ? scope.taskIds : 'venueId' in scope ? scope.venueId : scope.editionId;
}
