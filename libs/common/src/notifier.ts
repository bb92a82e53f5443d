import type { EntityManager } from 'typeorm';
import type { AfterCommit } from './transaction';

/**
 * Something happened that people must hear about. Causes carry ids only: the notifications library
 * resolves who may know (need-to-know) and what they may read, in the cause's transaction.
 */
export type NotificationCause =
  | { kind: 'venue_nominated'; venueId: string; actorId: string }
  | { kind: 'task_blocked'; venueId: string; taskId: string; taskTitle: string; actorId: string }
  /** An overdue escalation fired: to the province's organizers, or (later in the policy) to the planners. */
  | { kind: 'task_overdue'; venueId: string; taskId: string; audience: 'province' | 'planners' }
  | { kind: 'planning_run_finished' | 'planning_run_failed'; runId: string; requestedBy: string | null }
  /**
   * A delegate answered their invitation (RSVP page or calendar). Names as the invitation holds them;
   * the notifications library decides who reads which (contacts never travel in a cause).
   */
  | {
      kind: 'invitation_answered';
      invitationId: string;
      venueId: string;
      answer: 'accepted' | 'declined' | 'substitute_proposed';
      delegateName: string;
      substitute: { name: string; position: string } | null;
      comment: string | null;
    }
  /** A calendar REPLY that matched no invitation (unknown UID or attendee): the planners, grouped per day. */
  | { kind: 'calendar_reply_unmatched'; uid: string; attendees: string[] };

/**
 * Writes the notifications of a cause in the caller's transaction (none for a change that rolls back,
 * none lost once it commits), and tells the live streams after commit. `@app/notifications` implements
 * it and provides it globally; features that cause notifications call this port so that they need not
 * depend on the notifications library (which reads venues, tasks and accounts, so sits above them).
 * Without a transaction (`afterCommit` null) the rows are written at once and the streams told then.
 */
export abstract class Notifier {
  abstract notify(manager: EntityManager, cause: NotificationCause, afterCommit: AfterCommit | null): Promise<void>;
}
