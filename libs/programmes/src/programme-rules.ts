/** Programme rules as plain functions: order, overlap, venue hours and template layout. */
import { BusinessRuleError, LocalTime, minutesOfDay, timeOfMinutes } from '@app/common';
import type { TemplateLine } from './default-programme-template';

export interface TimedItem {
  id?: string;
  title: string;
  startTime: LocalTime;
  endTime: LocalTime;
}

/** The venue's hours on its day; `null` before the venue is scheduled (then the whole day counts). */
export type VenueHours = { startTime: LocalTime; endTime: LocalTime } | null;

const describe = (item: TimedItem) => ({ id: item.id, title: item.title, startTime: item.startTime, endTime: item.endTime });

/** Items touch but do not overlap when one ends exactly as the next starts. */
export function overlaps(a: TimedItem, b: TimedItem): boolean {
  return minutesOfDay(a.startTime) < minutesOfDay(b.endTime) && minutesOfDay(b.startTime) < minutesOfDay(a.endTime);
}

/**
 * Refuses an item that ends before it starts, falls outside the venue's hours, or overlaps another
 * item of the same venue (`others` excludes the item itself when it is being edited).
 */
export function assertItemFits(item: TimedItem, others: readonly TimedItem[], hours: VenueHours): void {
  if (minutesOfDay(item.endTime) <= minutesOfDay(item.startTime)) {
    throw new BusinessRuleError('TIMES_NOT_ORDERED', 'Giờ kết thúc của mục chương trình phải sau giờ bắt đầu, trong cùng ngày.', describe(item));
  }
  if (hours && (minutesOfDay(item.startTime) < minutesOfDay(hours.startTime) || minutesOfDay(item.endTime) > minutesOfDay(hours.endTime))) {
    throw new BusinessRuleError(
      'PROGRAMME_OUTSIDE_VENUE_DAY',
      `Mục "${item.title}" nằm ngoài thời gian tổ chức của điểm (${hours.startTime}–${hours.endTime}).`,
      { item: describe(item), venueHours: hours },
    );
  }
  const clash = others.find((other) => other.id !== item.id && overlaps(item, other));
  if (clash) {
    throw new BusinessRuleError(
      'PROGRAMME_OVERLAP',
      `Mục "${item.title}" (${item.startTime}–${item.endTime}) trùng thời gian với mục "${clash.title}" (${clash.startTime}–${clash.endTime}).`,
      { item: describe(item), conflictsWith: describe(clash) },
    );
  }
}

/** Lays template lines end to end from `startTime`; refuses a layout that runs past midnight. */
export function layoutTemplate(lines: readonly TemplateLine[], startTime: LocalTime): Array<TemplateLine & TimedItem> {
  let cursor = minutesOfDay(startTime);
  return lines.map((line) => {
    const start = cursor;
    cursor += line.durationMinutes;
    if (cursor > 24 * 60 - 1) {
      throw new BusinessRuleError('PROGRAMME_PAST_MIDNIGHT', 'Chương trình mẫu kéo dài quá nửa đêm; hãy chọn giờ bắt đầu sớm hơn.', {
        startTime,
      });
    }
    return { ...line, startTime: timeOfMinutes(start), endTime: timeOfMinutes(cursor) };
  });
}

/** The template laid out from `startTime`, every item checked against the venue's hours and the items before it. */
export function layoutTemplateWithin(lines: readonly TemplateLine[], startTime: LocalTime, hours: VenueHours): Array<TemplateLine & TimedItem> {
  const laidOut = layoutTemplate(lines, startTime);
  laidOut.forEach((item, index) => assertItemFits(item, laidOut.slice(0, index), hours));
  return laidOut;
}
