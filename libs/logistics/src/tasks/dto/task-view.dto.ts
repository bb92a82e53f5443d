import { VenueTask } from '../task.entities';
import type { TemplateLine } from '../task-rules';

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
