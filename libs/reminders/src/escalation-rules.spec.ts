import { escalationTimes, nextSlot, StoredEscalation } from './escalation-rules';

const iso = (times: Array<Date | null>) => times.map((time) => time?.toISOString() ?? null);
const HOUR = 3_600_000;

describe('escalation rules', () => {
  it('takes the next 08:00 or 14:00 local after now, the next morning after the afternoon slot', () => {
    expect(nextSlot(new Date('2030-08-06T00:30:00Z')).toISOString()).toBe('2030-08-06T01:00:00.000Z'); // 07:30 → 08:00
    expect(nextSlot(new Date('2030-08-06T01:00:00Z')).toISOString()).toBe('2030-08-06T07:00:00.000Z'); // at 08:00 → 14:00 (strictly after)
    expect(nextSlot(new Date('2030-08-06T09:00:00Z')).toISOString()).toBe('2030-08-07T01:00:00.000Z'); // 16:00 → 08:00 tomorrow
    expect(nextSlot(new Date('2030-08-06T17:30:00Z')).toISOString()).toBe('2030-08-07T01:00:00.000Z'); // 00:30 local on the 7th
    expect(nextSlot(new Date('2030-08-06T09:00:00Z'), ['17:00']).toISOString()).toBe('2030-08-06T10:00:00.000Z');
  });

  const deadline = new Date('2030-08-05T10:00:00Z'); // 17:00 local
  const steps = [
    { offsetMinutes: -1440, natural: new Date(deadline.getTime() + 24 * HOUR) },
    { offsetMinutes: -2880, natural: new Date(deadline.getTime() + 48 * HOUR) },
  ];

  it('keeps every step at its own moment while that is ahead', () => {
    expect(iso(escalationTimes(steps, 24 * HOUR, new Date('2030-08-01T00:00:00Z')))).toEqual(['2030-08-06T10:00:00.000Z', '2030-08-07T10:00:00.000Z']);
  });

  it('sends a task overdue for days (a venue approved late) at the next slot, then the centre a gap later', () => {
    const now = new Date('2030-08-20T03:00:00Z'); // 10:00 local, two weeks late
    expect(iso(escalationTimes(steps, 24 * HOUR, now))).toEqual(['2030-08-20T07:00:00.000Z', '2030-08-21T07:00:00.000Z']);
  });

  it('moves a pending escalation a policy change put in the past to the next slot', () => {
    const now = new Date('2030-08-06T11:00:00Z'); // 18:00 local; the delay shortened from 72 h to 24 h
    const stored: StoredEscalation[] = [{ offsetMinutes: -1440, dueAt: new Date('2030-08-08T10:00:00Z'), status: 'pending' }];
    expect(iso(escalationTimes(steps, 24 * HOUR, now, stored))).toEqual(['2030-08-07T01:00:00.000Z', '2030-08-08T01:00:00.000Z']);
  });

  it('is stable: a late step planned for a slot stays there on the next replan, and is not sent twice', () => {
    const first = escalationTimes(steps, 24 * HOUR, new Date('2030-08-20T03:00:00Z'));
    const stored: StoredEscalation[] = [{ offsetMinutes: -1440, dueAt: first[0]!, status: 'pending' }];
    expect(iso(escalationTimes(steps, 24 * HOUR, new Date('2030-08-20T06:59:00Z'), stored))).toEqual(iso(first));
    // Sent at its slot: a replan the next day neither resends it nor pushes the centre's step further.
    const sent: StoredEscalation[] = [
      { offsetMinutes: -1440, dueAt: first[0]!, status: 'sent' },
      { offsetMinutes: -2880, dueAt: first[1]!, status: 'pending' },
    ];
    expect(iso(escalationTimes(steps, 24 * HOUR, new Date('2030-08-21T02:00:00Z'), sent))).toEqual([null, '2030-08-21T07:00:00.000Z']);
  });

  it('leaves a step due now where it is, and plans again one that was missed, failed or cancelled', () => {
    const now = new Date('2030-08-20T03:00:00Z');
    const firing: StoredEscalation[] = [{ offsetMinutes: -1440, dueAt: new Date('2030-08-20T02:59:00Z'), status: 'pending' }];
    expect(iso(escalationTimes(steps, 24 * HOUR, now, firing))[0]).toBe('2030-08-20T02:59:00.000Z');
    for (const status of ['missed', 'failed', 'cancelled'] as const) {
      const stored: StoredEscalation[] = [{ offsetMinutes: -1440, dueAt: new Date('2030-08-06T10:00:00Z'), status }];
      expect(iso(escalationTimes(steps, 24 * HOUR, now, stored))[0]).toBe('2030-08-20T07:00:00.000Z');
    }
  });
});
