/**
 * Read models of the reminders table for the API's Prometheus scrape (apps/api metrics), which may not
 * name the table: figures read from Postgres at scrape time, so every instance reports the same.
 */
import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import { ReminderStatus } from './reminder.entities';

/** How many reminders are in each status (every status present, 0 when none). */
export async function reminderCountsByStatus(manager: EntityManager): Promise<Record<ReminderStatus, number>> {
  const rows = await queryRows<{ status: ReminderStatus; count: number }>(manager, `SELECT status, count(*)::int AS count FROM reminders GROUP BY status`);
  const counts = Object.fromEntries(Object.values(ReminderStatus).map((status) => [status, 0])) as Record<ReminderStatus, number>;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

export interface LatenessHistogram {
  /** Sent reminders late by at most each bound (cumulative, as Prometheus buckets are), bound by bound. */
  buckets: number[];
  total: number;
  sumMs: number;
}

/** Sent reminders' lateness (due → accepted by the mail server) against the given upper bounds, in seconds. */
export async function reminderLateness(manager: EntityManager, boundsSeconds: readonly number[]): Promise<LatenessHistogram> {
  const columns = boundsSeconds.map((bound, index) => `count(*) FILTER (WHERE lateness_ms <= ${Number(bound) * 1000})::bigint AS b${index}`).join(', ');
  const [row] = await queryRows<Record<string, string>>(
    manager,
    `SELECT ${columns}, count(*)::bigint AS total, COALESCE(sum(lateness_ms), 0)::bigint AS sum_ms FROM reminders WHERE status = 'sent' AND lateness_ms IS NOT NULL`,
  );
  return { buckets: boundsSeconds.map((_, index) => Number(row[`b${index}`])), total: Number(row.total), sumMs: Number(row.sum_ms) };
}
