import ICAL from 'ical.js';

import { FESTIVAL_TIME_ZONE } from '@app/common/time';

import { buildFeedIcs, buildInvitationIcs, buildInvitationIcsWhole, IcsTemplate } from './invitation-ics';
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

describe('buildInvitationIcs from a venue-day template', () => {
  // A long Vietnamese description (every line folded, several times), as the composer writes one.
  const programme = Array.from(
    { length: 8 },
    (_, index) => `0${7 + index}:00–0${7 + index}:45 Phần hội: Giao lưu văn nghệ, thể thao của các đoàn thể, chi hội phụ nữ thôn số ${index + 1}`,
  );
  function delegate(index: number, overrides: Partial<InvitationEvent> = {}): InvitationEvent {
    const name = ['Nguyễn Văn An', 'Lò Thị Hương', 'Hoàng "Bảy" Đức; Phó Giám đốc, Sở Văn hóa', 'Trần Thị Ánh Nguyệt Phương Thảo Hồng Nhung Bích Ngọc 🌸'][
      index % 4
    ];
    return invitationEvent({
      uid: `7f1c2a40-0000-4000-8000-00000000000${index}@ngayhoi.vn`,
      stamp: new Date(Date.UTC(2027, 6, 1, 3, 4, 5 + index)),
      summary: 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 — Ngày hội tại bản Nậm Cang, xã Sìn Hồ',
      description: [
        `Kính mời đồng chí ${name} cùng dự Ngày hội.`,
        'Địa điểm: Nhà văn hóa bản Nậm Cang, Xã Sìn Hồ, tỉnh Lai Châu.',
        'Chương trình (giờ Việt Nam):',
        ...programme,
        `Xác nhận tham dự: https://ngayhoi.vn/api/rsvp/token-${index}-${'x'.repeat(40 + index)}`,
      ].join('\n'),
      attendee: { name, email: `daibieu${index}@vanphong.example.vn` },
      url: `https://ngayhoi.vn/api/rsvp/token-${index}-${'x'.repeat(40 + index)}`,
      ...overrides,
    });
  }

  it('is the text ical-generator writes for the whole calendar, byte for byte, delegate after delegate', () => {
    for (const method of ['REQUEST', 'CANCEL'] as const) {
      // The template of the first delegate's venue-day, filled for each delegate.
      const template = IcsTemplate.build(delegate(0, { sequence: 2 }), method);
      expect(template).not.toBeNull();
      for (let index = 0; index < 6; index += 1) {
        const event = delegate(index, { sequence: 2 });
        const whole = buildInvitationIcsWhole(event, method);
        expect(template!.fill(event)).toBe(whole);
        expect(buildInvitationIcs(event, method)).toBe(whole);
      }
    }
  });

  it('folds the delegate lines at 75 octets, as the whole build does, whatever their length', () => {
    const event = delegate(3, { sequence: 4 });
    const text = buildInvitationIcs(event, 'REQUEST');
    expect(text).toBe(buildInvitationIcsWhole(event, 'REQUEST'));
    const lines = text.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    // The delegate's name (with its emoji) and their RSVP link are in the unfolded lines.
    const unfolded = contentLines(text);
    expect(unfolded.find((line) => line.startsWith('ATTENDEE'))).toContain('CN="Trần Thị Ánh Nguyệt Phương Thảo Hồng Nhung Bích Ngọc 🌸"');
    expect(unfolded).toContain(`URL;VALUE=URI:${event.url}`);
  });

  it('keeps each venue-day and revision apart: another time, place, sequence or a missing link is its own calendar', () => {
    const variants: InvitationEvent[] = [
      delegate(1, { sequence: 5 }),
      delegate(1, { sequence: 6 }),
      delegate(1, { sequence: 5, start: new Date('2027-08-20T00:30:00Z'), end: new Date('2027-08-20T04:30:00Z') }),
      delegate(1, { sequence: 5, location: { title: 'Sân vận động xã', address: 'Xã Sìn Hồ, tỉnh Lai Châu', latitude: 22.37, longitude: 103.25 } }),
      delegate(1, { sequence: 5, url: undefined }),
      delegate(2, { sequence: 5, organizer: { name: 'Công an tỉnh Lai Châu', email: 'congan@laichau.example.vn' } }),
    ];
    for (const event of variants) {
      for (const method of ['REQUEST', 'CANCEL'] as const) {
        const whole = buildInvitationIcsWhole(event, method);
        expect(IcsTemplate.build(delegate(3, { ...event, uid: 'other@ngayhoi.vn', attendee: delegate(3).attendee }), method)!.fill(event)).toBe(whole);
        expect(buildInvitationIcs(event, method)).toBe(whole);
      }
    }
    // Each differs from the first: the template of one is not the other's.
    expect(new Set(variants.map((event) => buildInvitationIcs({ ...event, stamp: new Date(0) }, 'REQUEST'))).size).toBe(variants.length);
    expect(contentLines(buildInvitationIcs(variants[4], 'REQUEST')).some((line) => line.startsWith('URL'))).toBe(false);
  });

  it("gives two events that differ in any field but the delegate's their own calendar, whatever fields the event has", () => {
    const first = delegate(1, { sequence: 8 });
    // Every field of the event but the slots (UID, DTSTAMP, DESCRIPTION, ATTENDEE, URL), nested ones too,
    // changed one at a time: each variant is its own calendar, the whole build's text.
    const slots = new Set(['uid', 'stamp', 'description', 'attendee', 'url']);
    const changed = (value: unknown): unknown =>
      value instanceof Date ? new Date(value.getTime() + 3_600_000) : typeof value === 'number' ? value + 1 : `${String(value)} (khác)`;
    const variants: InvitationEvent[] = [];
    for (const [field, value] of Object.entries(first)) {
      if (slots.has(field)) continue;
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
        for (const [inner, innerValue] of Object.entries(value)) variants.push({ ...first, [field]: { ...value, [inner]: changed(innerValue) } });
      } else variants.push({ ...first, [field]: changed(value) });
    }
    expect(variants.length).toBeGreaterThanOrEqual(10);
    for (const method of ['REQUEST', 'CANCEL'] as const) {
      const firstText = buildInvitationIcs(first, method);
      for (const variant of variants) {
        const text = buildInvitationIcs(variant, method);
        expect(text).toBe(buildInvitationIcsWhole(variant, method));
        expect(text).not.toBe(firstText);
      }
    }

    // A field the calendar does not know yet still keeps two events apart (a template of its own); the
    // delegate's fields and the order the fields were written in do not.
    const build = jest.spyOn(IcsTemplate, 'build');
    try {
      buildInvitationIcs(first, 'REQUEST');
      build.mockClear();
      buildInvitationIcs({ ...first, dressCode: 'Trang phục truyền thống' } as InvitationEvent, 'REQUEST');
      expect(build).toHaveBeenCalledTimes(1);
      build.mockClear();
      const reordered = Object.fromEntries(Object.entries(first).reverse()) as unknown as InvitationEvent;
      buildInvitationIcs({ ...reordered, location: { ...first.location } }, 'REQUEST');
      buildInvitationIcs(delegate(2, { sequence: 8 }), 'REQUEST');
      expect(build).not.toHaveBeenCalled();
    } finally {
      build.mockRestore();
    }
  });

  it('writes escaped text in the delegate lines: commas, semicolons, backslashes and new lines', () => {
    const event = delegate(0, { sequence: 7, description: 'Kính mời; đồng chí, \\ A\nB\r\nC', attendee: { name: 'A "B" ^ C', email: 'a;b@example.vn' } });
    const text = buildInvitationIcs(event, 'REQUEST');
    expect(text).toBe(buildInvitationIcsWhole(event, 'REQUEST'));
    expect(contentLines(text)).toContain('DESCRIPTION:Kính mời\\; đồng chí\\, \\\\ A\\nB\\nC');
  });
});
