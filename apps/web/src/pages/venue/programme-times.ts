/**
 * The quick choices of a programme item's time fields (pure): within the venue's hours, since the API
 * refuses an item outside them (PROGRAMME_OUTSIDE_VENUE_DAY) — a start from the opening up to the last
 * step before closing, an end after the start (the one typed, or the opening) up to the closing. A venue
 * not yet scheduled has no hours: then the whole day, as the API counts it.
 */
import { parseTime, timeChoices } from '../../input';

/** A venue's hours on its day (HH:mm, Asia/Ho_Chi_Minh), or null before it is scheduled. */
export type VenueHours = { startTime: string; endTime: string } | null;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** `from`, then every `step` minutes on the clock after it (07:40 → 07:45, 08:00 …), then `to`: both ends kept even off the step. */
function between(from: number, to: number, step: number): string[] {
  if (to < from) return [];
  const choices = [from];
  for (let minutes = (Math.floor(from / step) + 1) * step; minutes < to; minutes += step) choices.push(minutes);
  if (to > from) choices.push(to);
  return choices.map(timeOf);
}

export function programmeTimeChoices(hours: VenueHours, step: number, typedStart: string): { start: string[]; end: string[] } {
  const start = parseTime(typedStart);
  if (!hours) {
    const day = timeChoices(step);
    return { start: day, end: start ? day.filter((choice) => choice > start) : day };
  }
  const opening = minutesOf(hours.startTime);
  const closing = minutesOf(hours.endTime);
  const after = start && minutesOf(start) >= opening && minutesOf(start) < closing ? minutesOf(start) : opening;
  return { start: between(opening, closing, step).slice(0, -1), end: between(after, closing, step).slice(1) };
}
