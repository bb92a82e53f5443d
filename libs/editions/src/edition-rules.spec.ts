import { BusinessRuleError, DomainError } from '@app/common';
import { assertEditionTransition, assertWindow, defaultWindow, EDITION_STATUS_NAMES, isWithinWindow } from './edition-rules';
import { EditionStatus } from './edition.entity';

const ORDER = [EditionStatus.Planning, EditionStatus.Inviting, EditionStatus.Running, EditionStatus.Closed];

function thrownBy(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to throw');
}

describe('assertEditionTransition', () => {
  const pairs = ORDER.flatMap((from, i) => ORDER.map((to, j) => [from, to, j === i + 1] as const));
  const forward = pairs.filter(([, , ok]) => ok).map(([from, to]) => [from, to] as const);
  const refused = pairs.filter(([, , ok]) => !ok).map(([from, to]) => [from, to] as const);

  it('knows every status', () => {
    expect([...ORDER].sort()).toEqual(Object.values(EditionStatus).sort());
  });

  it('has exactly three forward steps among the sixteen pairs', () => {
    expect(forward).toEqual([
      [EditionStatus.Planning, EditionStatus.Inviting],
      [EditionStatus.Inviting, EditionStatus.Running],
      [EditionStatus.Running, EditionStatus.Closed],
    ]);
    expect(refused).toHaveLength(13);
  });

  it.each(forward)('allows one step forward from %s to %s', (from, to) => {
    expect(() => assertEditionTransition(from, to)).not.toThrow();
  });

  it.each(refused)('refuses %s → %s with INVALID_TRANSITION (409)', (from, to) => {
    const error = thrownBy(() => assertEditionTransition(from, to));
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', status: 409 });
    const next = ORDER[ORDER.indexOf(from) + 1];
    expect(error.details).toEqual({ from, to, allowed: next ? [next] : [] });
    expect(error.message).toContain(`"${EDITION_STATUS_NAMES[from]}"`);
    expect(error.message).toContain(`"${EDITION_STATUS_NAMES[to]}"`);
  });

  it('lists no allowed next status for a closed edition', () => {
    expect(thrownBy(() => assertEditionTransition(EditionStatus.Closed, EditionStatus.Planning)).details).toMatchObject({ allowed: [] });
  });
});

describe('defaultWindow', () => {
  it('runs from 1 July to the national day, 19 August, of the year', () => {
    expect(defaultWindow(2027)).toEqual({ windowStart: '2027-07-01', windowEnd: '2027-08-19', nationalDay: '2027-08-19' });
  });

  it('is itself a valid window', () => {
    const { windowStart, windowEnd, nationalDay } = defaultWindow(2030);
    expect(() => assertWindow(2030, windowStart, windowEnd, nationalDay)).not.toThrow();
  });
});

describe('assertWindow', () => {
  it('accepts a window of the edition year that contains the national day', () => {
    expect(() => assertWindow(2027, '2027-07-15', '2027-08-31', '2027-08-19')).not.toThrow();
  });

  it('accepts a national day on either bound of the window', () => {
    expect(() => assertWindow(2027, '2027-08-19', '2027-08-30', '2027-08-19')).not.toThrow();
    expect(() => assertWindow(2027, '2027-07-01', '2027-08-19', '2027-08-19')).not.toThrow();
  });

  it('accepts a one-day window', () => {
    expect(() => assertWindow(2027, '2027-08-19', '2027-08-19', '2027-08-19')).not.toThrow();
  });

  it.each([
    ['a start in another year', '2026-12-01', '2027-08-19', '2027-08-19'],
    ['an end in another year', '2027-07-01', '2028-01-10', '2027-08-19'],
    ['a national day in another year', '2027-07-01', '2027-08-19', '2026-08-19'],
    ['an inverted window', '2027-08-19', '2027-07-01', '2027-08-19'],
    ['a national day before the window', '2027-08-20', '2027-08-30', '2027-08-19'],
    ['a national day after the window', '2027-07-01', '2027-08-18', '2027-08-19'],
  ])('refuses %s with INVALID_WINDOW', (_label, windowStart, windowEnd, nationalDay) => {
    const error = thrownBy(() => assertWindow(2027, windowStart, windowEnd, nationalDay));
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'INVALID_WINDOW', status: 422, details: { year: 2027, windowStart, windowEnd, nationalDay } });
    expect(error.message).toContain('Thời gian tổ chức không hợp lệ');
  });

  it('refuses a window that is entirely in another year', () => {
    const { windowStart, windowEnd, nationalDay } = defaultWindow(2028);
    expect(() => assertWindow(2027, windowStart, windowEnd, nationalDay)).toThrow(expect.objectContaining({ code: 'INVALID_WINDOW' }));
  });
});

describe('isWithinWindow', () => {
  const edition = { windowStart: '2027-07-01', windowEnd: '2027-08-19' };

  it.each(['2027-07-01', '2027-07-31', '2027-08-19'])('includes %s (bounds are inclusive)', (date) => {
    expect(isWithinWindow(date, edition)).toBe(true);
  });

  it.each(['2027-06-30', '2027-08-20', '2026-08-01', '2028-07-15'])('excludes %s', (date) => {
    expect(isWithinWindow(date, edition)).toBe(false);
  });
});
