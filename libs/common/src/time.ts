/**
 * The festival's one time zone and the date helpers built on it. Instants are stored in UTC
 * (timestamptz); people see and are invited in Asia/Ho_Chi_Minh. Nothing else re-derives the offset.
 */
import { DateTime } from 'luxon';

export const FESTIVAL_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** `YYYY-MM-DD`, a calendar date with no time zone. */
export type IsoDate = string;
/** `HH:mm`, a wall-clock time in the festival time zone. */
export type LocalTime = string;

const DAY_MS = 86_400_000;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE_PATTERN.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** The UTC instant of a wall-clock time on a date in the festival time zone. */
export function localToInstant(date: IsoDate, time: LocalTime): Date {
  const local = DateTime.fromISO(`${date}T${time}`, { zone: FESTIVAL_TIME_ZONE });
  if (!local.isValid) throw new RangeError(`Invalid local date/time ${date} ${time}`);
  return local.toJSDate();
}

/** The calendar date of an instant in the festival time zone. */
export function instantToLocalDate(instant: Date): IsoDate {
  return festivalDayOf(instant.getTime()).date;
}

/** The wall-clock time (HH:mm) of an instant in the festival time zone. */
export function instantToLocalTime(instant: Date): LocalTime {
  const at = instant.getTime();
  const day = festivalDayOf(at);
  // A day of 24 hours has no change of offset in it: the wall clock is the time since its midnight.
  if (day.until - day.from !== DAY_MS) return DateTime.fromMillis(at, { zone: FESTIVAL_TIME_ZONE }).toFormat('HH:mm');
  return timeOfMinutes(Math.floor((at - day.from) / 60_000));
}

/** Festival-zone days last asked for, each with the instants it spans ([from, until)). */
const recentDays: Array<{ date: IsoDate; from: number; until: number }> = [];
const RECENT_DAYS = 8;

/**
 * The festival-zone day of an instant. Days are remembered with the instants they span, so the
 * requests of a day (the dashboard's, hundreds a second) and the e-mails of a venue's day (thousands,
 * issue 21) do not each build a zoned luxon DateTime.
 */
function festivalDayOf(instant: number): { date: IsoDate; from: number; until: number } {
  for (const day of recentDays) if (instant >= day.from && instant < day.until) return day;
  const start = DateTime.fromMillis(instant, { zone: FESTIVAL_TIME_ZONE }).startOf('day');
  const day = { date: start.toISODate()!, from: start.toMillis(), until: start.plus({ days: 1 }).toMillis() };
  recentDays.unshift(day);
  if (recentDays.length > RECENT_DAYS) recentDays.pop();
  return day;
}

/** Today's date in the festival time zone. */
export function todayInFestivalZone(now: Date = new Date()): IsoDate {
  return festivalDayOf(now.getTime()).date;
}

/** Minutes since midnight of an `HH:mm` time. */
export function minutesOfDay(time: LocalTime): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** `HH:mm` of a minute-of-day count (0–1439). */
export function timeOfMinutes(minutes: number): LocalTime {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Shown to people: `19/08/2027`. */
export function formatVietnameseDate(date: IsoDate): string {
  // The date's own digits when it is a real calendar date (a template prints this per e-mail: issue 21).
  if (ISO_DATE_PATTERN.test(date)) {
    const [year, month, day] = date.split('-').map(Number);
    const check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day)
      return `${date.slice(8)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  }
  return DateTime.fromISO(date).toFormat('dd/MM/yyyy');
}

/** Whole days from `from` to `to` (calendar dates by their UTC midnights: no time zone involved; cheap enough for 50,000 venues). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar date `days` days after `date` (before, if negative). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
