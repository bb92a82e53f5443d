import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { accountsByIds, Actor } from '@app/auth';
import { AfterCommit, assertVersion, AuditLog, inTransaction, type IsoDate, queryRows, requireVersion, ValidationFailedError } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queue';
import type { NotificationPreferencesView, UpdateNotificationPreferencesDto } from '../dto/notification-preferences.dto';
import { NotificationKind } from '../notification.enums';
import { digestWindow, effectivePreferences, kindsForRole, normalizeKinds, samePreferences, wantsDigest } from './notification-email-rules';
import { SendNotificationEmailJob } from './send-notification-email.handler';

interface StoredPreferences {
  dailyDigest: boolean;
  immediateKinds: NotificationKind[];
  version: number;
}

const PREFERENCE_COLUMNS = `daily_digest AS "dailyDigest", immediate_kinds::text[] AS "immediateKinds", version`;

/**
 * Owns `notification_preferences` and `notification_emails` (the e-mail outbox). Immediate e-mails are
 * written to the outbox in the transaction of their notification (so none is sent for a change that
 * rolled back, and none is lost when the API dies after commit: the tick re-enqueues what Redis does not
 * hold), then enqueued after commit. Digests are written by the digest tick, once per account and local
 * day (a unique index). Every e-mail leaves through SendNotificationEmailJob on the mail queue.
 */
@Injectable()
export class NotificationEmailsService {
  private readonly logger = new Logger('NotificationEmails');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  // ——— preferences ———

  async preferencesOf(actor: Actor): Promise<NotificationPreferencesView> {
    const [stored] = await queryRows<StoredPreferences>(this.dataSource, `SELECT ${PREFERENCE_COLUMNS} FROM notification_preferences WHERE user_id = $1`, [
      actor.id,
    ]);
    return this.view(actor, stored ?? null);
  }

  /**
   * Replaces my preferences, audited. The same preferences again change nothing and answer 200 whatever
   * the version sent (a repeated PUT is harmless); a change needs the version read once saved (428/409).
   */
  async updatePreferences(actor: Actor, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesView> {
    const wanted = { dailyDigest: dto.dailyDigest, immediateKinds: normalizeKinds(dto.immediateKinds) };
    const allowed = new Set(kindsForRole(actor.role));
    const foreign = wanted.immediateKinds.filter((kind) => !allowed.has(kind));
    if (foreign.length) {
      throw new ValidationFailedError([{ field: 'immediateKinds', messages: [`Vai trò của bạn không nhận loại thông báo: ${foreign.join(', ')}`] }]);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const inserted = await queryRows<StoredPreferences>(
        manager,
        `INSERT INTO notification_preferences (user_id, daily_digest, immediate_kinds, version)
         SELECT $1, $2, $3::notification_kind[], 1 WHERE NOT EXISTS (SELECT 1 FROM notification_preferences WHERE user_id = $1)
         ON CONFLICT (user_id) DO NOTHING RETURNING ${PREFERENCE_COLUMNS}`,
        [actor.id, wanted.dailyDigest, wanted.immediateKinds],
      );
      const record = (action: 'create' | 'update', before: StoredPreferences | null, after: StoredPreferences) =>
        this.audit.record(manager, { actor, entityType: 'notification_preferences', entityId: actor.id, action, before, after });
      if (inserted[0]) {
        await record('create', null, inserted[0]);
        return this.view(actor, inserted[0]);
      }
      const [stored] = await queryRows<StoredPreferences>(manager, `SELECT ${PREFERENCE_COLUMNS} FROM notification_preferences WHERE user_id = $1 FOR UPDATE`, [
        actor.id,
      ]);
      if (samePreferences(stored, wanted)) return this.view(actor, stored);
      assertVersion(requireVersion(dto.version), stored.version);
      const [updated] = await queryRows<StoredPreferences>(
        manager,
        `UPDATE notification_preferences SET daily_digest = $2, immediate_kinds = $3::notification_kind[], version = version + 1, updated_at = now()
          WHERE user_id = $1 RETURNING ${PREFERENCE_COLUMNS}`,
        [actor.id, wanted.dailyDigest, wanted.immediateKinds],
      );
      await record('update', stored, updated);
      return this.view(actor, updated);
    });
  }

  private view(actor: Actor, stored: StoredPreferences | null): NotificationPreferencesView {
    const effective = effectivePreferences(stored, actor.role);
    return {
      dailyDigest: effective.dailyDigest,
      immediateKinds: normalizeKinds(effective.immediateKinds),
      availableKinds: kindsForRole(actor.role),
      digestHour: this.config.NOTIFICATION_DIGEST_HOUR,
      version: stored?.version ?? null,
    };
  }

  // ——— the outbox ———

  /**
   * In the notifications' transaction: an immediate e-mail for each of these new entries whose reader
   * chose its kind (no account is e-mailed at once by default, so only a saved preference can), enqueued
   * after commit.
   */
  async queueImmediate(manager: EntityManager, afterCommit: AfterCommit | null, notificationIds: string[]): Promise<void> {
    if (notificationIds.length === 0) return;
    const rows = await queryRows<{ id: string }>(
      manager,
      `INSERT INTO notification_emails (user_id, notification_id)
       SELECT n.user_id, n.id FROM notifications n JOIN notification_preferences p ON p.user_id = n.user_id
        WHERE n.id = ANY($1::uuid[]) AND n.kind = ANY(p.immediate_kinds)
       ON CONFLICT DO NOTHING RETURNING id`,
      [notificationIds],
    );
    if (rows.length === 0) return;
    const enqueue = () => this.enqueue(rows.map((row) => row.id));
    if (afterCommit) afterCommit.add(enqueue);
    // In a transaction whose commit we cannot follow, a job could run before the row is visible and find
    // nothing: the tick enqueues it once committed instead.
    else if (!manager.queryRunner?.isTransactionActive) await enqueue();
  }

  /**
   * The digests of `date` not written yet: one outbox row per account that wants it and has an entry of
   * the day before the digest hour still unread. The unique (account, day) index lets only one of
   * several workers write each; only the rows this call wrote are enqueued (and the job id is the
   * row's, so even a second enqueue would be the same job). Answers the rows written.
   */
  async queueDigests(date: IsoDate): Promise<number> {
    const { from, to } = digestWindow(date, this.config.NOTIFICATION_DIGEST_HOUR);
    const candidates = await queryRows<{ userId: string; dailyDigest: boolean | null; immediateKinds: NotificationKind[] | null }>(
      this.dataSource,
      `SELECT u.user_id AS "userId", p.daily_digest AS "dailyDigest", p.immediate_kinds::text[] AS "immediateKinds"
         FROM (SELECT DISTINCT n.user_id FROM notifications n
                WHERE n.read_at IS NULL AND n.updated_at >= $1 AND n.updated_at < $2
                  AND NOT EXISTS (SELECT 1 FROM notification_emails e WHERE e.user_id = n.user_id AND e.digest_date = $3::date)) u
         LEFT JOIN notification_preferences p ON p.user_id = u.user_id`,
      [from, to, date],
    );
    if (candidates.length === 0) return 0;
    const accounts = new Map(
      (
        await accountsByIds(
          this.dataSource.manager,
          candidates.map((row) => row.userId),
        )
      ).map((user) => [user.id, user]),
    );
    const readers = candidates
      .filter((row) => {
        const account = accounts.get(row.userId);
        const stored = row.dailyDigest === null ? null : { dailyDigest: row.dailyDigest, immediateKinds: row.immediateKinds ?? [] };
        return account?.active === true && wantsDigest(stored, account.role);
      })
      .map((row) => row.userId);
    if (readers.length === 0) return 0;
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `INSERT INTO notification_emails (user_id, digest_date) SELECT reader, $2::date FROM unnest($1::uuid[]) reader
       ON CONFLICT DO NOTHING RETURNING id`,
      [readers, date],
    );
    await this.enqueue(rows.map((row) => row.id));
    return rows.length;
  }

  /**
   * Outbox rows still to send (pending, or a sender's lease run out) whose job Redis does not hold —
   * lost to a Redis outage or to an API that died between commit and enqueue: enqueued again.
   */
  async requeueMissing(): Promise<number> {
    const open = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT id FROM notification_emails
        WHERE (status = 'pending' OR (status = 'sending' AND lease_until < now())) AND created_at > now() - interval '3 days'
        ORDER BY created_at LIMIT 10000`,
    );
    if (open.length === 0) return 0;
    const missing = await this.producer.missingJobs(
      SendNotificationEmailJob,
      open.map((row) => ({ emailId: row.id })),
    );
    await this.producer.enqueueMany(SendNotificationEmailJob, missing);
    return missing.length;
  }

  /** After commit: a Redis outage must not fail the cause's request; the tick enqueues what is missing. */
  private async enqueue(ids: string[]): Promise<void> {
    try {
      await this.producer.enqueueMany(
        SendNotificationEmailJob,
        ids.map((emailId) => ({ emailId })),
      );
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error), emails: ids.length },
        'notification e-mails not enqueued yet (the tick will)',
      );
    }
  }

  /** Outbox rows older than the retention period (with the notifications they point at, if any). */
  async purgeOlderThan(days: number, batch = 10_000): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ n }] = await queryRows<{ n: number }>(
        this.dataSource,
        `WITH gone AS (DELETE FROM notification_emails WHERE id IN
           (SELECT id FROM notification_emails WHERE created_at < now() - make_interval(days => $1) LIMIT $2) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [days, batch],
      );
      total += n;
      if (n < batch) return total;
    }
  }
}
