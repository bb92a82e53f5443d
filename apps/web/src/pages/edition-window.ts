/**
 * The days each date of an edition's window may be picked on its calendar (EditionsPage): within the
 * edition's year, the end from the start on, the national day inside the window — the API's
 * INVALID_WINDOW rule, whose message still says it when a typed date breaks it.
 */
import { type IsoDate, parseDate } from '../input';

export interface DateLimits {
  min?: IsoDate;
  max?: IsoDate;
  /** The month a calendar opens on while its field is empty. */
  month?: IsoDate;
}

/** From the form's text as typed (year, dd/mm/yyyy dates); what is not readable yet sets no limit. */
export function windowLimits(yearText: string, windowStart: string, windowEnd: string): Record<'windowStart' | 'windowEnd' | 'nationalDay', DateLimits> {
  const year = /^\s*\d{4}\s*$/.test(yearText) ? yearText.trim() : null;
  const yearStart = year ? `${year}-01-01` : undefined;
  const yearEnd = year ? `${year}-12-31` : undefined;
  const start = parseDate(windowStart) ?? undefined;
  const end = parseDate(windowEnd) ?? undefined;
  // A window left empty is 1 July – 19 August of the year: its calendars open on those months.
  return {
    windowStart: { min: yearStart, max: yearEnd, month: year ? `${year}-07-01` : undefined },
    windowEnd: { min: start ?? yearStart, max: yearEnd, month: year ? `${year}-08-01` : undefined },
    nationalDay: { min: start ?? yearStart, max: end ?? yearEnd, month: year ? `${year}-08-01` : undefined },
  };
}
