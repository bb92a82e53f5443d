/** Invitation rules as plain functions. */
import { InvitationStatus } from './invitation.entities';

/** Invitations a delegate still holds in their calendar (they must hear of changes). */
export const LIVE_STATUSES: readonly InvitationStatus[] = [
  InvitationStatus.Queued,
  InvitationStatus.Sent,
  InvitationStatus.Accepted,
  InvitationStatus.SubstituteProposed,
];

/** Statuses an RSVP or a calendar reply may be recorded in. */
export const ANSWERABLE_STATUSES: readonly InvitationStatus[] = [
  InvitationStatus.Queued,
  InvitationStatus.Sent,
  InvitationStatus.Accepted,
  InvitationStatus.Declined,
  InvitationStatus.SubstituteProposed,
];

/** The RSVP link works until the grace period after the event has passed. */
export function rsvpExpiry(eventEnd: Date, graceHours: number): Date {
  return new Date(eventEnd.getTime() + graceHours * 3600_000);
}

/** An iTIP PARTSTAT mapped to an invitation answer; anything else is not an answer we record. */
export function answerOfPartstat(partstat: string): InvitationStatus.Accepted | InvitationStatus.Declined | null {
  switch (partstat.toUpperCase()) {
    case 'ACCEPTED':
      return InvitationStatus.Accepted;
    case 'DECLINED':
      return InvitationStatus.Declined;
    default:
      return null;
  }
}

/** A substitute's contact, when it is an e-mail address (needed to invite them). */
export function emailOf(contact: string): string | null {
  const trimmed = contact.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? trimmed : null;
}
