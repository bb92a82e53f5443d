/**
 * Pass codes (mã thẻ) at the door, as pure functions. The code itself is derived in @app/common
 * (pass-codes.ts: the letter and the e-mail of the invitations library compute the same one); only a
 * check-in is stored. A code is checked against the venue's own attendees, so another
 * venue's or edition's code is simply "không hợp lệ", revealing nothing of whose it is.
 */
export { normalisePassCode, passCode } from '@app/common';

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
