/** Reminder timing as plain functions. */
import { addDays, IsoDate, localToInstant } from '@app/common';
import { escalationTimes, type StoredEscalation } from './escalation-rules';

export const DEFAULT_DELEGATE_OFFSETS_MINUTES: readonly number[] = [7 * 24 * 60, 24 * 60, 2 * 60];
/** Organizers, before a logistics task's deadline: 3 days, 1 day, and on the day. */
export const DEFAULT_TASK_OFFSETS_DAYS: readonly number[] = [3, 1, 0];
/** Provincial organizers, before their venue's festival day: a week, and the day before. */
export const DEFAULT_VENUE_OFFSETS_DAYS: readonly number[] = [7, 1];
/** A task still open this many hours after its deadline goes to the province's organizers, twice as long to the centre. */
export const DEFAULT_ESCALATION_HOURS = 24;

/** Organizer reminders go out at the start of the working day… */
export const ORGANIZER_REMINDER_TIME = '08:00';
/** …and a task is due by the end of the working day of its due date. */
export const TASK_DEADLINE_TIME = '17:00';

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

/** Who an organizer reminder goes to, resolved when it is sent (so today's organizers get it). */
export type RecipientGroup = `province:${string}` | 'planners';

export const provinceOrganizers = (provinceCode: string): RecipientGroup => `province:${provinceCode}`;
export const CENTRAL_PLANNERS: RecipientGroup = 'planners';

/** The province of a `province:XX` group, or null for the central planners. */
export function provinceOfGroup(group: string): string | null {
  return group.startsWith('province:') ? group.slice('province:'.length) : null;
}

export interface GroupReminder extends PlannedReminder {
  group: RecipientGroup;
}

/** 08:00 local on `date` minus `days` days. */
function morningBefore(date: IsoDate, days: number): Date {
  return localToInstant(addDays(date, -days), ORGANIZER_REMINDER_TIME);
}

/** The moment a task falls due: 17:00 local on its due date. */
export function taskDeadline(dueDate: IsoDate): Date {
  return localToInstant(dueDate, TASK_DEADLINE_TIME);
}

const minutesBetween = (later: Date, earlier: Date) => Math.round((later.getTime() - earlier.getTime()) / 60_000);

/**
 * An open task's reminders: to the province's organizers at 08:00 on each offset day before the
 * deadline still ahead of `now` (offsetMinutes counts back from the 17:00 deadline), then — while it is
 * still open — an escalation to them `escalationHours` after the deadline and one to the central
 * planners after twice that (negative offsets: after the deadline). An escalation whose moment has
 * passed unsent goes at the next slot instead (escalation-rules.ts); `stored` is the task's escalation
 * reminders as they are, so one already sent is not sent again.
 */
export function taskReminders(
  dueDate: IsoDate,
  provinceCode: string,
  policy: { taskOffsetsDays: readonly number[]; escalationHours: number },
  now: Date,
  stored: readonly StoredEscalation[] = [],
): { deadline: GroupReminder[]; escalation: GroupReminder[] } {
  const deadline = taskDeadline(dueDate);
  const province = provinceOrganizers(provinceCode);
  const ahead = (reminder: GroupReminder) => reminder.dueAt.getTime() > now.getTime();
  const before = [...new Set(policy.taskOffsetsDays)].map((days) => {
    const dueAt = morningBefore(dueDate, days);
    return { offsetMinutes: minutesBetween(deadline, dueAt), dueAt, group: province };
  });
  if (policy.escalationHours <= 0) return { deadline: before.filter(ahead), escalation: [] };
  const gapMs = policy.escalationHours * 3_600_000;
  const steps = [
    { offsetMinutes: -policy.escalationHours * 60, natural: new Date(deadline.getTime() + gapMs), group: province },
    { offsetMinutes: -2 * policy.escalationHours * 60, natural: new Date(deadline.getTime() + 2 * gapMs), group: CENTRAL_PLANNERS },
  ];
  const times = escalationTimes(steps, gapMs, now, stored);
  const escalation = steps.flatMap((step, i) => {
    const dueAt = times[i];
    return dueAt ? [{ offsetMinutes: step.offsetMinutes, dueAt, group: step.group }] : [];
  });
  return { deadline: before.filter(ahead), escalation };
}

/**
 * A venue's festival-day reminders to its province's organizers, at 08:00 on each offset day before
 * the day (offsetMinutes counts back from the opening, or from 08:00 of the day when no hours are set).
 */
export function venueReminders(date: IsoDate, startsAt: Date | null, provinceCode: string, offsetsDays: readonly number[], now: Date): GroupReminder[] {
  const opening = startsAt ?? localToInstant(date, ORGANIZER_REMINDER_TIME);
  return [...new Set(offsetsDays)]
    .map((days) => {
      const dueAt = morningBefore(date, days);
      return { offsetMinutes: minutesBetween(opening, dueAt), dueAt, group: provinceOrganizers(provinceCode) };
    })
    .filter((reminder) => reminder.dueAt.getTime() > now.getTime());
}
