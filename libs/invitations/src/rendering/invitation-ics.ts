/**
 * iCalendar for invitations: the iTIP message attached to an invitation, update or cancellation
 * e-mail (METHOD:REQUEST / METHOD:CANCEL), and the read-only subscription feed of a delegate.
 * Owns only formatting; which SEQUENCE, which method and whether an event is cancelled are decided
 * by the invitations service and arrive in InvitationEvent.
 */
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalAttendeeType, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
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

/** One VCALENDAR with one VEVENT, METHOD REQUEST or CANCEL (RFC 5546). */
export function buildInvitationIcs(event: InvitationEvent, method: ItipMethod): string {
  const calendar = createCalendar();
  calendar.method(ITIP_METHODS[method]);
  addEvent(calendar, event, {
    cancelled: method === 'CANCEL',
    withParticipants: true,
    rsvp: method === 'REQUEST',
  });
  return calendar.toString();
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

function addEvent(calendar: ICalCalendar, event: InvitationEvent, options: EventOptions): void {
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
    created.createAttendee({
      name: event.attendee.name,
      email: event.attendee.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      type: ICalAttendeeType.INDIVIDUAL,
      rsvp: options.rsvp,
    });
  }

  // A reminder for a cancelled event would fire for nothing (and a CANCEL must not add one).
  if (!options.cancelled) {
    created.createAlarm({
      type: ICalAlarmType.display,
      triggerBefore: ALARM_SECONDS_BEFORE_START,
      description: `Nhắc lịch: ${event.summary}`,
    });
  }
}

function inFestivalZone(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: FESTIVAL_TIME_ZONE });
}
