import { Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AfterCommit } from '@app/common/transaction';

/** A leader no longer attends a venue (unassigned by hand, or dropped by an accepted planning run). */
export interface AssignmentRemoval {
  actor: { id: string; email: string };
  venueId: string;
  leaderId: string;
  /** Why, as the leader's office will read it (e.g. in the calendar cancellation). */
  reason: string;
}

export type AssignmentRemovalListener = (manager: EntityManager, removal: AssignmentRemoval, afterCommit: AfterCommit) => Promise<void>;

/**
 * Lets features that hang off an assignment (a leader's invitation) follow its removal in the same
 * transaction, without the leaders library depending on them (they register here at start-up).
 */
@Injectable()
export class AssignmentEvents {
  private readonly listeners: AssignmentRemovalListener[] = [];

  onRemoved(listener: AssignmentRemovalListener): void {
    this.listeners.push(listener);
  }

  async removed(manager: EntityManager, removal: AssignmentRemoval, afterCommit: AfterCommit): Promise<void> {
    for (const listener of this.listeners) await listener(manager, removal, afterCommit);
  }
}

/** The one AssignmentEvents instance, for the leaders library (publisher), planning and invitations. */
@Module({ providers: [AssignmentEvents], exports: [AssignmentEvents] })
export class AssignmentEventsModule {}
