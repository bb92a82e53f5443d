import { Injectable, Module } from '@nestjs/common';
import { TransactionalEvent } from '@app/common';

/** A leader no longer attends a venue (unassigned by hand, or dropped by an accepted planning run). */
export interface AssignmentRemoval {
  actor: { id: string; email: string };
  venueId: string;
  leaderId: string;
  /** Why, as the leader's office will read it (e.g. in the calendar cancellation). */
  reason: string;
}

/**
 * Lets features that hang off an assignment (a leader's invitation) follow its removal in the same
 * transaction, without the leaders library depending on them (they register here at start-up).
 */
@Injectable()
export class AssignmentEvents extends TransactionalEvent<AssignmentRemoval> {}

/** The one AssignmentEvents instance, for the leaders library (publisher), planning and invitations. */
@Module({ providers: [AssignmentEvents], exports: [AssignmentEvents] })
export class AssignmentEventsModule {}
