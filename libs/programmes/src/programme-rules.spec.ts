import { BusinessRuleError, DomainError, minutesOfDay } from '@app/common';
import { DEFAULT_PROGRAMME_TEMPLATE, TemplateLine } from './default-programme-template';
import { assertItemFits, layoutTemplate, overlaps, TimedItem } from './programme-rules';
import { ProgrammePart } from './programme.enums';

function item(startTime: string, endTime: string, overrides: Partial<TimedItem> = {}): TimedItem {
  return { id: `${startTime}-${endTime}`, title: `Mục ${startTime}`, startTime, endTime, ...overrides };
}

function thrownBy(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the call to throw');
}

describe('overlaps', () => {
  it('is true for items that share part of their time, in either order', () => {
    expect(overlaps(item('08:00', '09:00'), item('08:30', '09:30'))).toBe(true);
    expect(overlaps(item('08:30', '09:30'), item('08:00', '09:00'))).toBe(true);
  });

  it('is false for items that only touch (one ends as the next starts)', () => {
    expect(overlaps(item('08:00', '09:00'), item('09:00', '10:00'))).toBe(false);
    expect(overlaps(item('09:00', '10:00'), item('08:00', '09:00'))).toBe(false);
  });

  it('is false for items separated by a gap', () => {
    expect(overlaps(item('08:00', '08:30'), item('09:00', '10:00'))).toBe(false);
  });

  it('is true when one item contains the other, in either order', () => {
    expect(overlaps(item('08:00', '12:00'), item('09:00', '10:00'))).toBe(true);
    expect(overlaps(item('09:00', '10:00'), item('08:00', '12:00'))).toBe(true);
  });

  it('is true for identical times', () => {
    expect(overlaps(item('08:00', '09:00'), item('08:00', '09:00', { id: 'other' }))).toBe(true);
  });
});

describe('assertItemFits', () => {
  const hours = { startTime: '07:30', endTime: '11:00' };

  it('accepts an item inside the venue hours with no other items', () => {
    expect(() => assertItemFits(item('07:30', '08:00'), [], hours)).not.toThrow();
  });

  it.each([
    ['09:00', '08:00'],
    ['09:00', '09:00'],
  ])('refuses an item from %s to %s with TIMES_NOT_ORDERED', (startTime, endTime) => {
    const error = thrownBy(() => assertItemFits(item(startTime, endTime, { title: 'Chào cờ' }), [], null));
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'TIMES_NOT_ORDERED', status: 422, details: { title: 'Chào cờ', startTime, endTime } });
  });

  it.each([
    ['07:00', '08:00', 'starts before the venue opens'],
    ['10:30', '11:30', 'ends after the venue closes'],
    ['06:00', '12:00', 'spans the whole day'],
  ])('refuses an item from %s to %s that %s with PROGRAMME_OUTSIDE_VENUE_DAY', (startTime, endTime) => {
    const error = thrownBy(() => assertItemFits(item(startTime, endTime, { title: 'Văn nghệ' }), [], hours));
    expect(error).toMatchObject({ code: 'PROGRAMME_OUTSIDE_VENUE_DAY', status: 422, details: { venueHours: hours } });
    expect(error.message).toContain('"Văn nghệ"');
    expect(error.message).toContain('07:30–11:00');
  });

  it('accepts an item that exactly fills the venue hours', () => {
    expect(() => assertItemFits(item('07:30', '11:00'), [], hours)).not.toThrow();
  });

  it('allows any time of the day while the venue has no hours yet', () => {
    expect(() => assertItemFits(item('00:00', '23:59'), [], null)).not.toThrow();
    expect(() => assertItemFits(item('05:00', '06:00'), [], null)).not.toThrow();
  });

  it('refuses an item that overlaps another, naming the clashing item in details.conflictsWith', () => {
    const existing = [item('07:30', '08:00', { id: 'a', title: 'Chào cờ' }), item('08:00', '08:30', { id: 'b', title: 'Diễn văn' })];
    const error = thrownBy(() => assertItemFits(item('08:15', '08:45', { id: 'new', title: 'Tham luận' }), existing, hours));
    expect(error).toMatchObject({
      code: 'PROGRAMME_OVERLAP',
      status: 422,
      details: {
        item: { id: 'new', title: 'Tham luận', startTime: '08:15', endTime: '08:45' },
        conflictsWith: { id: 'b', title: 'Diễn văn', startTime: '08:00', endTime: '08:30' },
      },
    });
    expect(error.message).toContain('"Diễn văn" (08:00–08:30)');
  });

  it('refuses a new item (no id yet) that overlaps a saved one', () => {
    const newItem: TimedItem = { title: 'Mới', startTime: '08:00', endTime: '09:00' };
    expect(() => assertItemFits(newItem, [item('08:30', '09:30', { id: 'saved' })], null)).toThrow(expect.objectContaining({ code: 'PROGRAMME_OVERLAP' }));
  });

  it('accepts an item that touches its neighbours on both sides', () => {
    const existing = [item('07:30', '08:00', { id: 'a' }), item('09:00', '10:00', { id: 'c' })];
    expect(() => assertItemFits(item('08:00', '09:00', { id: 'b' }), existing, hours)).not.toThrow();
  });

  it('does not let an item edited in place clash with its own stored copy (same id)', () => {
    const stored = item('08:00', '09:00', { id: 'same', title: 'Cũ' });
    const edited = item('08:30', '09:30', { id: 'same', title: 'Đã sửa' });
    expect(() => assertItemFits(edited, [stored], hours)).not.toThrow();
  });

  it('still finds a clash with another item when the edited item is among the others', () => {
    const stored = item('08:00', '09:00', { id: 'same' });
    const neighbour = item('09:00', '10:00', { id: 'next', title: 'Kế tiếp' });
    const edited = item('08:30', '09:30', { id: 'same' });
    const error = thrownBy(() => assertItemFits(edited, [stored, neighbour], hours));
    expect(error).toMatchObject({ code: 'PROGRAMME_OVERLAP', details: { conflictsWith: { id: 'next' } } });
  });

  it('checks order before hours, and hours before overlaps', () => {
    const clash = [item('07:00', '08:00', { id: 'x' })];
    expect(thrownBy(() => assertItemFits(item('08:00', '07:00'), clash, hours)).code).toBe('TIMES_NOT_ORDERED');
    expect(thrownBy(() => assertItemFits(item('07:00', '07:45'), clash, hours)).code).toBe('PROGRAMME_OUTSIDE_VENUE_DAY');
  });
});

describe('layoutTemplate', () => {
  const lines: TemplateLine[] = [
    { part: ProgrammePart.Ceremony, title: 'Chào cờ', durationMinutes: 5 },
    { part: ProgrammePart.Ceremony, title: 'Diễn văn', durationMinutes: 15 },
    { part: ProgrammePart.Festivities, title: 'Văn nghệ', durationMinutes: 40 },
  ];

  it('lays the lines end to end from the start time, keeping their fields', () => {
    expect(layoutTemplate(lines, '07:30')).toEqual([
      { part: ProgrammePart.Ceremony, title: 'Chào cờ', durationMinutes: 5, startTime: '07:30', endTime: '07:35' },
      { part: ProgrammePart.Ceremony, title: 'Diễn văn', durationMinutes: 15, startTime: '07:35', endTime: '07:50' },
      { part: ProgrammePart.Festivities, title: 'Văn nghệ', durationMinutes: 40, startTime: '07:50', endTime: '08:30' },
    ]);
  });

  it('crosses hour boundaries correctly', () => {
    const laidOut = layoutTemplate([{ part: ProgrammePart.Ceremony, title: 'Dài', durationMinutes: 125 }], '09:50');
    expect(laidOut[0]).toMatchObject({ startTime: '09:50', endTime: '11:55' });
  });

  it('gives an empty programme for an empty template', () => {
    expect(layoutTemplate([], '07:30')).toEqual([]);
  });

  it('lays out items that do not overlap one another', () => {
    const laidOut = layoutTemplate(DEFAULT_PROGRAMME_TEMPLATE, '07:30');
    expect(() => laidOut.forEach((line, index) => assertItemFits(line, laidOut.slice(0, index), null))).not.toThrow();
  });

  it('allows a programme that ends at 23:59', () => {
    const laidOut = layoutTemplate(lines, '22:59');
    expect(laidOut[laidOut.length - 1].endTime).toBe('23:59');
  });

  it.each(['23:01', '23:30'])('refuses a layout starting at %s that runs past midnight with PROGRAMME_PAST_MIDNIGHT', (startTime) => {
    const error = thrownBy(() => layoutTemplate(lines, startTime));
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect(error).toMatchObject({ code: 'PROGRAMME_PAST_MIDNIGHT', status: 422, details: { startTime } });
    expect(error.message).toContain('nửa đêm');
  });

  it('refuses a layout that would end exactly at midnight', () => {
    expect(() => layoutTemplate(lines, '23:00')).toThrow(expect.objectContaining({ code: 'PROGRAMME_PAST_MIDNIGHT' }));
    expect(() => layoutTemplate([{ part: ProgrammePart.Ceremony, title: 'Cuối', durationMinutes: 60 }], '23:00')).toThrow(
      expect.objectContaining({ code: 'PROGRAMME_PAST_MIDNIGHT' }),
    );
  });
});

describe('DEFAULT_PROGRAMME_TEMPLATE', () => {
  const total = DEFAULT_PROGRAMME_TEMPLATE.reduce((sum, line) => sum + line.durationMinutes, 0);

  it('lasts 190 minutes (3 h 10 min) in all', () => {
    expect(total).toBe(190);
  });

  it('puts the ceremony (phần lễ) first and the festivities (phần hội) after it', () => {
    expect(DEFAULT_PROGRAMME_TEMPLATE[0].part).toBe(ProgrammePart.Ceremony);
    const firstFestivity = DEFAULT_PROGRAMME_TEMPLATE.findIndex((line) => line.part === ProgrammePart.Festivities);
    expect(firstFestivity).toBeGreaterThan(0);
    expect(DEFAULT_PROGRAMME_TEMPLATE.slice(0, firstFestivity).every((line) => line.part === ProgrammePart.Ceremony)).toBe(true);
    expect(DEFAULT_PROGRAMME_TEMPLATE.slice(firstFestivity).every((line) => line.part === ProgrammePart.Festivities)).toBe(true);
  });

  it('opens the ceremony with the welcome performance and the flag salute', () => {
    expect(DEFAULT_PROGRAMME_TEMPLATE.slice(0, 2).map((line) => line.title)).toEqual(['Văn nghệ chào mừng', 'Chào cờ']);
  });

  it('has only positive durations and non-empty titles', () => {
    for (const line of DEFAULT_PROGRAMME_TEMPLATE) {
      expect(line.durationMinutes).toBeGreaterThan(0);
      expect(line.title.trim()).not.toBe('');
    }
  });

  it('laid out from 07:30 ends at 10:40', () => {
    const laidOut = layoutTemplate(DEFAULT_PROGRAMME_TEMPLATE, '07:30');
    expect(laidOut).toHaveLength(DEFAULT_PROGRAMME_TEMPLATE.length);
    expect(laidOut[0].startTime).toBe('07:30');
    expect(laidOut[laidOut.length - 1].endTime).toBe('10:40');
    expect(minutesOfDay('10:40') - minutesOfDay('07:30')).toBe(total);
  });
});
