import { DateTime } from 'luxon';
import {
  FESTIVAL_TIME_ZONE,
  formatVietnameseDate,
  instantToLocalDate,
  instantToLocalTime,
  isIsoDate,
  LOCAL_TIME_PATTERN,
  localToInstant,
  minutesOfDay,
  timeOfMinutes,
  todayInFestivalZone,
} from './time';

describe('FESTIVAL_TIME_ZONE', () => {
  it('is Asia/Ho_Chi_Minh', () => {
    expect(FESTIVAL_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });
});

describe('localToInstant', () => {
  it('reads a wall-clock time in Vietnam (UTC+07:00)', () => {
    expect(localToInstant('2027-08-12', '07:30').toISOString()).toBe('2027-08-12T00:30:00.000Z');
    expect(localToInstant('2027-08-19', '14:00').toISOString()).toBe('2027-08-19T07:00:00.000Z');
  });

  it('puts a local time before 07:00 on the previous UTC day', () => {
    expect(localToInstant('2027-08-12', '00:00').toISOString()).toBe('2027-08-11T17:00:00.000Z');
    expect(localToInstant('2027-08-12', '06:59').toISOString()).toBe('2027-08-11T23:59:00.000Z');
  });

  it('uses the same +07:00 offset in winter (no daylight saving)', () => {
    expect(localToInstant('2027-01-15', '12:00').toISOString()).toBe('2027-01-15T05:00:00.000Z');
  });

  it('throws a RangeError for an impossible date or time', () => {
    expect(() => localToInstant('2027-02-30', '07:30')).toThrow(RangeError);
    expect(() => localToInstant('2027-08-12', '25:00')).toThrow(RangeError);
  });
});

describe('instantToLocalDate and instantToLocalTime', () => {
  it('give the Vietnamese calendar date and wall-clock time of an instant', () => {
    const instant = new Date('2027-08-12T00:30:00.000Z');
    expect(instantToLocalDate(instant)).toBe('2027-08-12');
    expect(instantToLocalTime(instant)).toBe('07:30');
  });

  it('put an instant at 18:00Z on the next local day', () => {
    const instant = new Date('2027-08-11T18:00:00.000Z');
    expect(instantToLocalDate(instant)).toBe('2027-08-12');
    expect(instantToLocalTime(instant)).toBe('01:00');
  });

  it('keep an instant just before 17:00Z on the same local day', () => {
    const instant = new Date('2027-08-11T16:59:00.000Z');
    expect(instantToLocalDate(instant)).toBe('2027-08-11');
    expect(instantToLocalTime(instant)).toBe('23:59');
  });

  it('change local day exactly at 17:00Z', () => {
    const instant = new Date('2027-08-11T17:00:00.000Z');
    expect(instantToLocalDate(instant)).toBe('2027-08-12');
    expect(instantToLocalTime(instant)).toBe('00:00');
  });

  it.each([
    ['2027-08-12', '07:30'],
    ['2027-08-12', '00:00'],
    ['2027-08-12', '23:59'],
    ['2027-12-31', '23:30'],
    ['2028-02-29', '06:15'],
  ])('round-trip %s %s through localToInstant', (date, time) => {
    const instant = localToInstant(date, time);
    expect(instantToLocalDate(instant)).toBe(date);
    expect(instantToLocalTime(instant)).toBe(time);
  });
});

describe('todayInFestivalZone', () => {
  it('is the Vietnamese date of the given instant', () => {
    expect(todayInFestivalZone(new Date('2027-08-18T17:30:00.000Z'))).toBe('2027-08-19');
    expect(todayInFestivalZone(new Date('2027-08-18T16:30:00.000Z'))).toBe('2027-08-18');
  });

  it('defaults to now and returns a YYYY-MM-DD date', () => {
    expect(isIsoDate(todayInFestivalZone())).toBe(true);
  });

  it('moves to the next day at midnight in Vietnam, and back for an earlier instant, though it remembers the day', () => {
    const answers = [
      '2027-08-18T16:59:59.999Z',
      '2027-08-18T17:00:00.000Z',
      '2027-08-19T16:59:59.999Z',
      '2027-08-18T16:59:59.999Z',
      '2027-08-19T17:00:00.000Z',
    ].map((instant) => todayInFestivalZone(new Date(instant)));
    expect(answers).toEqual(['2027-08-18', '2027-08-19', '2027-08-19', '2027-08-18', '2027-08-20']);
  });
});

describe('minutesOfDay and timeOfMinutes', () => {
  it.each([
    ['00:00', 0],
    ['07:30', 450],
    ['12:05', 725],
    ['23:59', 1439],
  ])('%s is %i minutes after midnight, and back', (time, minutes) => {
    expect(minutesOfDay(time)).toBe(minutes);
    expect(timeOfMinutes(minutes)).toBe(time);
  });

  it('pads single-digit hours and minutes', () => {
    expect(timeOfMinutes(65)).toBe('01:05');
  });

  it('round-trips every minute of the day', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 1) {
      expect(minutesOfDay(timeOfMinutes(minutes))).toBe(minutes);
    }
  });
});

describe('isIsoDate', () => {
  it.each(['2027-08-19', '2028-02-29', '2027-12-31', '2027-01-01'])('accepts the real date %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['2027-02-30', 'a day February does not have'],
    ['2027-02-29', 'the 29th of February in a common year'],
    ['2027-13-01', 'a thirteenth month'],
    ['2027-2-3', 'unpadded month and day'],
    ['19/08/2027', 'the Vietnamese display format'],
    ['2027-08-19T00:00', 'a date with a time'],
    ['', 'an empty string'],
  ])('rejects %j (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('LOCAL_TIME_PATTERN', () => {
  it.each(['00:00', '07:30', '23:59'])('accepts %s', (value) => {
    expect(LOCAL_TIME_PATTERN.test(value)).toBe(true);
  });

  it.each(['24:00', '7:30', '07:60', '07:30:00'])('rejects %s', (value) => {
    expect(LOCAL_TIME_PATTERN.test(value)).toBe(false);
  });
});

describe('formatVietnameseDate', () => {
  it.each([
    ['2027-08-19', '19/08/2027'],
    ['2027-07-01', '01/07/2027'],
    ['2027-12-31', '31/12/2027'],
  ])('shows %s as %s (day/month/year)', (date, shown) => {
    expect(formatVietnameseDate(date)).toBe(shown);
  });
});

describe('the remembered festival days', () => {
  it('give the same dates and times as a zoned luxon DateTime, across midnights and the 1975 change of offset', () => {
    const starts = ['2027-08-11T16:00:00Z', '2030-12-31T16:30:00Z', '1975-06-12T12:00:00Z'];
    for (const start of starts) {
      for (let step = 0; step < 4 * 24 * 4; step++) {
        const instant = new Date(Date.parse(start) + step * 15 * 60_000 + (step % 7) * 1_000);
        const zoned = DateTime.fromJSDate(instant, { zone: FESTIVAL_TIME_ZONE });
        expect([instantToLocalDate(instant), instantToLocalTime(instant)]).toEqual([zoned.toISODate(), zoned.toFormat('HH:mm')]);
      }
    }
  });
});

describe('formatVietnameseDate on any string', () => {
  it('shows a real date by its digits and an impossible one as luxon does', () => {
    expect(formatVietnameseDate('2028-02-29')).toBe('29/02/2028');
    expect(formatVietnameseDate('2027-02-29')).toBe(DateTime.fromISO('2027-02-29').toFormat('dd/MM/yyyy'));
    expect(formatVietnameseDate('')).toBe(DateTime.fromISO('').toFormat('dd/MM/yyyy'));
  });
});
