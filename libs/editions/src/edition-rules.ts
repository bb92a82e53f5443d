/** Edition rules as plain functions, testable without Nest or a database. */
import { BusinessRuleError, IsoDate } from '@app/common';
import { EDITION_STATUS_NAMES, EditionStatus, NEXT_EDITION_STATUS as NEXT } from './edition-status';

export { EDITION_STATUS_NAMES } from './edition-status';

/** Editions only move forward, one step at a time (NEXT_EDITION_STATUS). */
export function assertEditionTransition(from: EditionStatus, to: EditionStatus): void {
  if (NEXT[from] !== to) {
    throw new BusinessRuleError(
      'INVALID_TRANSITION',
      `Không thể chuyển đợt Ngày hội từ trạng thái "${EDITION_STATUS_NAMES[from]}" sang "${EDITION_STATUS_NAMES[to]}".`,
      { from, to, allowed: NEXT[from] ? [NEXT[from]] : [] },
      409,
    );
  }
}

/**
 * Provinces run the festival from 1 July; the national day is 19 August. Defaults for a year.
 */
export function defaultWindow(year: number): { windowStart: IsoDate; windowEnd: IsoDate; nationalDay: IsoDate } {
  return { windowStart: `${year}-07-01`, windowEnd: `${year}-08-19`, nationalDay: `${year}-08-19` };
}

export function assertWindow(year: number, windowStart: IsoDate, windowEnd: IsoDate, nationalDay: IsoDate): void {
  const inYear = [windowStart, windowEnd, nationalDay].every((date) => date.startsWith(`${year}-`));
  if (!inYear || windowStart > windowEnd || nationalDay < windowStart || nationalDay > windowEnd) {
    throw new BusinessRuleError(
      'INVALID_WINDOW',
      'Thời gian tổ chức không hợp lệ: ngày bắt đầu phải trước ngày kết thúc, cùng năm của đợt, và bao gồm ngày Ngày hội toàn quốc.',
      { year, windowStart, windowEnd, nationalDay },
    );
  }
}

export function isWithinWindow(date: IsoDate, edition: { windowStart: IsoDate; windowEnd: IsoDate }): boolean {
  return date >= edition.windowStart && date <= edition.windowEnd;
}
