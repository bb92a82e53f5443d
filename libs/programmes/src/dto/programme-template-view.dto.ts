import type { TemplateLine } from '../default-programme-template';
import { ProgrammePart } from '../programme.enums';

/** One line of a programme template: laid out in order from a venue's start time. */
export class ProgrammeTemplateLine implements TemplateLine {
  part: ProgrammePart;
  title: string;
  durationMinutes: number;
}

export class ProgrammeTemplateView {
  editionId: string;
  /** True while the edition still uses the built-in template. */
  isDefault: boolean;
  /** Identifies the content read: send it back with PUT (a template changed since gets 409, none 428). */
  revision: string;
  items: ProgrammeTemplateLine[];
}
