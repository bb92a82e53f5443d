import { dedupeKey, DEFAULT_DELEGATE_OFFSETS_MINUTES, isMissed, plannedReminders } from './reminder-rules';

describe('reminder rules', () => {
  const start = new Date('2030-08-12T00:30:00.000Z'); // 07:30 in Asia/Ho_Chi_Minh

  it('plans the default 7 days, 1 day and 2 hours before the event, earliest first', () => {
    const planned = plannedReminders(start, DEFAULT_DELEGATE_OFFSETS_MINUTES, new Date('2030-07-01T00:00:00Z'));
    expect(planned.map((reminder) => reminder.dueAt.toISOString())).toEqual([
      '2030-08-05T00:30:00.000Z',
      '2030-08-11T00:30:00.000Z',
      '2030-08-11T22:30:00.000Z',
    ]);
    expect(planned.map((reminder) => reminder.offsetMinutes)).toEqual([10080, 1440, 120]);
  });

  it('skips reminders whose moment has passed and ignores repeated offsets', () => {
    const planned = plannedReminders(start, [10080, 1440, 1440, 120], new Date('2030-08-10T00:00:00Z'));
    expect(planned.map((reminder) => reminder.offsetMinutes)).toEqual([1440, 120]);
    expect(plannedReminders(start, [120], start)).toEqual([]);
  });

  it('treats a reminder as missed only beyond the grace window', () => {
    const due = new Date('2030-08-11T22:30:00Z');
    expect(isMissed(due, new Date('2030-08-11T23:29:59Z'), 60)).toBe(false);
    expect(isMissed(due, new Date('2030-08-11T23:30:00Z'), 60)).toBe(false);
    expect(isMissed(due, new Date('2030-08-11T23:30:01Z'), 60)).toBe(true);
    expect(isMissed(due, new Date('2030-08-11T22:30:01Z'), 0)).toBe(true);
  });

  it('keys a reminder by kind, subject and offset', () => {
    expect(dedupeKey('delegate_event', 'abc', 120)).toBe('delegate_event:abc:120');
  });
});
