/**
 * When an overdue task's escalations go out, as plain functions (issue 17: escalation that never goes
 * silent). An escalation whose moment is still ahead goes at that moment, as before. One whose moment
 * has passed without it being sent — the task was already overdue when its venue was approved or moved,
 * or planners shortened the escalation delay — goes at the next slot instead of never. Each step keeps
 * its distance to the one before (the province has `escalationHours` to act before the centre hears),
 * counted from when the step before actually went or will go.
 */
import { addDays, instantToLocalDate, localToInstant } from '@app/common';

/**
 * The local times at which a late escalation is sent: the start of the morning and of the afternoon
 * working session, so a task found overdue is escalated within half a working day, never at night.
 */
export const ESCALATION_SLOTS: readonly string[] = ['08:00', '14:00'];

/** The first slot strictly after `now` (local time, Asia/Ho_Chi_Minh). */
export function nextSlot(now: Date, slots: readonly string[] = ESCALATION_SLOTS): Date {
  const today = instantToLocalDate(now);
  const sorted = [...slots].sort();
  for (const date of [today, addDays(today, 1)]) {
    for (const time of sorted) {
      const at = localToInstant(date, time);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  throw new RangeError('no escalation slot configured');
}

/** The stored reminder of one escalation step, as the last replan and the sender left it. */
export interface StoredEscalation {
  offsetMinutes: number;
  dueAt: Date;
  status: 'pending' | 'sending' | 'sent' | 'missed' | 'failed' | 'cancelled';
}

export interface EscalationStep {
  /** The step's identity (its offset from the deadline, negative: after it). */
  offsetMinutes: number;
  /** When the step is due by the policy alone. */
  natural: Date;
}

/**
 * The moments of a task's escalation steps (in order) at `now`, given what is stored. A step yields
 * `null` when it needs no pending reminder: it has gone (or is going) already. Stable under repeated
 * calls: a late step planned for a slot keeps that slot until it is sent.
 */
export function escalationTimes(steps: readonly EscalationStep[], gapMs: number, now: Date, stored: readonly StoredEscalation[] = []): Array<Date | null> {
  const byOffset = new Map(stored.map((row) => [row.offsetMinutes, row]));
  let floor = Number.NEGATIVE_INFINITY;
  return steps.map((step) => {
    const at = Math.max(step.natural.getTime(), floor);
    if (at > now.getTime()) {
      floor = at + gapMs;
      return new Date(at);
    }
    // Its moment has passed.
    const row = byOffset.get(step.offsetMinutes);
    if (row && (row.status === 'sent' || row.status === 'sending')) {
      floor = row.dueAt.getTime() + gapMs; // told already: the next step counts from then
      return null;
    }
    // Due now and about to fire: left where it is rather than pushed to the next slot.
    const when = row && row.status === 'pending' && row.dueAt.getTime() <= now.getTime() ? row.dueAt : nextSlot(now);
    floor = when.getTime() + gapMs;
    return when;
  });
}
