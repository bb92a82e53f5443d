/** Invitation rules as plain functions. Which event may happen in which status: invitation-workflow.ts. */

/** The RSVP link works until the grace period after the event has passed. */
export function rsvpExpiry(eventEnd: Date, graceHours: number): Date {
  return new Date(eventEnd.getTime() + graceHours * 3600_000);
}

/** The workflow event of a reply's PARTSTAT, or null for one that is not an answer (NEEDS-ACTION…). */
export function eventOfPartstat(partstat: string): 'accept' | 'decline' | 'tentative' | 'propose-substitute' | null {
  switch (partstat.toUpperCase()) {
    case 'ACCEPTED':
      return 'accept';
    case 'DECLINED':
      return 'decline';
    case 'TENTATIVE':
      return 'tentative';
    case 'DELEGATED':
      return 'propose-substitute';
    default:
      return null;
  }
}

/**
 * Whether the relay's Authentication-Results (RFC 8601) say DKIM and DMARC passed, and, where DMARC names
 * the From domain, that it is the replying attendee's domain.
 */
export function senderPassed(results: string | undefined, attendee: string): boolean {
  if (!results) return false;
  const dkim = /(?:^|[;\s])dkim=pass\b/i.test(results);
  const dmarc = /(?:^|[;\s])dmarc=pass\b[^;]*/i.exec(results);
  if (!dkim || !dmarc) return false;
  const from = /header\.from=([^\s;]+)/i.exec(dmarc[0]);
  const domain = attendee.split('@')[1]?.toLowerCase();
  return !from || from[1].toLowerCase() === domain;
}
