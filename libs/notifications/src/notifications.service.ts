import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { activeAccountsWithRole, Actor, Role } from '@app/auth';
import {
  AfterCommit,
  CONSOLE_LINKS,
  instantToLocalTime,
  NotFoundError,
  type NotificationCause,
  Notifier,
  type Page,
  queryRows,
  toPage,
  todayInFestivalZone,
} from '@app/common';
import { provinceName } from '@app/provinces';
import { VENUE_FACTS, type VenueChange, VenueEvents } from '@app/venues';
import type { NotificationQueryDto } from './dto/notification-query.dto';
import type { NotificationView } from './dto/notification-view.dto';
import { NotificationEmailsService } from './email/notification-emails.service';
import { NotificationPublisher, type Written } from './notification-publisher';
import {
  answerAudiences,
  invitationAnswerDraft,
  type NotificationDraft,
  overdueBody,
  overdueGroupKey,
  overdueTitleSuffix,
  planningRunDraft,
  taskBlockedDraft,
  UNMATCHED_REPLY_TITLE_SUFFIX,
  unmatchedReplyBody,
  unmatchedReplyGroupKey,
  venueChangeKind,
  venueDraft,
  type VenueFacts,
} from './notification-rules';
import { NotificationKind } from './notification.enums';

// `seq` goes out as text (a bigint); ORDER BY names the column as `notifications.seq`, never the text alias,
// which would sort 98 after 142.
const VIEW_COLUMNS = `id, seq::text AS seq, kind, title, body, link, item_count AS "itemCount", read_at AS "readAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Owns `notifications` and `notification_group_items`. Writes each cause's notifications in the cause's
 * transaction (the Notifier port, and venues' changes through VenueEvents), to the accounts that need
 * to know: planners for what the centre decides on, the organizers of the venue's province only for a
 * venue's fate and tasks, the planner who started a planning run for its outcome. Whoever caused the
 * change is not told of it. The live streams are told after commit (NotificationPublisher).
 */
@Injectable()
export class NotificationsService extends Notifier implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venueEvents: VenueEvents,
    private readonly publisher: NotificationPublisher,
    private readonly emails: NotificationEmailsService,
  ) {
    super();
  }

  onModuleInit(): void {
    this.venueEvents.subscribe((manager, change, afterCommit) => this.followVenue(manager, change, afterCommit));
  }

  async notify(manager: EntityManager, cause: NotificationCause, afterCommit: AfterCommit | null): Promise<void> {
    switch (cause.kind) {
      case 'venue_nominated': {
        const venue = await this.venue(manager, cause.venueId);
        const draft = venueDraft(NotificationKind.VenueNominated, venue, provinceName(venue.provinceCode), null);
        await this.write(manager, afterCommit, await this.planners(manager, cause.actorId), draft);
        return;
      }
      case 'task_blocked': {
        const venue = await this.venue(manager, cause.venueId);
        const draft = taskBlockedDraft(venue, { id: cause.taskId, title: cause.taskTitle }, null);
        await this.write(manager, afterCommit, await this.organizers(manager, venue.provinceCode, cause.actorId), draft);
        return;
      }
      case 'task_overdue':
        await this.overdue(manager, afterCommit, cause);
        return;
      case 'planning_run_finished':
      case 'planning_run_failed': {
        if (!cause.requestedBy) return;
        const kind = cause.kind === 'planning_run_finished' ? NotificationKind.PlanningRunFinished : NotificationKind.PlanningRunFailed;
        // Only if the starter is still an active planner (a run outlives neither a deactivation nor a role change).
        const starters = (await activeAccountsWithRole(manager, Role.CentralPlanner)).filter((user) => user.id === cause.requestedBy).map((user) => user.id);
        await this.write(manager, afterCommit, starters, planningRunDraft(kind, cause.runId));
        return;
      }
      case 'invitation_answered': {
        const venue = await this.venue(manager, cause.venueId);
        const audiences = answerAudiences(cause.answer);
        await this.write(manager, afterCommit, await this.planners(manager, null), invitationAnswerDraft(cause, venue, 'planners'));
        if (audiences.organizers)
          await this.write(manager, afterCommit, await this.organizers(manager, venue.provinceCode, null), invitationAnswerDraft(cause, venue, 'organizers'));
        return;
      }
      case 'calendar_reply_unmatched': {
        const day = todayInFestivalZone();
        // The same reply relayed twice counts once: its identity is its UID and attendees.
        const replyId = uuidOf(`${cause.uid}|${[...cause.attendees].sort().join(',')}`);
        await this.grouped(manager, afterCommit, {
          readers: await this.planners(manager, null),
          groupKey: unmatchedReplyGroupKey(day),
          itemId: replyId,
          kind: NotificationKind.CalendarReplyUnmatched,
          titleSuffix: UNMATCHED_REPLY_TITLE_SUFFIX,
          body: unmatchedReplyBody(day, cause.uid, cause.attendees),
          link: CONSOLE_LINKS.invitations(),
        });
        return;
      }
    }
  }

  /** A venue approved, rejected, rescheduled or cancelled: its province's organizers. */
  private async followVenue(manager: EntityManager, change: VenueChange, afterCommit: AfterCommit): Promise<void> {
    const kind = venueChangeKind(change);
    if (!kind) return;
    const { after } = change;
    const venue: VenueFacts = {
      id: after.id,
      name: after.name,
      status: after.status,
      provinceCode: after.provinceCode,
      scheduledDate: after.scheduledDate,
      startTime: after.startsAt ? instantToLocalTime(after.startsAt) : null,
    };
    const draft = venueDraft(kind, venue, provinceName(venue.provinceCode), change.reason);
    await this.write(manager, afterCommit, await this.organizers(manager, venue.provinceCode, change.actor.id), draft);
  }

  /** An overdue escalation, grouped: one entry per reader, audience, province and local day (each task counts once a day). */
  private async overdue(manager: EntityManager, afterCommit: AfterCommit | null, cause: Extract<NotificationCause, { kind: 'task_overdue' }>): Promise<void> {
    const venue = await this.venue(manager, cause.venueId);
    const day = todayInFestivalZone();
    const groupKey = overdueGroupKey(cause.audience, venue.provinceCode, day);
    await this.grouped(manager, afterCommit, {
      readers: cause.audience === 'planners' ? await this.planners(manager, null) : await this.organizers(manager, venue.provinceCode, null),
      groupKey,
      itemId: cause.taskId,
      kind: NotificationKind.TaskOverdue,
      titleSuffix: overdueTitleSuffix(provinceName(venue.provinceCode)),
      body: overdueBody(cause.audience, day),
      link: CONSOLE_LINKS.readiness(venue.provinceCode),
    });
  }

  /**
   * A grouped entry: one per reader and group key, its count (the title's number) that of its group,
   * its body the latest, marked unread again, and given a new `seq` so the live streams send it again.
   * One statement, O(1) however full the group: the item's insert (once per item: a repeated cause
   * inserts nothing, so nothing else happens) raises the group's counter (`notification_groups`), whose
   * new value every reader's entry takes. Concurrent events of a group serialise on its counter row.
   */
  private async grouped(
    manager: EntityManager,
    afterCommit: AfterCommit | null,
    entry: { readers: string[]; groupKey: string; itemId: string; kind: NotificationKind; titleSuffix: string; body: string; link: string },
  ): Promise<void> {
    const rows = await queryRows<{ id: string; user_id: string; seq: string; inserted: boolean }>(
      manager,
      `WITH fresh AS (
         INSERT INTO notification_group_items (group_key, subject_id) VALUES ($2, $7) ON CONFLICT DO NOTHING RETURNING group_key
       ), counted AS (
         INSERT INTO notification_groups AS g (group_key, item_count) SELECT group_key, 1 FROM fresh
         ON CONFLICT (group_key) DO UPDATE SET item_count = g.item_count + 1, updated_at = now()
         RETURNING item_count
       )
       INSERT INTO notifications (user_id, kind, title, body, link, subject_id, group_key, item_count)
       SELECT reader, $3::notification_kind, counted.item_count || $4, $5, $6, NULL, $2, counted.item_count FROM unnest($1::uuid[]) reader, counted
       ON CONFLICT (user_id, group_key) WHERE group_key IS NOT NULL DO UPDATE
          SET item_count = EXCLUDED.item_count, title = EXCLUDED.title, body = EXCLUDED.body,
              read_at = NULL, seq = nextval('notifications_seq'), updated_at = now()
       RETURNING id, user_id, seq::text AS seq, (xmax = 0) AS inserted`,
      [entry.readers, entry.groupKey, entry.kind, entry.titleSuffix, entry.body, entry.link, entry.itemId],
    );
    // An immediate e-mail when a reader's entry of the day is first written, not on each task it then counts.
    await this.emails.queueImmediate(
      manager,
      afterCommit,
      rows.filter((row) => row.inserted).map((row) => row.id),
    );
    this.told(
      afterCommit,
      rows.map((row) => ({ userId: row.user_id, seq: row.seq })),
    );
  }

  private async write(manager: EntityManager, afterCommit: AfterCommit | null, readers: string[], draft: NotificationDraft): Promise<void> {
    if (readers.length === 0) return;
    const rows = await queryRows<{ id: string; user_id: string; seq: string }>(
      manager,
      `INSERT INTO notifications (user_id, kind, title, body, link, subject_id)
       SELECT reader, $2::notification_kind, $3, $4, $5, $6 FROM unnest($1::uuid[]) reader RETURNING id, user_id, seq::text AS seq`,
      [readers, draft.kind, draft.title, draft.body, draft.link, draft.subjectId],
    );
    await this.emails.queueImmediate(
      manager,
      afterCommit,
      rows.map((row) => row.id),
    );
    this.told(
      afterCommit,
      rows.map((row) => ({ userId: row.user_id, seq: row.seq })),
    );
  }

  /**
   * Tells the live streams once the rows are visible: after commit, or now when there is no transaction.
   * Each row's `seq` goes with it: a row whose transaction commits after a later `seq` of the same reader
   * was sent is below that stream's cursor, and is read by its `seq` (NotificationStreams).
   */
  private told(afterCommit: AfterCommit | null, written: Written[]): void {
    if (written.length === 0) return;
    if (afterCommit) afterCommit.add(() => this.publisher.publish(written));
    else void this.publisher.publish(written);
  }

  private async planners(manager: EntityManager, except: string | null): Promise<string[]> {
    return (await activeAccountsWithRole(manager, Role.CentralPlanner)).map((user) => user.id).filter((id) => id !== except);
  }

  private async organizers(manager: EntityManager, provinceCode: string, except: string | null): Promise<string[]> {
    return (await activeAccountsWithRole(manager, Role.ProvincialOrganizer, provinceCode)).map((user) => user.id).filter((id) => id !== except);
  }

  private async venue(manager: EntityManager, venueId: string): Promise<VenueFacts> {
    const [row] = await queryRows<{ id: string; name: string; status: string; province_code: string; scheduled_date: string | null; starts_at: Date | null }>(
      manager,
      `SELECT v.id, v.name, v.status, v.province_code, v.scheduled_date::text AS scheduled_date, v.starts_at FROM ${VENUE_FACTS} v WHERE v.id = $1`,
      [venueId],
    );
    if (!row) throw new NotFoundError('điểm tổ chức', venueId);
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      provinceCode: row.province_code,
      scheduledDate: row.scheduled_date,
      startTime: row.starts_at ? instantToLocalTime(new Date(row.starts_at)) : null,
    };
  }

  // ——— the reader's side ———

  async list(actor: Actor, query: NotificationQueryDto): Promise<Page<NotificationView>> {
    const where = [`user_id = $1`];
    const params: unknown[] = [actor.id];
    if (query.kind?.length) {
      params.push(query.kind);
      where.push(`kind = ANY($${params.length}::notification_kind[])`);
    }
    if (query.unread) where.push(`read_at IS NULL`);
    const [{ total }] = await queryRows<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM notifications WHERE ${where.join(' AND ')}`,
      params,
    );
    const items = await queryRows<NotificationView>(
      this.dataSource,
      `SELECT ${VIEW_COLUMNS} FROM notifications WHERE ${where.join(' AND ')} ORDER BY notifications.seq DESC LIMIT ${query.pageSize} OFFSET ${query.offset}`,
      params,
    );
    return toPage(items, total, query);
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [{ unread }] = await queryRows<{ unread: number }>(
      this.dataSource,
      `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [actor.id],
    );
    return unread;
  }

  /** Another account's entry answers 404 like one that does not exist (403 would confirm it does). */
  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const [row] = await queryRows<NotificationView>(
      this.dataSource,
      `UPDATE notifications SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING ${VIEW_COLUMNS}`,
      [id, actor.id],
    );
    if (!row) throw new NotFoundError('thông báo', id);
    return row;
  }

  async markAllRead(actor: Actor): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`,
      [actor.id],
    );
    return rows.length;
  }

  /**
   * The live streams' read, for many streams in one statement: for each, its reader's entries written
   * or updated after `afterSeq` (at most `limit`, read in `seq` order on the index: a long absence does
   * not read its whole backlog each time), and those at or below it whose `seq` is one of `announced`
   * (committed after a later one was sent), oldest first — answered in the order asked.
   */
  async sinceEach(reads: Array<{ userId: string; afterSeq: string; announced: string[] }>, limit: number): Promise<NotificationView[][]> {
    if (reads.length === 0) return [];
    const rows = await queryRows<NotificationView & { read: number }>(
      this.dataSource,
      `SELECT r.i::int AS read, n.* FROM unnest($1::uuid[], $2::bigint[], $3::text[]) WITH ORDINALITY AS r(user_id, after_seq, announced, i)
       CROSS JOIN LATERAL (
         (SELECT ${VIEW_COLUMNS} FROM notifications WHERE notifications.user_id = r.user_id AND notifications.seq > r.after_seq ORDER BY notifications.seq LIMIT ${limit})
         UNION ALL
         SELECT ${VIEW_COLUMNS} FROM notifications
          WHERE notifications.user_id = r.user_id AND notifications.seq = ANY(r.announced::bigint[]) AND notifications.seq <= r.after_seq
       ) n`,
      [reads.map((read) => read.userId), reads.map((read) => read.afterSeq), reads.map((read) => `{${read.announced.join(',')}}`)],
    );
    const found = reads.map((): NotificationView[] => []);
    for (const { read, ...view } of rows) found[read - 1].push(view);
    for (const list of found) list.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
    return found;
  }

  /** Where a new stream starts when the client names no last event: now. */
  async latestSeq(userId: string): Promise<string> {
    const [row] = await queryRows<{ seq: string | null }>(this.dataSource, `SELECT max(seq)::text AS seq FROM notifications WHERE user_id = $1`, [userId]);
    return row?.seq ?? '0';
  }

  /**
   * Deletes entries not updated for `days` days and the group counts behind them, in batches (a
   * nationwide edition can leave millions), so no statement holds its locks for long. Answers rows deleted.
   */
  async purgeOlderThan(days: number, batch = 10_000): Promise<{ notifications: number; groupItems: number }> {
    const purge = async (sql: string): Promise<number> => {
      let total = 0;
      for (;;) {
        const [{ n }] = await queryRows<{ n: number }>(this.dataSource, `WITH gone AS (${sql}) SELECT count(*)::int AS n FROM gone`, [days, batch]);
        total += n;
        if (n < batch) return total;
      }
    };
    const notifications = await purge(
      `DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE updated_at < now() - make_interval(days => $1) LIMIT $2) RETURNING 1`,
    );
    await purge(
      `DELETE FROM notification_groups WHERE group_key IN
         (SELECT group_key FROM notification_groups WHERE updated_at < now() - make_interval(days => $1) LIMIT $2) RETURNING 1`,
    );
    const groupItems = await purge(
      `DELETE FROM notification_group_items WHERE (group_key, subject_id) IN
         (SELECT group_key, subject_id FROM notification_group_items WHERE created_at < now() - make_interval(days => $1) LIMIT $2) RETURNING 1`,
    );
    return { notifications, groupItems };
  }
}

/** A stable uuid for something identified by text (a group item must be a uuid). */
function uuidOf(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
