/** Leader availability rules as plain functions. */
import type { IsoDate } from '@app/common/time';

export interface DateRange {
  startDate: IsoDate;
  endDate: IsoDate;
}

export function isUnavailableOn(ranges: readonly DateRange[], date: IsoDate): boolean {
  return ranges.some((range) => range.startDate <= date && date <= range.endDate);
}

/** Ranges that are inverted or overlap one another, for a clear refusal. */
export function invalidRanges(ranges: readonly DateRange[]): DateRange[] {
  const inverted = ranges.filter((range) => range.startDate > range.endDate);
  const sorted = [...ranges].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const overlapping = sorted.filter((range, index) => index > 0 && range.startDate <= sorted[index - 1].endDate);
  return [...inverted, ...overlapping];
}
