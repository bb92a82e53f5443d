/**
 * iCalendar for invitations: the iTIP message attached to an invitation, update or cancellation
 * e-mail (METHOD:REQUEST / METHOD:CANCEL), and the read-only subscription feed of a delegate.
 * Owns only formatting; which SEQUENCE, which method and whether an event is cancelled are decided
 * by the invitations service and arrive in InvitationEvent.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  escape,
  foldLines,
  formatDate,
  ICalAlarmType,
  ICalAttendee,
  ICalAttendeeData,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalAttendeeType,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEvent,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';

import { FESTIVAL_TIME_ZONE } from '@app/common';

import { InvitationEvent, ItipMethod } from './rendering.types';

const PROD_ID = { company: 'Bo Cong an', product: 'ngayhoi', language: 'VI' } as const;

/** The reminder clients show on the day before (1440 minutes before DTSTART). */
const ALARM_SECONDS_BEFORE_START = 24 * 60 * 60;

/** Subscribed clients are asked to refetch the feed hourly (X-PUBLISHED-TTL / REFRESH-INTERVAL). */
const FEED_TTL_SECONDS = 60 * 60;

const ITIP_METHODS: Record<ItipMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
};

interface EventOptions {
  cancelled: boolean;
  /** iTIP messages carry the delegate as ATTENDEE; the feed is not a scheduling message. */
  withParticipants: boolean;
  /** RSVP=TRUE only where a reply is expected (REQUEST). */
  rsvp: boolean;
}

/**
 * One VCALENDAR with one VEVENT, METHOD REQUEST or CANCEL (RFC 5546): the text ical-generator writes
 * for it (buildInvitationIcsWhole), filled into the calendar of its venue-day and revision (IcsTemplate).
 */
export function buildInvitationIcs(event: InvitationEvent, method: ItipMethod): string {
  return templateOf(event, method)?.fill(event) ?? buildInvitationIcsWhole(event, method);
}

/** The invitation's calendar built by ical-generator from scratch, every line: what a template's fill reproduces. */
export function buildInvitationIcsWhole(event: InvitationEvent, method: ItipMethod): string {
  return invitationCalendar(event, method).calendar.toString();
}

function invitationCalendar(event: InvitationEvent, method: ItipMethod): { calendar: ICalCalendar; created: ICalEvent } {
  const calendar = createCalendar();
  calendar.method(ITIP_METHODS[method]);
  const created = addEvent(calendar, event, {
    cancelled: method === 'CANCEL',
    withParticipants: true,
    rsvp: method === 'REQUEST',
  });
  return { calendar, created };
}

/**
 * The calendar of one venue-day and revision as ical-generator writes it, with the lines that differ
 * from one delegate to the next left as slots (issue 21). Every e-mail of a venue's invitations carries
 * the same calendar but for UID, DTSTAMP, DESCRIPTION (it names the delegate and their RSVP link),
 * ATTENDEE and URL; building the whole calendar for each (the event, its alarm, the VTIMEZONE, the
 * zone's wall-clock times through luxon, the folding of every Vietnamese line) was most of an e-mail's
 * calendar time. The template is ical-generator's output for the event with placeholder values in
 * those properties; a fill writes each property's line as the library writes it (its `escape`,
 * `formatDate` and `ICalAttendee`) and folds it with its `foldLines`, which folds each line on its own:
 * the result is the library's text for the real values, byte for byte (invitation-ics.spec.ts compares
 * the two on invitations of several shapes).
 */
export class IcsTemplate {
  private constructor(
    /** The calendar's text between the slots: one more piece than there are slots. */
    private readonly pieces: string[],
    /** The slots, in the order they appear. */
    private readonly slots: Slot[],
    /** The template's event: the parent an ATTENDEE line is written for (ical-generator needs one). */
    private readonly parent: ICalEvent,
    private readonly rsvp: boolean,
  ) {}

  /** The template of this event's venue-day and revision, or null if ical-generator's text cannot be cut into one. */
  static build(event: InvitationEvent, method: ItipMethod): IcsTemplate | null {
    const placeholder: InvitationEvent = {
      ...event,
      uid: PLACEHOLDER.uid,
      stamp: PLACEHOLDER.stamp,
      description: PLACEHOLDER.description,
      attendee: PLACEHOLDER.attendee,
      ...(event.url && { url: PLACEHOLDER.url }),
    };
    const { calendar, created } = invitationCalendar(placeholder, method);
    const text = calendar.toString();
    const rsvp = method === 'REQUEST';
    const found: Array<{ slot: Slot; start: number; end: number }> = [];
    for (const slot of SLOTS) {
      if (slot === 'url' && !event.url) continue;
      const line = `\r\n${slotLine(slot, placeholder, created, rsvp)}\r\n`;
      const start = text.indexOf(line);
      // Each placeholder's line must be there exactly once, or the text is not cut.
      if (start < 0 || text.indexOf(line, start + 1) >= 0) return null;
      found.push({ slot, start: start + 2, end: start + line.length - 2 });
    }
    found.sort((a, b) => a.start - b.start);
    const pieces: string[] = [];
    let from = 0;
    for (const { start, end } of found) {
      pieces.push(text.slice(from, start));
      from = end;
    }
    pieces.push(text.slice(from));
    return new IcsTemplate(
      pieces,
      found.map(({ slot }) => slot),
      created,
      rsvp,
    );
  }

  fill(event: InvitationEvent): string {
    let text = this.pieces[0];
    for (let index = 0; index < this.slots.length; index += 1) {
      text += slotLine(this.slots[index], event, this.parent, this.rsvp) + this.pieces[index + 1];
    }
    return text;
  }
}

type Slot = 'uid' | 'stamp' | 'description' | 'attendee' | 'url';
// Each a field of InvitationEvent, of the same name (templateKey leaves them out).
const SLOTS: readonly (Slot & keyof InvitationEvent)[] = ['uid', 'stamp', 'description', 'attendee', 'url'];

/** Values no real invitation has, each written on a line of its own that ical-generator does not fold. */
const PLACEHOLDER = {
  uid: 'ngayhoi-template-uid',
  stamp: new Date(0),
  description: 'ngayhoi-template-description',
  attendee: { name: 'ngayhoi-template-attendee', email: 'ngayhoi-template-attendee@ngayhoi.invalid' },
  url: 'https://ngayhoi.invalid/ngayhoi-template-url',
} as const;

/**
 * A delegate's line of the calendar, folded, as ical-generator's ICalEvent.toString writes it (11.x:
 * `UID:` unescaped, DTSTAMP in UTC since the calendar has no zone name, the TEXT values escaped).
 */
function slotLine(slot: Slot, event: InvitationEvent, parent: ICalEvent, rsvp: boolean): string {
  switch (slot) {
    case 'uid':
      return foldLines(`UID:${event.uid}`);
    case 'stamp':
      return `DTSTAMP:${formatDate(null, event.stamp)}`;
    case 'description':
      return foldLines(`DESCRIPTION:${escape(event.description, false)}`);
    case 'attendee':
      return foldLines(new ICalAttendee(attendeeData(event, rsvp), parent).toString().slice(0, -2));
    case 'url':
      return foldLines(`URL;VALUE=URI:${escape(event.url, false)}`);
  }
}

/**
 * Templates made last, by everything of the event that is not a slot: one a venue-day and revision (a
 * CANCEL, a REQUEST, an event with or without its RSVP link each their own). Bounded: a worker sends
 * one venue's invitations together, then the next venue's.
 */
const templates = new Map<string, IcsTemplate | null>();
const TEMPLATES = 64;

function templateOf(event: InvitationEvent, method: ItipMethod): IcsTemplate | null {
  // What a fill cannot write as the whole build would: no DESCRIPTION line, or an attendee without e-mail (the library throws).
  if (!event.description || !event.attendee.email) return null;
  const key = templateKey(event, method);
  let template = templates.get(key);
  if (template === undefined) {
    template = IcsTemplate.build(event, method);
    templates.set(key, template);
    if (templates.size > TEMPLATES) templates.delete(templates.keys().next().value!);
  }
  return template;
}

/** The event's fields filled per delegate (IcsTemplate's slots), left out of a template's key. */
const SLOT_FIELDS: ReadonlySet<string> = new Set(SLOTS);

/**
 * The template's key: the method, whether there is a URL line, and every other field of the event but
 * the slots, whatever fields InvitationEvent has (a field added later keeps two venue-days apart
 * without anyone listing it here). Fields in sorted order, so the order an event's were written in does
 * not matter; an absent field and an undefined one are the same.
 */
function templateKey(event: InvitationEvent, method: ItipMethod): string {
  let key = event.url ? `${method}+url` : method;
  for (const field of Object.keys(event).sort()) {
    const value = (event as unknown as Record<string, unknown>)[field];
    if (!SLOT_FIELDS.has(field) && value !== undefined) key += `;${field}=${keyOf(value)}`;
  }
  return key;
}

/**
 * A value's unambiguous text for a key: strings quoted as JSON, instants by their milliseconds, objects
 * by their sorted fields, arrays in order. (Hand-written rather than a replacer of JSON.stringify: a
 * key is made for every e-mail, and this costs what the old list of fields did, ~1.5 µs, against ~9.)
 */
function keyOf(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (value instanceof Date) return `@${value.getTime()}`;
  if (Array.isArray(value)) return `[${value.map(keyOf).join(',')}]`;
  let text = '{';
  for (const field of Object.keys(value).sort()) text += `${field}=${keyOf((value as Record<string, unknown>)[field])};`;
  return `${text}}`;
}

/**
 * A subscription calendar (webcal/https feed). It has no METHOD property: METHOD makes an object an
 * iTIP scheduling message (RFC 5546), and a feed is plain RFC 5545 data that clients re-read and
 * replace; even METHOD:PUBLISH makes some clients (Outlook) treat an opened file as a one-off import
 * instead of a calendar. For the same reason the feed carries neither ORGANIZER nor ATTENDEE
 * (RFC 5545 §3.8.4.3: ORGANIZER only on group-scheduled components), so no client offers to reply
 * from it — answers go through the RSVP page (URL).
 */
export function buildFeedIcs(events: InvitationEvent[], calendarName: string): string {
  const calendar = createCalendar();
  calendar.name(calendarName);
  calendar.ttl(FEED_TTL_SECONDS);
  for (const event of events) {
    addEvent(calendar, event, {
      cancelled: event.cancelled === true,
      withParticipants: false,
      rsvp: false,
    });
  }
  return calendar.toString();
}

/**
 * The VTIMEZONE of a zone, read once per process: @touch4it/ical-timezones reads its zone file from
 * disk (readFileSync) on every call, and every invitation e-mail's calendar asks for it (issue 21).
 */
const vtimezones = new Map<string, string | null>();
function vtimezoneOf(timezone: string): string | null {
  if (!vtimezones.has(timezone)) vtimezones.set(timezone, getVtimezoneComponent(timezone));
  return vtimezones.get(timezone)!;
}

function createCalendar(): ICalCalendar {
  return ical({
    prodId: PROD_ID,
    // `name: null` on purpose: ical-generator writes DTSTAMP in the calendar's zone, which would drop
    // its trailing Z (RFC 5545 requires DTSTAMP in UTC) and also emit TIMEZONE-ID/X-WR-TIMEZONE.
    // The generator alone still writes one VTIMEZONE per TZID the events use (the events carry
    // FESTIVAL_TIME_ZONE themselves, see addEvent).
    timezone: { name: null, generator: vtimezoneOf },
  });
}

function addEvent(calendar: ICalCalendar, event: InvitationEvent, options: EventOptions): ICalEvent {
  const created = calendar.createEvent({
    id: event.uid,
    sequence: event.sequence,
    stamp: event.stamp,
    // Luxon values already in the festival zone: ical-generator then writes their wall-clock time
    // with TZID. A plain Date plus `timezone` would be formatted in the server process's zone.
    start: inFestivalZone(event.start),
    end: inFestivalZone(event.end),
    timezone: FESTIVAL_TIME_ZONE,
    summary: event.summary,
    description: event.description,
    location: {
      title: event.location.title,
      address: event.location.address,
      geo: { lat: event.location.latitude, lon: event.location.longitude },
    },
    url: event.url ?? null,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });

  if (options.withParticipants) {
    created.organizer({ name: event.organizer.name, email: event.organizer.email });
    created.createAttendee(attendeeData(event, options.rsvp));
  }

  // A reminder for a cancelled event would fire for nothing (and a CANCEL must not add one).
  if (!options.cancelled) {
    created.createAlarm({
      type: ICalAlarmType.display,
      triggerBefore: ALARM_SECONDS_BEFORE_START,
      description: `Nhắc lịch: ${event.summary}`,
    });
  }
  return created;
}

function attendeeData(event: InvitationEvent, rsvp: boolean): ICalAttendeeData {
  return {
    name: event.attendee.name,
    email: event.attendee.email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    type: ICalAttendeeType.INDIVIDUAL,
    rsvp,
  };
}

function inFestivalZone(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: FESTIVAL_TIME_ZONE });
}
