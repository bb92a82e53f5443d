import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api/errors';
import {
  calendarDay,
  changedFields,
  date,
  dates,
  datesOf,
  dateText,
  daysBetween,
  decimal,
  decimalText,
  durations,
  durationText,
  entriesOf,
  formatDate,
  formatInstant,
  formatNumber,
  formatPercent,
  formatVnd,
  isoOfCalendarDay,
  oneOf,
  parseDate,
  parseDecimal,
  parseDuration,
  parseTime,
  parseVnd,
  parseWhole,
  read,
  text,
  time,
  timeChoices,
  today,
  toggleDate,
  vnd,
  weekdayOf,
  whole,
  wholes,
  wholeText,
} from './input';

/** The refusal `read` throws for a body, as the API would answer it. */
function refusalOf(body: unknown): ApiError {
  try {
    read(body);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('read() accepted the body');
}

describe('dates', () => {
  it('reads dd/mm/yyyy, with or without leading zeros, into YYYY-MM-DD', () => {
    expect(parseDate('12/08/2027')).toBe('2027-08-12');
    expect(parseDate(' 1/8/2027 ')).toBe('2027-08-01');
    expect(parseDate('29/02/2028')).toBe('2028-02-29');
  });

  it('refuses what is not a real date', () => {
    for (const text of ['32/08/2027', '29/02/2027', '31/09/2027', '12/08/27', '2027-08-12', '12-08-2027', '12/08/2027x', ''])
      expect(parseDate(text)).toBeNull();
  });

  it('shows YYYY-MM-DD as dd/mm/yyyy, for reading and for typing back', () => {
    expect(formatDate('2027-08-12')).toBe('12/08/2027');
    expect(formatDate(null)).toBe('—');
    expect(dateText('2027-08-01')).toBe('01/08/2027');
    expect(dateText(undefined)).toBe('');
    expect(parseDate(dateText('2027-12-31'))).toBe('2027-12-31');
  });

  it('lists the days of a window, and weeks start on Monday', () => {
    expect(daysBetween('2027-07-30', '2027-08-02')).toEqual(['2027-07-30', '2027-07-31', '2027-08-01', '2027-08-02']);
    expect(daysBetween('2027-08-02', '2027-08-01')).toEqual([]);
    expect(weekdayOf('2027-08-16')).toBe(0); // a Monday
    expect(weekdayOf('2027-08-22')).toBe(6);
  });
});

describe('date pickers', () => {
  it('hand a calendar date to the grid and back unchanged, whatever the browser’s zone', () => {
    // Days around Vietnam's and other zones' clock changes, leap days and the year's ends.
    for (const iso of ['2027-01-01', '2027-03-14', '2027-03-28', '2027-08-12', '2027-10-31', '2027-11-07', '2027-12-31', '2028-02-29']) {
      const day = calendarDay(iso);
      expect([day.getFullYear(), day.getMonth() + 1, day.getDate()]).toEqual(iso.split('-').map(Number));
      expect(isoOfCalendarDay(day)).toBe(iso);
    }
    expect(isoOfCalendarDay(new Date(2027, 7, 12, 23, 59))).toBe('2027-08-12');
  });

  it('read the dates of a typed list, sorted, each once', () => {
    expect(datesOf('12/08/2027, 1/8/2027; 12/08/2027 hôm nay')).toEqual(['2027-08-01', '2027-08-12']);
    expect(datesOf('')).toEqual([]);
  });

  it('add a clicked day to a list, or take it out when it is there, keeping what could not be read', () => {
    expect(toggleDate('', '2027-08-12')).toBe('12/08/2027');
    expect(toggleDate('14/08/2027', '2027-08-12')).toBe('12/08/2027, 14/08/2027');
    expect(toggleDate('12/8/2027, 14/08/2027', '2027-08-12')).toBe('14/08/2027');
    expect(toggleDate('14/08/2027, 31/02/2027', '2027-08-10')).toBe('10/08/2027, 14/08/2027, 31/02/2027');
    expect(dates(toggleDate('14/08/2027', '2027-08-12')).value).toEqual(['2027-08-12', '2027-08-14']);
  });

  it('offer times of day as 24-hour HH:mm, every step minutes', () => {
    const halfHours = timeChoices();
    expect(halfHours).toHaveLength(48);
    expect(halfHours.slice(0, 3)).toEqual(['00:00', '00:30', '01:00']);
    expect(halfHours).toContain('13:30');
    expect(halfHours.at(-1)).toBe('23:30');
    expect(timeChoices(15)).toHaveLength(96);
    for (const choice of timeChoices(15)) expect(parseTime(choice)).toBe(choice);
  });
});

describe('instants', () => {
  it('are shown in Asia/Ho_Chi_Minh whatever the machine’s zone', () => {
    expect(formatInstant('2027-08-11T17:30:00Z')).toBe('12/08/2027 00:30');
    expect(formatInstant(new Date('2027-08-12T00:30:00Z'))).toBe('12/08/2027 07:30');
    expect(formatInstant(null)).toBe('—');
  });

  it('give today’s date in Vietnam', () => {
    expect(today(new Date('2027-08-11T18:00:00Z'))).toBe('2027-08-12');
    expect(today(new Date('2027-08-11T16:00:00Z'))).toBe('2027-08-11');
  });
});

describe('times', () => {
  it('reads 24-hour times as HH:mm', () => {
    expect(parseTime('7:30')).toBe('07:30');
    expect(parseTime('07:30')).toBe('07:30');
    expect(parseTime('7h30')).toBe('07:30');
    expect(parseTime('7h')).toBe('07:00');
    expect(parseTime(' 23:59 ')).toBe('23:59');
  });

  it('refuses what is not a time of day', () => {
    for (const text of ['24:00', '7:60', '7:5', '730', 'bảy giờ', '']) expect(parseTime(text)).toBeNull();
  });
});

describe('numbers', () => {
  it('reads whole numbers as written in Vietnamese', () => {
    expect(parseWhole('1.200')).toBe(1200);
    expect(parseWhole('45.000.000')).toBe(45_000_000);
    expect(parseWhole('1 200')).toBe(1200);
    expect(parseWhole('800')).toBe(800);
    expect(parseWhole('-30')).toBe(-30);
    expect(parseWhole('−7')).toBe(-7);
  });

  it('refuses what is not a whole number', () => {
    for (const text of ['1,5', '1.20', '12.0000', 'khoảng 800', '800 người', '1e3', '', '99999999999999999999']) expect(parseWhole(text)).toBeNull();
  });

  it('reads decimals with a comma or a point, never as thousands', () => {
    expect(parseDecimal('22,3964')).toBe(22.3964);
    expect(parseDecimal('22.3964')).toBe(22.3964);
    expect(parseDecimal('21.386')).toBe(21.386);
    expect(parseDecimal('-0,5')).toBe(-0.5);
    expect(parseDecimal('7')).toBe(7);
    for (const text of ['nhiều', '1.234,5', '1,2,3', ',5', '']) expect(parseDecimal(text)).toBeNull();
  });

  it('reads amounts of đồng, with or without the currency', () => {
    expect(parseVnd('45.000.000')).toBe(45_000_000);
    expect(parseVnd('45.000.000 ₫')).toBe(45_000_000);
    expect(parseVnd('33500000đ')).toBe(33_500_000);
    expect(parseVnd('1.500.000 đồng')).toBe(1_500_000);
    expect(parseVnd('33,5 triệu')).toBeNull();
  });

  it('writes numbers back so that reading them gives the same value', () => {
    expect(wholeText(1_500_000)).toBe('1.500.000');
    expect(parseWhole(wholeText(1_500_000))).toBe(1_500_000);
    expect(wholeText(null)).toBe('');
    expect(decimalText(22.3964)).toBe('22,3964');
    expect(parseDecimal(decimalText(103.45821))).toBe(103.45821);
    expect(decimalText(undefined)).toBe('');
  });

  it('shows amounts, shares and figures Vietnamese style', () => {
    expect(formatVnd(45_000_000).replace(/\s/g, ' ')).toBe('45.000.000 ₫');
    expect(formatVnd(-1_500_000).replace(/\s/g, ' ')).toBe('-1.500.000 ₫');
    expect(formatVnd(null)).toBe('—');
    expect(formatPercent(0.425)).toBe('43%');
    expect(formatNumber(1234.567)).toBe('1.234,57');
  });
});

describe('durations', () => {
  it('reads days, hours and minutes; a bare number is hours', () => {
    expect(parseDuration('7 ngày')).toBe(10_080);
    expect(parseDuration('2 giờ')).toBe(120);
    expect(parseDuration('90 phút')).toBe(90);
    expect(parseDuration('3')).toBe(180);
    expect(parseDuration('hai giờ')).toBeNull();
    expect(parseDuration('3 tuần')).toBeNull();
  });

  it('writes the largest unit that fits', () => {
    expect([10_080, 1440, 120, 90, 0].map(durationText)).toEqual(['7 ngày', '1 ngày', '2 giờ', '90 phút', '0 giờ']);
  });
});

describe('lists', () => {
  it('split on commas and semicolons, and on spaces where entries have none', () => {
    expect(entriesOf('7 ngày, 1 ngày; 2 giờ')).toEqual(['7 ngày', '1 ngày', '2 giờ']);
    expect(entriesOf('3 1, 0', { spaces: true })).toEqual(['3', '1', '0']);
    expect(entriesOf(' , ')).toEqual([]);
  });
});

describe('read', () => {
  it('returns the body as the API takes it', () => {
    const body = read({
      name: 'Ngày hội bản Mường Phăng',
      latitude: decimal('21,4', { required: true }),
      expectedAttendance: whole('1.200', { required: true }),
      coHost: null,
      hamletName: whole('', { empty: null }),
      region: whole(''),
      candidateDates: dates('14/08/2027, 12/08/2027'),
      tier: oneOf('central', ['central', 'provincial'] as const),
      weights: { spread: decimal('2,5') },
      offsets: wholes('3, 1, 0'),
      minutes: durations('7 ngày, 2 giờ'),
      startTime: time('7h30'),
      actualVnd: vnd('33.500.000 ₫'),
      windowStart: date('15/07/2027'),
    });
    expect(body).toEqual({
      name: 'Ngày hội bản Mường Phăng',
      latitude: 21.4,
      expectedAttendance: 1200,
      coHost: null,
      hamletName: null,
      region: undefined,
      candidateDates: ['2027-08-12', '2027-08-14'],
      tier: 'central',
      weights: { spread: 2.5 },
      offsets: [3, 1, 0],
      minutes: [10_080, 120],
      startTime: '07:30',
      actualVnd: 33_500_000,
      windowStart: '2027-07-15',
    });
    expect(JSON.parse(JSON.stringify(body))).not.toHaveProperty('region'); // left out: the API takes its default
  });

  it('refuses every unreadable field at once, in the API’s shape and words, by its path', () => {
    const refusal = refusalOf({
      name: 'Đi',
      expectedAttendance: whole('khoảng 800', { required: true }),
      latitude: decimal('', { required: true }),
      hostKind: oneOf('', ['ban', 'xa'] as const),
      candidateDates: dates('12/08/2027, 32/08/2027'),
      weights: { spread: decimal('nhiều') },
      items: [{ offsetDays: whole('-7') }, { offsetDays: whole('một tuần') }],
      delegateOffsetsMinutes: durations('3 ngày, hai giờ'),
    });
    expect(refusal).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(refusal.fieldErrors).toEqual({
      expectedAttendance: ['phải là số nguyên, ví dụ 1.200'],
      latitude: ['không được để trống'],
      hostKind: ['không được để trống'],
      candidateDates: ['không đọc được 32/08/2027: ngày phải có dạng dd/mm/yyyy, ví dụ 12/08/2027'],
      'weights.spread': ['phải là số, ví dụ 22,3964'],
      'items.1.offsetDays': ['phải là số nguyên, ví dụ 1.200'],
      delegateOffsetsMinutes: ['không đọc được hai giờ: mỗi mốc phải là số nguyên kèm ngày, giờ hoặc phút, ví dụ 7 ngày, 2 giờ'],
    });
  });

  it('refuses a choice that is not among those allowed', () => {
    expect(refusalOf({ role: oneOf('guest', ['chief_guest', 'accompanying'] as const) }).fieldErrors).toEqual({
      role: ['giá trị không thuộc danh sách cho phép'],
    });
  });

  it('refuses a date, a time and an amount that are not ones', () => {
    expect(
      refusalOf({ dueDate: date('31/09/2027'), startTime: time('25:00'), plannedVnd: vnd('', { required: true }), actualVnd: vnd('33,5 triệu') }).fieldErrors,
    ).toEqual({
      dueDate: ['phải có dạng dd/mm/yyyy, ví dụ 12/08/2027'],
      startTime: ['phải là giờ dạng HH:mm, ví dụ 07:30'],
      plannedVnd: ['không được để trống'],
      actualVnd: ['phải là số nguyên (đồng), ví dụ 45.000.000'],
    });
  });
});

describe('changedFields', () => {
  it('keeps only what differs from what was read, compared by value', () => {
    const before = { theme: 'Chủ đề', windowStart: '2027-07-01', candidateDates: ['2027-08-12'], coHost: null, version: 3 };
    const next = { theme: 'Chủ đề', windowStart: '2027-07-15', candidateDates: ['2027-08-12'], coHost: 'Bộ đội Biên phòng' };
    expect(changedFields(next, before)).toEqual({ windowStart: '2027-07-15', coHost: 'Bộ đội Biên phòng' });
    expect(changedFields({ coHost: null, candidateDates: ['2027-08-12'] }, before)).toEqual({});
  });
});

describe('text', () => {
  it('is sent trimmed; empty, it is left out, or null where that clears it', () => {
    expect(
      read({ presenter: text('  Đoàn văn nghệ '), ownerName: text(''), contactPhone: text(' ', { empty: null }), dueDate: date('', { empty: null }) }),
    ).toEqual({
      presenter: 'Đoàn văn nghệ',
      ownerName: undefined,
      contactPhone: null,
      dueDate: null,
    });
  });
});
