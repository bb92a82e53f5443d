/** Leader availability rules as plain functions. */
import type { IsoDate } from '@app/common';

export interface DateRange {
  startDate: IsoDate;
  endDate: IsoDate;
}

export function isUnavailableOn(ranges: readonly DateRange[], date: IsoDate): boolean {
  return ranges.some((range) => range.startDate <= date && date <= range.endDate);
}

/**
 * Ranges that are inverted or overlap an earlier one (by start date), each listed once, for a refusal
 * that shows the user every range to fix.
 */
export function invalidRanges(ranges: readonly DateRange[]): DateRange[] {
  const invalid = new Set(ranges.filter((range) => range.startDate > range.endDate));
  const sorted = ranges.filter((range) => !invalid.has(range)).sort((a, b) => a.startDate.localeCompare(b.startDate));
  let latestEnd: string | undefined;
  for (const range of sorted) {
    if (latestEnd !== undefined && range.startDate <= latestEnd) invalid.add(range);
    if (latestEnd === undefined || range.endDate > latestEnd) latestEnd = range.endDate;
  }
  return ranges.filter((range) => invalid.has(range));
}
