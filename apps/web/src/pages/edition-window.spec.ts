import { describe, expect, it } from '@jest/globals';
import { windowLimits } from './edition-window';

describe('windowLimits', () => {
  it('keeps every date in the edition’s year, the end from the start on, the national day inside the window', () => {
    expect(windowLimits('2027', '01/07/2027', '19/08/2027')).toEqual({
      windowStart: { min: '2027-01-01', max: '2027-12-31', month: '2027-07-01' },
      windowEnd: { min: '2027-07-01', max: '2027-12-31', month: '2027-08-01' },
      nationalDay: { min: '2027-07-01', max: '2027-08-19', month: '2027-08-01' },
    });
  });

  it('falls back to the year while the window is empty or not yet a date', () => {
    const limits = windowLimits(' 2028 ', '', '3/9/28');
    expect(limits.windowEnd).toEqual({ min: '2028-01-01', max: '2028-12-31', month: '2028-08-01' });
    expect(limits.nationalDay).toEqual({ min: '2028-01-01', max: '2028-12-31', month: '2028-08-01' });
  });

  it('sets no limit without a year', () => {
    expect(windowLimits('20', '', '')).toEqual({
      windowStart: { min: undefined, max: undefined, month: undefined },
      windowEnd: { min: undefined, max: undefined, month: undefined },
      nationalDay: { min: undefined, max: undefined, month: undefined },
    });
    expect(windowLimits('', '05/07/2027', '').nationalDay).toEqual({ min: '2027-07-05', max: undefined, month: undefined });
  });
});
