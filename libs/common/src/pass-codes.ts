/**
 * Pass codes (mã thẻ) of a venue's attendees and their QR codes. A code is derived, not stored:
 * HMAC-SHA256(LINK_SECRET, venue + attendee) cut to 40 bits and written in Crockford's base32 as
 * XXXX-XXXX — short enough to type on a phone. The giấy mời and the invitation e-mail (invitations
 * library) and the door (protocol library) all compute the same one, so it lives here, below both.
 * The QR code carries the code as typed, nothing else: a scan and a typed code take the same path.
 */
import { createHmac } from 'node:crypto';
import QRCode from 'qrcode';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford: no I, L, O, U

export function passCode(secret: string, venueId: string, attendeeKey: string): string {
  const digest = createHmac('sha256', secret).update(`pass:${venueId}:${attendeeKey}`).digest();
  let bits = 0n;
  for (let index = 0; index < 5; index++) bits = (bits << 8n) | BigInt(digest[index]);
  let code = '';
  for (let index = 7; index >= 0; index--) code += ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The attendee key of a central delegate's invitation (the protocol library keys its guests `guest:<id>`). */
export function invitationAttendeeKey(invitationId: string): string {
  return `invitation:${invitationId}`;
}

/** What a person typed or a camera read, as a code: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normalisePassCode(input: string): string | null {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== 8 || [...cleaned].some((char) => !ALPHABET.includes(char))) return null;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}

/**
 * Error correction M (15 % of the symbol may be lost): a printed letter folded, a phone screen with
 * glare. A nine-character code fits version 1 (21 × 21 modules) at that level.
 */
const QR_OPTIONS = { errorCorrectionLevel: 'M' } as const;

/** The QR symbol's dark modules, row by row (true = dark), without the quiet zone: for drawing into a PDF. */
export function passQrModules(code: string): boolean[][] {
  const { modules } = QRCode.create(code, QR_OPTIONS);
  return Array.from({ length: modules.size }, (_, row) => Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))));
}

/** The QR code as a PNG (6 px a module, the standard 4-module quiet zone): the e-mail's inline image. */
export function passQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...QR_OPTIONS, type: 'png', scale: 6, margin: 4 });
}
