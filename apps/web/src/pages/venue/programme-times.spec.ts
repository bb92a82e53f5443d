import { describe, expect, it } from '@jest/globals';
import { programmeTimeChoices } from './programme-times';

describe('programmeTimeChoices', () => {
  const hours = { startTime: '07:30', endTime: '11:30' };

  it('offers starts from the opening to the last step before closing, and ends after it up to the closing', () => {
    const { start, end } = programmeTimeChoices(hours, 30, '');
    expect(start).toEqual(['07:30', '08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00']);
    expect(end).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
  });

  it('offers ends after the start typed (in any form the field reads), still up to the closing', () => {
    expect(programmeTimeChoices(hours, 30, '10h').end).toEqual(['10:30', '11:00', '11:30']);
    expect(programmeTimeChoices(hours, 15, '10:50').end).toEqual(['11:00', '11:15', '11:30']);
  });

  it('ignores a start outside the hours or not yet readable: the ends then run from the opening', () => {
    const fromOpening = programmeTimeChoices(hours, 60, '').end;
    expect(fromOpening).toEqual(['08:00', '09:00', '10:00', '11:00', '11:30']);
    expect(programmeTimeChoices(hours, 60, '06:00').end).toEqual(fromOpening);
    expect(programmeTimeChoices(hours, 60, '11:30').end).toEqual(fromOpening);
    expect(programmeTimeChoices(hours, 60, '7:').end).toEqual(fromOpening);
  });

  it('keeps hours that are off the step, and keeps to the step on the clock in between', () => {
    const { start, end } = programmeTimeChoices({ startTime: '07:40', endTime: '09:10' }, 15, '');
    expect(start).toEqual(['07:40', '07:45', '08:00', '08:15', '08:30', '08:45', '09:00']);
    expect(end).toEqual(['07:45', '08:00', '08:15', '08:30', '08:45', '09:00', '09:10']);
  });

  it('offers the whole day for a venue without hours (not yet scheduled), ends after the start typed', () => {
    const { start, end } = programmeTimeChoices(null, 60, '');
    expect(start).toHaveLength(24);
    expect(start[0]).toBe('00:00');
    expect(end).toEqual(start);
    expect(programmeTimeChoices(null, 60, '21:00').end).toEqual(['22:00', '23:00']);
  });
});
