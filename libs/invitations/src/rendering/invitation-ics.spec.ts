import ICAL from 'ical.js';

import { FESTIVAL_TIME_ZONE } from '@app/common/time';

import { buildFeedIcs, buildInvitationIcs } from './invitation-ics';
import { InvitationEvent } from './rendering.types';

function invitationEvent(overrides: Partial<InvitationEvent> = {}): InvitationEvent {
  return {
    uid: '7f1c2a40-0000-4000-8000-000000000001@ngayhoi.vn',
    sequence: 3,
    stamp: new Date('2027-07-01T03:04:05Z'),
    summary: 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 - xã Yên Thường',
    description: 'Giấy mời dự Ngày hội.\nPhần lễ: 07:30 - 09:00; Phần hội: 09:00 - 11:30.',
    start: new Date('2027-08-19T00:30:00Z'),
    end: new Date('2027-08-19T04:30:00Z'),
    location: {
      title: 'Nhà văn hóa thôn Đông',
      address: 'Thôn Đông, xã Yên Thường, Thành phố Hà Nội',
      latitude: 21.0871,
      longitude: 105.9123,
    },
    organizer: { name: 'Công an thành phố Hà Nội', email: 'bantochuc@ngayhoi.vn' },
    attendee: { name: 'Nguyễn Văn An', email: 'nguyenvanan@example.vn' },
    url: 'https://ngayhoi.vn/rsvp/abc123',
    ...overrides,
  };
}

/** Parses an iCalendar text and registers its VTIMEZONEs, as a receiving client would. */
function parse(text: string): ICAL.Component {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(vtimezone);
  }
  return calendar;
}

function onlyEvent(calendar: ICAL.Component): ICAL.Component {
  const events = calendar.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  return events[0];
}

/** Unfolded content lines (RFC 5545 §3.1), for assertions on the raw text. */
function contentLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** Every TZID= parameter value used anywhere in the calendar. */
function usedTzids(text: string): Set<string> {
  return new Set(
    [
      ...contentLines(text)
        .join('\n')
        .matchAll(/;TZID=([^:;]+)/g),
    ].map((m) => m[1]),
  );
}

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe('buildInvitationIcs (REQUEST)', () => {
  const text = buildInvitationIcs(invitationEvent(), 'REQUEST');

  it('is one VCALENDAR with METHOD:REQUEST, our PRODID and CRLF line endings', () => {
    const calendar = parse(text);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Bo Cong an//ngayhoi//VI');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds lines at 75 octets', () => {
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
  });

  it('carries UID, SEQUENCE and a UTC DTSTAMP', () => {
    const vevent = onlyEvent(parse(text));
    expect(vevent.getFirstPropertyValue('uid')).toBe('7f1c2a40-0000-4000-8000-000000000001@ngayhoi.vn');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(3);
    expect(contentLines(text)).toContain('DTSTAMP:20270701T030405Z');
    const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(stamp.toJSDate().toISOString()).toBe('2027-07-01T03:04:05.000Z');
  });

  it('writes DTSTART/DTEND as Asia/Ho_Chi_Minh wall-clock times that resolve to the same instants', () => {
    const lines = contentLines(text);
    expect(lines).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20270819T073000');
    expect(lines).toContain('DTEND;TZID=Asia/Ho_Chi_Minh:20270819T113000');

    const event = new ICAL.Event(onlyEvent(parse(text)));
    expect(event.startDate.zone.tzid).toBe(FESTIVAL_TIME_ZONE);
    expect(event.startDate.hour).toBe(7);
    expect(event.startDate.minute).toBe(30);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-08-19T00:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-08-19T04:30:00.000Z');
  });

  it('does not depend on the server process time zone', () => {
    // The wall-clock time must come from the festival zone, not from Date#getHours of the process.
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const again = buildInvitationIcs(invitationEvent({ start: new Date('2027-08-18T17:00:00Z') }), 'REQUEST');
      const lines = contentLines(again);
      expect(lines).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:20270819T000000');
      expect(lines).toContain('DTSTAMP:20270701T030405Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('has a VTIMEZONE for every TZID it uses', () => {
    const calendar = parse(text);
    const defined = calendar.getAllSubcomponents('vtimezone').map((vtimezone) => vtimezone.getFirstPropertyValue('tzid'));
    expect(defined).toEqual([FESTIVAL_TIME_ZONE]);
    for (const tzid of usedTzids(text)) expect(defined).toContain(tzid);
  });

  it('has summary, description, location with GEO, and the RSVP URL', () => {
    const vevent = onlyEvent(parse(text));
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe('Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 - xã Yên Thường');
    expect(event.description).toBe('Giấy mời dự Ngày hội.\nPhần lễ: 07:30 - 09:00; Phần hội: 09:00 - 11:30.');
    expect(event.location).toBe('Nhà văn hóa thôn Đông\nThôn Đông, xã Yên Thường, Thành phố Hà Nội');
    expect(vevent.getFirstPropertyValue('geo')).toEqual([21.0871, 105.9123]);
    expect(vevent.getFirstPropertyValue('url')).toBe('https://ngayhoi.vn/rsvp/abc123');
  });

  it('omits URL when none is given', () => {
    const vevent = onlyEvent(parse(buildInvitationIcs(invitationEvent({ url: undefined }), 'REQUEST')));
    expect(vevent.getFirstProperty('url')).toBeNull();
  });

  it('names the organizer and the delegate as an attendee who is asked to reply', () => {
    const vevent = onlyEvent(parse(text));
    const organizer = vevent.getFirstProperty('organizer')!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:bantochuc@ngayhoi.vn');
    expect(organizer.getParameter('cn')).toBe('Công an thành phố Hà Nội');

    const attendees = vevent.getAllProperties('attendee');
    expect(attendees).toHaveLength(1);
    const attendee = attendees[0];
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:nguyenvanan@example.vn');
    expect(attendee.getParameter('cn')).toBe('Nguyễn Văn An');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(attendee.getParameter('rsvp')).toBe('TRUE');
    expect(attendee.getParameter('role')).toBe('REQ-PARTICIPANT');
  });

  it('is CONFIRMED with a display alarm one day before the start', () => {
    const vevent = onlyEvent(parse(text));
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const alarms = vevent.getAllSubcomponents('valarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0].getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(alarms[0].getFirstPropertyValue('description')).toBeTruthy();
    const trigger = alarms[0].getFirstPropertyValue('trigger') as ICAL.Duration;
    expect(trigger.toSeconds()).toBe(-1440 * 60);
  });
});

describe('buildInvitationIcs (CANCEL)', () => {
  const text = buildInvitationIcs(invitationEvent({ sequence: 4 }), 'CANCEL');

  it('is METHOD:CANCEL with STATUS:CANCELLED for the same UID and the raised SEQUENCE', () => {
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = onlyEvent(calendar);
    expect(vevent.getFirstPropertyValue('uid')).toBe('7f1c2a40-0000-4000-8000-000000000001@ngayhoi.vn');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(4);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(contentLines(text).find((line) => line.startsWith('DTSTAMP:'))).toMatch(/Z$/);
  });

  it('keeps organizer and attendee (required by RFC 5546 CANCEL), asks for no reply, sets no alarm', () => {
    const vevent = onlyEvent(parse(text));
    expect(vevent.getFirstProperty('organizer')).not.toBeNull();
    const attendee = vevent.getFirstProperty('attendee')!;
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:nguyenvanan@example.vn');
    expect(attendee.getParameter('rsvp')).not.toBe('TRUE');
    expect(vevent.getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('still has the VTIMEZONE for its TZID', () => {
    const calendar = parse(text);
    expect(calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual([FESTIVAL_TIME_ZONE]);
    expect([...usedTzids(text)]).toEqual([FESTIVAL_TIME_ZONE]);
  });
});

describe('buildFeedIcs', () => {
  const events = [
    invitationEvent(),
    invitationEvent({
      uid: '7f1c2a40-0000-4000-8000-000000000002@ngayhoi.vn',
      sequence: 5,
      start: new Date('2027-08-26T01:00:00Z'),
      end: new Date('2027-08-26T04:00:00Z'),
      cancelled: true,
    }),
  ];
  const text = buildFeedIcs(events, 'Lịch Ngày hội - Nguyễn Văn An');

  it('has no METHOD, a calendar name and a refresh hint', () => {
    const calendar = parse(text);
    expect(calendar.getFirstProperty('method')).toBeNull();
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lịch Ngày hội - Nguyễn Văn An');
    expect(contentLines(text)).toContain('X-PUBLISHED-TTL:PT1H');
  });

  it('lists every event with its UID and SEQUENCE, in the festival zone', () => {
    const vevents = parse(text).getAllSubcomponents('vevent');
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue('uid'))).toEqual(events.map((e) => e.uid));
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue('sequence'))).toEqual([3, 5]);
    const second = new ICAL.Event(vevents[1]);
    expect(second.startDate.zone.tzid).toBe(FESTIVAL_TIME_ZONE);
    expect(second.startDate.hour).toBe(8);
    expect(second.startDate.toJSDate().toISOString()).toBe('2027-08-26T01:00:00.000Z');
  });

  it('marks cancelled events STATUS:CANCELLED and the others CONFIRMED', () => {
    const vevents = parse(text).getAllSubcomponents('vevent');
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue('status'))).toEqual(['CONFIRMED', 'CANCELLED']);
    expect(vevents[1].getAllSubcomponents('valarm')).toHaveLength(0);
  });

  it('is not a scheduling message: no ORGANIZER, no ATTENDEE', () => {
    for (const vevent of parse(text).getAllSubcomponents('vevent')) {
      expect(vevent.getFirstProperty('organizer')).toBeNull();
      expect(vevent.getFirstProperty('attendee')).toBeNull();
    }
  });

  it('has one VTIMEZONE covering the TZIDs used, and none for an empty feed', () => {
    const calendar = parse(text);
    const defined = calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'));
    expect(defined).toEqual([FESTIVAL_TIME_ZONE]);
    for (const tzid of usedTzids(text)) expect(defined).toContain(tzid);

    const empty = parse(buildFeedIcs([], 'Trống'));
    expect(empty.getAllSubcomponents('vevent')).toHaveLength(0);
    expect(empty.getAllSubcomponents('vtimezone')).toHaveLength(0);
  });
});
