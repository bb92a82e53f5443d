import {
  DEFAULT_DELEGATE_OFFSETS_MINUTES,
  DEFAULT_TASK_OFFSETS_DAYS,
  isMissed,
  plannedReminders,
  provinceOfGroup,
  taskDeadline,
  taskReminders,
  venueReminders,
} from './reminder-rules';

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

  describe('organizer reminders', () => {
    const policy = { taskOffsetsDays: DEFAULT_TASK_OFFSETS_DAYS, escalationHours: 24 };
    const at = (reminders: { dueAt: Date }[]) => reminders.map((reminder) => reminder.dueAt.toISOString());

    it('reminds the province at 08:00 local 3 days, 1 day and on the day of a task deadline (17:00 local)', () => {
      expect(taskDeadline('2030-08-05').toISOString()).toBe('2030-08-05T10:00:00.000Z');
      const { deadline } = taskReminders('2030-08-05', '12', policy, new Date('2030-07-01T00:00:00Z'));
      expect(at(deadline)).toEqual(['2030-08-02T01:00:00.000Z', '2030-08-04T01:00:00.000Z', '2030-08-05T01:00:00.000Z']);
      expect(deadline.map((reminder) => reminder.offsetMinutes)).toEqual([3 * 1440 + 540, 1440 + 540, 540]);
      expect(new Set(deadline.map((reminder) => reminder.group))).toEqual(new Set(['province:12']));
    });

    it('escalates an open task N hours after the deadline to the province, 2N hours after to the centre', () => {
      const { escalation } = taskReminders('2030-08-05', '12', { ...policy, escalationHours: 24 }, new Date('2030-07-01T00:00:00Z'));
      expect(escalation.map((reminder) => [reminder.dueAt.toISOString(), reminder.group, reminder.offsetMinutes])).toEqual([
        ['2030-08-06T10:00:00.000Z', 'province:12', -1440],
        ['2030-08-07T10:00:00.000Z', 'planners', -2880],
      ]);
      expect(taskReminders('2030-08-05', '12', { ...policy, escalationHours: 0 }, new Date('2030-07-01T00:00:00Z')).escalation).toEqual([]);
    });

    it('sends an escalation whose moment passed unsent at the next slot, keeping the gap before the centre hears', () => {
      const now = new Date('2030-08-06T12:00:00Z'); // 19:00 local: the province's escalation (17:00) has passed
      const late = taskReminders('2030-08-05', '12', policy, now);
      expect(late.deadline).toEqual([]);
      expect(late.escalation.map((reminder) => [reminder.dueAt.toISOString(), reminder.group, reminder.offsetMinutes])).toEqual([
        ['2030-08-07T01:00:00.000Z', 'province:12', -1440], // 08:00 local the next morning
        ['2030-08-08T01:00:00.000Z', 'planners', -2880], // 24 h after that, not 9 h
      ]);
      // Already told: the province is not told again, the centre keeps its own moment.
      const told = taskReminders('2030-08-05', '12', policy, now, [{ offsetMinutes: -1440, dueAt: new Date('2030-08-06T10:00:00Z'), status: 'sent' }]);
      expect(told.escalation.map((reminder) => [reminder.dueAt.toISOString(), reminder.group])).toEqual([['2030-08-07T10:00:00.000Z', 'planners']]);
    });

    it("reminds the province before its venue's festival day, counting back from the opening", () => {
      const opening = new Date('2030-08-12T00:30:00.000Z'); // 07:30 local
      const reminders = venueReminders('2030-08-12', opening, '66', [7, 1], new Date('2030-07-01T00:00:00Z'));
      expect(at(reminders)).toEqual(['2030-08-05T01:00:00.000Z', '2030-08-11T01:00:00.000Z']);
      expect(reminders.map((reminder) => reminder.offsetMinutes)).toEqual([7 * 1440 - 30, 1440 - 30]);
      expect(venueReminders('2030-08-12', null, '66', [1], new Date('2030-07-01T00:00:00Z'))[0].offsetMinutes).toBe(1440);
    });

    it('reads the province back from a recipient group', () => {
      expect(provinceOfGroup('province:12')).toBe('12');
      expect(provinceOfGroup('planners')).toBeNull();
    });
  });
});
