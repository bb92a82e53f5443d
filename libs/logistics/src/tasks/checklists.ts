import type { EntityManager } from 'typeorm';
import type { IsoDate } from '@app/common';
import { TaskDependency, VenueTask } from './task.entities';
import { TaskStatus } from './task.enums';
import { dueDateOf, type TemplateLine } from './task-rules';

export interface ChecklistVenue {
  venueId: string;
  editionId: string;
  /** What deadlines count back from (the venues library's anchorDate). */
  anchor: IsoDate | null;
  /** How many of the first lines are done already (the demo seed's progress); none when absent. */
  done?: number;
}

/**
 * Makes venues' checklists from template lines in two statements, the tasks then their dependencies,
 * with deadlines counted back from each venue's anchor date; returns how many tasks it made.
 * TasksService makes one venue's when it is approved, the demo seed every new venue's at once.
 */
export async function insertChecklists(manager: EntityManager, lines: readonly TemplateLine[], venues: readonly ChecklistVenue[]): Promise<number> {
  const doneAt = new Date();
  const rows = venues.flatMap((venue) =>
    lines.map((line, index) => {
      const done = index < (venue.done ?? 0);
      return {
        venueId: venue.venueId,
        editionId: venue.editionId,
        templateCode: line.code,
        title: line.title,
        responsibleUnit: line.responsibleUnit,
        offsetDays: line.offsetDays,
        dueDate: dueDateOf(venue.anchor, line.offsetDays),
        weight: line.weight,
        status: done ? TaskStatus.Done : TaskStatus.Todo,
        doneAt: done ? doneAt : null,
      };
    }),
  );
  if (rows.length === 0) return 0;
  const { identifiers } = await manager.insert(VenueTask, rows);
  // Rows come back in the order they were given: venue by venue, line by line.
  const dependencies = venues.flatMap((_venue, v) => {
    const idOf = (code: string) => identifiers[v * lines.length + lines.findIndex((line) => line.code === code)].id as string;
    return lines.flatMap((line) => line.dependsOn.map((code) => ({ taskId: idOf(line.code), prerequisiteId: idOf(code) })));
  });
  if (dependencies.length) await manager.insert(TaskDependency, dependencies);
  return rows.length;
}
