/**
 * Pass codes (mã thẻ) for a venue's attendees, as pure functions. A code is derived, not stored:
 * HMAC-SHA256(LINK_SECRET, venue + attendee) cut to 40 bits and written in Crockford's base32 as
 * XXXX-XXXX — short enough to type on a phone, and the letter, the e-mail and the door all compute the
 * same one. Only a check-in is stored. A code is checked against the venue's own attendees, so another
 * venue's or edition's code is simply "không hợp lệ", revealing nothing of whose it is.
 */
import { createHmac } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U

export function passCode(secret: string, venueId: string, attendeeKey: string): string {
  const digest = createHmac('sha256', secret).update(`pass:${venueId}:${attendeeKey}`).digest();
  let bits = 0n;
  for (let index = 0; index < 5; index++) bits = (bits << 8n) | BigInt(digest[index]);
  let code = '';
  for (let index = 7; index >= 0; index--) code += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed or a camera read, as a code: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normalisePassCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== 8 || [...cleaned].some((char) => !ALPHABET.includes(char))) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}

/** How long a phone may hold a check-in it could not send (a bad connection at the venue). */
export const OFFLINE_CHECK_IN_LIMIT_MS = 48 * 60 * 60 * 1000;

/**
 * When a check-in happened: the phone's time of the scan when it sent one later (queued offline), but
 * never in the future (a phone's clock ahead of ours), and null when older than the offline limit.
 */
export function checkInInstant(scannedAt: Date | undefined, now: Date): Date | null {
  if (!scannedAt) return now;
  if (scannedAt.getTime() > now.getTime()) return now;
  if (now.getTime() - scannedAt.getTime() > OFFLINE_CHECK_IN_LIMIT_MS) return null;
  return scannedAt;
}
