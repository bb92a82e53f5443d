import type { LocalTime } from '@app/common';
import { ProgrammePart } from './programme.enums';

/** One item of a venue's programme as a letter prints it. */
export interface ProgrammeLine {
  part: ProgrammePart;
  title: string;
  startTime: LocalTime;
  endTime: LocalTime;
}

/**
 * Venues' programme items as letters print them, a named read model (only this library names the
 * `programme_items` table): a SQL relation — a parenthesised SELECT to put after FROM or JOIN with an
 * alias — with the columns `venue_id` (uuid), `start_time` (time, to order by) and `line` (json of a
 * ProgrammeLine, times as HH:mm). Invitations aggregate a venue's lines into the one statement that
 * reads the letter they compose, for every e-mail sent (the worker), preview and RSVP page.
 */
export const VENUE_PROGRAMME_LINES = `(SELECT item.venue_id, item.start_time,
        json_build_object('part', item.part, 'title', item.title,
                          'startTime', to_char(item.start_time, 'HH24:MI'), 'endTime', to_char(item.end_time, 'HH24:MI')) AS line
   FROM programme_items item)`;
