/** Invitation rules as plain functions. Which event may happen in which status: invitation-workflow.ts. */

/** The RSVP link works until the grace period after the event has passed. */
export function rsvpExpiry(eventEnd: Date, graceHours: number): Date {
  return new Date(eventEnd.getTime() + graceHours * 3600_000);
}
