/** Reminder timing as plain functions. */

export const DEFAULT_DELEGATE_OFFSETS_MINUTES: readonly number[] = [7 * 24 * 60, 24 * 60, 2 * 60];

export interface PlannedReminder {
  offsetMinutes: number;
  dueAt: Date;
}

/** The reminders of an event still ahead of `now`, one per offset (duplicates ignored). */
export function plannedReminders(eventStart: Date, offsetsMinutes: readonly number[], now: Date): PlannedReminder[] {
  return [...new Set(offsetsMinutes)]
    .map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(eventStart.getTime() - offsetMinutes * 60_000) }))
    .filter((reminder) => reminder.dueAt.getTime() > now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Whether a reminder found at `now` is too late to be worth sending. */
export function isMissed(dueAt: Date, now: Date, graceMinutes: number): boolean {
  return now.getTime() - dueAt.getTime() > graceMinutes * 60_000;
}

export function dedupeKey(kind: string, subjectId: string, offsetMinutes: number): string {
  return `${kind}:${subjectId}:${offsetMinutes}`;
}
