import { DateRange, invalidRanges, isUnavailableOn } from './leader-rules';

const range = (startDate: string, endDate: string): DateRange => ({ startDate, endDate });

describe('isUnavailableOn', () => {
  const ranges = [range('2027-08-10', '2027-08-12'), range('2027-08-18', '2027-08-18')];

  it.each(['2027-08-10', '2027-08-11', '2027-08-12', '2027-08-18'])('is true on %s (bounds included)', (date) => {
    expect(isUnavailableOn(ranges, date)).toBe(true);
  });

  it.each(['2027-08-09', '2027-08-13', '2027-08-17', '2027-08-19'])('is false on %s, outside every range', (date) => {
    expect(isUnavailableOn(ranges, date)).toBe(false);
  });

  it('is false for a leader with no unavailability', () => {
    expect(isUnavailableOn([], '2027-08-19')).toBe(false);
  });

  it('compares calendar dates across months and years', () => {
    expect(isUnavailableOn([range('2027-07-30', '2027-08-02')], '2027-08-01')).toBe(true);
    expect(isUnavailableOn([range('2027-12-30', '2028-01-02')], '2028-01-01')).toBe(true);
  });
});

describe('invalidRanges', () => {
  it('accepts no ranges', () => {
    expect(invalidRanges([])).toEqual([]);
  });

  it('accepts separate ranges in any order', () => {
    expect(invalidRanges([range('2027-08-15', '2027-08-20'), range('2027-08-01', '2027-08-05')])).toEqual([]);
  });

  it('accepts adjacent ranges that do not share a day', () => {
    expect(invalidRanges([range('2027-08-01', '2027-08-05'), range('2027-08-06', '2027-08-10')])).toEqual([]);
  });

  it('accepts a one-day range', () => {
    expect(invalidRanges([range('2027-08-19', '2027-08-19')])).toEqual([]);
  });

  it('finds an inverted range', () => {
    const inverted = range('2027-08-10', '2027-08-01');
    expect(invalidRanges([range('2027-07-01', '2027-07-05'), inverted])).toEqual([inverted]);
  });

  it('finds ranges that share a single boundary day', () => {
    const later = range('2027-08-05', '2027-08-10');
    expect(invalidRanges([range('2027-08-01', '2027-08-05'), later])).toEqual([later]);
  });

  it('finds overlapping ranges given out of order', () => {
    const first = range('2027-08-01', '2027-08-10');
    const second = range('2027-08-08', '2027-08-12');
    expect(invalidRanges([second, first])).toEqual([second]);
  });

  it('finds duplicate ranges', () => {
    expect(invalidRanges([range('2027-08-01', '2027-08-03'), range('2027-08-01', '2027-08-03')])).toHaveLength(1);
  });

  it('refuses any set of ranges that contains an overlap (the list is never empty then)', () => {
    const ranges = [range('2027-08-01', '2027-08-31'), range('2027-08-02', '2027-08-03'), range('2027-08-10', '2027-08-12')];
    expect(invalidRanges(ranges).length).toBeGreaterThan(0);
  });

  // Regression: each range used to be compared only with the one sorted just before it.
  it('reports every range that overlaps an earlier one, not only the one right after it', () => {
    const whole = range('2027-08-01', '2027-08-31');
    const short = range('2027-08-02', '2027-08-03');
    const inside = range('2027-08-10', '2027-08-12');
    expect(invalidRanges([whole, short, inside])).toEqual(expect.arrayContaining([short, inside]));
  });

  // Regression: a range both inverted and overlapping used to be reported twice.
  it('reports an inverted range that also overlaps another only once', () => {
    const inverted = range('2027-08-03', '2027-08-01');
    expect(invalidRanges([range('2027-08-01', '2027-08-05'), inverted])).toEqual([inverted]);
  });
});
