import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AfterCommit, queryRows, TransactionalEvent } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer, type JobPayload } from '@app/queue';
import type { StoredEscalation } from './escalation-rules';
import { FireReminderJob } from './fire-reminder.handler';
import { ReminderKind, ReminderPolicy } from './reminder.entities';
import {
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

  constructor(
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
  ) {}

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
        WHERE subject_id = ANY($1::uuid[]) AND kind = ANY($2::reminder_kind[]) AND status = 'pending'
          AND (subject_id, kind, offset_minutes) NOT IN (SELECT * FROM unnest($3::uuid[], $4::reminder_kind[], $5::int[]))`,
      [scope.subjectIds, scope.kinds, drafts.map((draft) => draft.subjectId), drafts.map((draft) => draft.kind), drafts.map((draft) => draft.offsetMinutes)],
    );
  }

  /**
   * Creates reminders, or moves existing ones (same kind, subject and offset) to their new time with a
   * new revision, in one statement for the whole batch; their jobs are enqueued after commit.
   */
  async schedule(manager: EntityManager, afterCommit: AfterCommit, drafts: ReminderDraft[]): Promise<number> {
    if (drafts.length === 0) return 0;
    const changed = await writeReminders(manager, drafts);
    this.enqueueAfterCommit(afterCommit, changed);
    return changed.length;
  }

  /**
   * Schedules a large set (an import, a whole edition) in batches of `batchSize`, pipelined: each
   * batch is one INSERT statement, committed on its own (a statement is its own transaction: the rows
   * are in Postgres before their jobs are enqueued, as in `schedule`), and while Redis takes one
   * batch's delayed jobs the next batch is written.
   */
  async scheduleMany(dataSource: DataSource, drafts: ReminderDraft[], batchSize = 5_000): Promise<number> {
    let scheduled = 0;
    let previous: Promise<void> = Promise.resolve();
    try {
      for (let offset = 0; offset < drafts.length; offset += batchSize) {
        const changed = await writeReminders(dataSource.manager, drafts.slice(offset, offset + batchSize));
        scheduled += changed.length;
        await previous; // the previous batch's jobs, enqueued while this batch was written
        previous = this.enqueue(changed);
        previous.catch(() => undefined); // awaited below; not an unhandled rejection while the next batch is written
      }
      await previous;
    } catch (error) {
      // A batch whose rows are committed still gets its jobs (or the reconciler enqueues them later).
      await previous.catch(() => undefined);
      throw error;
    }
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

  private enqueueAfterCommit(afterCommit: AfterCommit, rows: WrittenReminder[]): void {
    if (rows.length === 0) return;
    afterCommit.add(() => this.enqueue(rows));
  }

  /**
   * Enqueues the jobs of the reminders falling due within the horizon (REMINDER_RECONCILE_HORIZON_HOURS).
   * One further ahead gets its job from the reconciler, in the minute it comes within the horizon:
   * Postgres holds the reminders of the months ahead, Redis only the next two days' delayed jobs (a
   * million delayed jobs would hold most of a gigabyte of Redis memory, under `noeviction`), and a
   * reminder moved again and again before then leaves no stale job behind.
   */
  private enqueue(rows: WrittenReminder[]): Promise<void> {
    const horizon = Date.now() + this.config.REMINDER_RECONCILE_HORIZON_HOURS * 3_600_000;
    const payloads: Array<JobPayload<typeof FireReminderJob>> = [];
    for (let index = 0; index < rows.length; index += 1) {
      const row = rows[index];
      if (row.due_ms < horizon) payloads.push({ reminderId: row.id, revision: row.revision, dueAt: row.due_ms });
    }
    return payloads.length ? this.producer.enqueueMany(FireReminderJob, payloads) : Promise.resolve();
  }
}

/** A reminder created or moved by `writeReminders`: what its job needs. */
interface WrittenReminder {
  id: string;
  revision: number;
  /** due_at in epoch milliseconds (a number, not a Date: pg parses no timestamp per row). */
  due_ms: number;
}

/**
 * Writes a batch of drafts in one INSERT … ON CONFLICT statement and returns the reminders it created
 * or moved. The batch travels as one JSON parameter of tuples (JSON.stringify is native and makes one
 * flat string; eight pg array parameters cost several times the CPU to encode, as escaped array
 * literals built by concatenation, and a Date each to format) and is unpacked by Postgres. Unchanged
 * drafts (same time, still pending) return nothing and keep their revision, so their job stands.
 */
async function writeReminders(manager: EntityManager, drafts: ReminderDraft[]): Promise<WrittenReminder[]> {
  if (drafts.length === 0) return [];
  const tuples = new Array<unknown[]>(drafts.length);
  for (let index = 0; index < drafts.length; index += 1) {
    const draft = drafts[index];
    tuples[index] = [
      draft.kind,
      draft.subjectId,
      draft.editionId,
      draft.recipientEmail,
      draft.recipientGroup ?? null,
      draft.recipientName,
      draft.offsetMinutes,
      draft.dueAt.getTime(),
    ];
  }
  return queryRows<WrittenReminder>(
    manager,
    `INSERT INTO reminders (kind, subject_id, edition_id, recipient_email, recipient_group, recipient_name, offset_minutes, due_at)
     SELECT draft.kind, draft.subject_id, draft.edition_id, draft.recipient_email, draft.recipient_group, draft.recipient_name, draft.offset_minutes, draft.due_at
       FROM (SELECT (t->>0)::reminder_kind AS kind, (t->>1)::uuid AS subject_id, (t->>2)::uuid AS edition_id, t->>3 AS recipient_email,
                    t->>4 AS recipient_group, t->>5 AS recipient_name, (t->>6)::int AS offset_minutes,
                    'epoch'::timestamptz + (t->>7)::bigint * interval '1 millisecond' AS due_at
               FROM jsonb_array_elements($1::jsonb) AS t) AS draft
     ON CONFLICT (subject_id, kind, offset_minutes) DO UPDATE
        SET due_at = EXCLUDED.due_at, recipient_email = EXCLUDED.recipient_email, recipient_group = EXCLUDED.recipient_group,
            recipient_name = EXCLUDED.recipient_name,
            revision = reminders.revision + 1, status = 'pending', attempts = 0, last_error = NULL, lease_until = NULL,
            sent_at = NULL, lateness_ms = NULL, updated_at = now()
      WHERE reminders.due_at <> EXCLUDED.due_at OR reminders.status IN ('cancelled', 'missed', 'failed')
            OR reminders.recipient_email IS DISTINCT FROM EXCLUDED.recipient_email
            OR reminders.recipient_group IS DISTINCT FROM EXCLUDED.recipient_group
     RETURNING id, revision, (extract(epoch FROM due_at) * 1000)::float8 AS due_ms`,
    [JSON.stringify(tuples)],
  );
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
