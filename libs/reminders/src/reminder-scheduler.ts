import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AfterCommit, queryRows, TransactionalEvent } from '@app/common';
import { JobProducer } from '@app/queue';
import type { StoredEscalation } from './escalation-rules';
import { FireReminderJob } from './fire-reminder.handler';
import { ReminderKind, ReminderPolicy } from './reminder.entities';
import {
  dedupeKey,
  DEFAULT_DELEGATE_OFFSETS_MINUTES,
  DEFAULT_ESCALATION_HOURS,
  DEFAULT_TASK_OFFSETS_DAYS,
  DEFAULT_VENUE_OFFSETS_DAYS,
  plannedReminders,
} from './reminder-rules';

export interface ReminderDraft {
  kind: ReminderKind;
  subjectId: string;
  editionId: string;
  /** A person's address, or null when `recipientGroup` names who gets it at send time. */
  recipientEmail: string | null;
  recipientGroup?: string | null;
  recipientName: string;
  offsetMinutes: number;
  dueAt: Date;
}

export interface EffectiveReminderPolicy {
  delegateOffsetsMinutes: number[];
  taskOffsetsDays: number[];
  venueOffsetsDays: number[];
  escalationHours: number;
}

export interface DelegateReminderSubject {
  invitationId: string;
  editionId: string;
  recipientEmail: string;
  recipientName: string;
  eventStart: Date;
}

/** Re-plans a feature's reminders of an edition after planners changed its policy (same transaction). */
export type PolicyFollower = (manager: EntityManager, afterCommit: AfterCommit, editionId: string) => Promise<void>;

/**
 * Writes reminder rows in the caller's transaction (the change that implies them) and enqueues their
 * delayed jobs after commit. Moving a reminder bumps its revision; cancelling marks it cancelled.
 */
@Injectable()
export class ReminderScheduler {
  private readonly policyChanges = new TransactionalEvent<string>();

  constructor(private readonly producer: JobProducer) {}

  /** Features whose reminders depend on the policy register here at start-up (no dependency on them). */
  followPolicy(follower: PolicyFollower): void {
    this.policyChanges.subscribe((manager, editionId, afterCommit) => follower(manager, afterCommit, editionId));
  }

  async policyChanged(manager: EntityManager, afterCommit: AfterCommit, editionId: string): Promise<void> {
    await this.policyChanges.publish(manager, editionId, afterCommit);
  }

  /** The edition's policy, or the defaults while planners have not edited it. */
  async policyOf(manager: EntityManager, editionId: string): Promise<EffectiveReminderPolicy> {
    return effectivePolicy(await manager.findOneBy(ReminderPolicy, { editionId }));
  }

  /** Creates or moves a delegate's reminders for their event; offsets no longer planned are cancelled. */
  async planForDelegate(manager: EntityManager, afterCommit: AfterCommit, subject: DelegateReminderSubject, now = new Date()): Promise<void> {
    const { delegateOffsetsMinutes } = await this.policyOf(manager, subject.editionId);
    const kind = ReminderKind.DelegateEvent;
    await this.replan(
      manager,
      afterCommit,
      { subjectIds: [subject.invitationId], kinds: [kind] },
      plannedReminders(subject.eventStart, delegateOffsetsMinutes, now).map((reminder) => ({
        ...reminder,
        kind,
        subjectId: subject.invitationId,
        editionId: subject.editionId,
        recipientEmail: subject.recipientEmail,
        recipientName: subject.recipientName,
      })),
    );
  }

  /**
   * Makes `drafts` the whole set of pending reminders of these kinds about these subjects: creates or
   * moves the drafts, and cancels the pending ones no longer planned (an offset dropped, a moment passed).
   */
  async replan(
    manager: EntityManager,
    afterCommit: AfterCommit,
    scope: { subjectIds: string[]; kinds: ReminderKind[] },
    drafts: ReminderDraft[],
  ): Promise<void> {
    if (scope.subjectIds.length === 0) return;
    await this.schedule(manager, afterCommit, drafts);
    await manager.query(
      `UPDATE reminders SET status = 'cancelled', revision = revision + 1, updated_at = now()
        WHERE subject_id = ANY($1::uuid[]) AND kind = ANY($2::reminder_kind[]) AND status = 'pending' AND NOT (dedupe_key = ANY($3::text[]))`,
      [scope.subjectIds, scope.kinds, drafts.map((draft) => dedupeKey(draft.kind, draft.subjectId, draft.offsetMinutes))],
    );
  }

  /**
   * Creates reminders, or moves existing ones (same kind, subject and offset) to their new time with a
   * new revision, in one statement for the whole batch; their jobs are enqueued after commit.
   */
  async schedule(manager: EntityManager, afterCommit: AfterCommit, drafts: ReminderDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const changed = await queryRows<{ id: string; revision: number; due_at: Date }>(
      manager,
      `INSERT INTO reminders (kind, subject_id, edition_id, recipient_email, recipient_group, recipient_name, offset_minutes, due_at, dedupe_key)
       SELECT draft.kind, draft.subject_id, draft.edition_id, draft.recipient_email, draft.recipient_group, draft.recipient_name, draft.offset_minutes, draft.due_at,
              draft.kind::text || ':' || draft.subject_id::text || ':' || draft.offset_minutes
         FROM unnest($1::reminder_kind[], $2::uuid[], $3::uuid[], $4::text[], $8::text[], $5::text[], $6::int[], $7::timestamptz[])
              AS draft(kind, subject_id, edition_id, recipient_email, recipient_group, recipient_name, offset_minutes, due_at)
       ON CONFLICT (dedupe_key) DO UPDATE
          SET due_at = EXCLUDED.due_at, recipient_email = EXCLUDED.recipient_email, recipient_group = EXCLUDED.recipient_group,
              recipient_name = EXCLUDED.recipient_name,
              revision = reminders.revision + 1, status = 'pending', attempts = 0, last_error = NULL, lease_until = NULL,
              sent_at = NULL, lateness_ms = NULL, updated_at = now()
        WHERE reminders.due_at <> EXCLUDED.due_at OR reminders.status IN ('cancelled', 'missed', 'failed')
              OR reminders.recipient_email IS DISTINCT FROM EXCLUDED.recipient_email
              OR reminders.recipient_group IS DISTINCT FROM EXCLUDED.recipient_group
       RETURNING id, revision, due_at`,
      [
        drafts.map((d) => d.kind),
        drafts.map((d) => d.subjectId),
        drafts.map((d) => d.editionId),
        drafts.map((d) => d.recipientEmail),
        drafts.map((d) => d.recipientName),
        drafts.map((d) => d.offsetMinutes),
        drafts.map((d) => d.dueAt),
        drafts.map((d) => d.recipientGroup ?? null),
      ],
    );
    this.enqueueAfterCommit(afterCommit, changed);
    return changed.length;
  }

  /**
   * Schedules a large set (an import, a whole edition) in batches of `batchSize`, each in its own
   * transaction, keeping two batches in flight so Postgres writes one while Redis takes the other's jobs.
   */
  async scheduleMany(dataSource: DataSource, drafts: ReminderDraft[], batchSize = 5_000): Promise<number> {
    let scheduled = 0;
    let previous: Promise<void> = Promise.resolve();
    for (let offset = 0; offset < drafts.length; offset += batchSize) {
      const batch = drafts.slice(offset, offset + batchSize);
      const afterCommit = new AfterCommit();
      scheduled += await dataSource.transaction((manager) => this.schedule(manager, afterCommit, batch));
      await previous; // the previous batch's jobs, enqueued while this batch was written
      previous = afterCommit.run();
    }
    await previous;
    return scheduled;
  }

  /** The reminders of these kinds about these subjects, as they stand (to plan around what was already sent). */
  async storedOf(manager: EntityManager, subjectIds: string[], kinds: ReminderKind[]): Promise<Map<string, StoredEscalation[]>> {
    const byId = new Map<string, StoredEscalation[]>();
    if (subjectIds.length === 0) return byId;
    const rows = await queryRows<{ subject_id: string; offset_minutes: number; due_at: Date; status: StoredEscalation['status'] }>(
      manager,
      `SELECT subject_id, offset_minutes, due_at, status FROM reminders WHERE subject_id = ANY($1::uuid[]) AND kind = ANY($2::reminder_kind[])`,
      [subjectIds, kinds],
    );
    for (const row of rows) {
      let mine = byId.get(row.subject_id);
      if (!mine) byId.set(row.subject_id, (mine = []));
      mine.push({ offsetMinutes: row.offset_minutes, dueAt: new Date(row.due_at), status: row.status });
    }
    return byId;
  }

  /** No more reminders about this subject (a decline, a withdrawal). */
  async cancelForSubject(manager: EntityManager, subjectId: string): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE reminders SET status = 'cancelled', revision = revision + 1, updated_at = now()
        WHERE subject_id = $1 AND status = 'pending' RETURNING id`,
      [subjectId],
    );
    return rows.length;
  }

  private enqueueAfterCommit(afterCommit: AfterCommit, rows: { id: string; revision: number; due_at: Date }[]): void {
    if (rows.length === 0) return;
    afterCommit.add(() =>
      this.producer.enqueueMany(
        FireReminderJob,
        rows.map((row) => ({ reminderId: row.id, revision: row.revision, dueAt: new Date(row.due_at).getTime() })),
      ),
    );
  }
}

/** A stored policy (or none: the defaults) as the scheduler applies it. */
export function effectivePolicy(policy: ReminderPolicy | null): EffectiveReminderPolicy {
  return {
    delegateOffsetsMinutes: policy?.delegateOffsetsMinutes ?? [...DEFAULT_DELEGATE_OFFSETS_MINUTES],
    taskOffsetsDays: policy?.taskOffsetsDays ?? [...DEFAULT_TASK_OFFSETS_DAYS],
    venueOffsetsDays: policy?.venueOffsetsDays ?? [...DEFAULT_VENUE_OFFSETS_DAYS],
    escalationHours: policy?.escalationHours ?? DEFAULT_ESCALATION_HOURS,
  };
}
