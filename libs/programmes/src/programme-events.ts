import { Injectable, Module } from '@nestjs/common';
import { TransactionalEvent } from '@app/common';

/** A venue's programme changed: items added, moved, edited or removed, or laid out again from the template. */
export interface ProgrammeChange {
  /** Who made the change (followers record their consequences under the same person). */
  actor: { id: string; email: string };
  venueId: string;
  /** What changed, as a planner reads it in an invitation's history ("Thêm mục 08:00–08:30 Khai mạc"). */
  summary: string;
}

/**
 * Lets features that hang off a venue's programme (the invitations, whose letters and calendar entries
 * show it) follow its changes in the same transaction, without the programmes library depending on them.
 */
@Injectable()
export class ProgrammeEvents extends TransactionalEvent<ProgrammeChange> {}

/** The one ProgrammeEvents instance, for the programmes library (publisher) and invitations. */
@Module({ providers: [ProgrammeEvents], exports: [ProgrammeEvents] })
export class ProgrammeEventsModule {}
