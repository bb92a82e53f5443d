import type { EntityManager } from 'typeorm';
import type { LocalTime } from '@app/common';
import type { TemplateLine } from './default-programme-template';
import { ProgrammeItem } from './programme.entities';
import { layoutTemplateWithin } from './programme-rules';

/**
 * Lays a template out in each venue's hours, with the rules the API applies (every item inside the
 * hours, none overlapping), and inserts every venue's items in one statement; returns how many. For
 * the demo seed's new venues; a planner fills one venue's programme through ProgrammesService.applyTemplate.
 */
export async function insertTemplateProgrammes(
  manager: EntityManager,
  lines: readonly TemplateLine[],
  venues: readonly { venueId: string; startTime: LocalTime; endTime: LocalTime }[],
): Promise<number> {
  const items = venues.flatMap(({ venueId, startTime, endTime }) =>
    layoutTemplateWithin(lines, startTime, { startTime, endTime }).map((line) => ({
      venueId,
      part: line.part,
      title: line.title,
      startTime: line.startTime,
      endTime: line.endTime,
      presenter: null,
      notes: null,
    })),
  );
  if (items.length) await manager.insert(ProgrammeItem, items);
  return items.length;
}
