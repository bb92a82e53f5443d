import { pageOf } from '@app/common';
import { VenueTask } from '../task.entities';
import type { TemplateLine } from '../task-rules';
import { TaskStatus } from '../task.enums';

/** A venue task with the tasks it waits for. */
export class TaskView extends VenueTask {
  /** Tasks that must be done before this one. */
  prerequisiteIds: string[];
}

/** One line of an edition's checklist template: what, who is responsible, when (days from the venue date). */
export class TaskTemplateLine implements TemplateLine {
  /** Stable within the edition; dependencies name it. */
  code: string;
  title: string;
  responsibleUnit: string;
  /** Days relative to the venue date: -30 is D-30. */
  offsetDays: number;
  weight: number;
  /** Codes of the lines this one waits for. */
  dependsOn: string[];
}

export class TaskTemplateView {
  editionId: string;
  /** True while the edition still uses the built-in checklist. */
  isDefault: boolean;
  /** Identifies the template's content: send it back when saving, a stale one gets 409 VERSION_CONFLICT. */
  revision: string;
  items: TaskTemplateLine[];
}

/** A task found by the search, with its venue named (the venue page opens it). */
export class TaskHit {
  id: string;
  title: string;
  responsibleUnit: string;
  status: TaskStatus;
  /** yyyy-MM-dd, or null before the venue has a date. */
  dueDate: string | null;
  venueId: string;
  venueName: string;
  provinceCode: string;
}

export class TaskHitPage extends pageOf(TaskHit) {}
