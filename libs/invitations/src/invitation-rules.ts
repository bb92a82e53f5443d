/** Invitation rules as plain functions. Which event may happen in which status: invitation-workflow.ts. */
import { RsvpAnswer } from './invitation.enums';

/** The RSVP link works until the grace period after the event has passed. */
export function rsvpExpiry(eventEnd: Date, graceHours: number): Date {
  return new Date(eventEnd.getTime() + graceHours * 3600_000);
}

/** An iTIP PARTSTAT mapped to a delegate's answer; anything else is not an answer we record. */
export function answerOfPartstat(partstat: string): RsvpAnswer.Accept | RsvpAnswer.Decline | null {
  switch (partstat.toUpperCase()) {
    case 'ACCEPTED':
      return RsvpAnswer.Accept;
    case 'DECLINED':
      return RsvpAnswer.Decline;
    default:
      return null;
  }
}

/** A substitute's contact, when it is an e-mail address (needed to invite them). */
export function emailOf(contact: string): string | null {
  const trimmed = contact.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? trimmed : null;
}
