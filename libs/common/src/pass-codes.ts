/**
 * Pass codes (mã thẻ) of a venue's attendees and their QR codes. A code is derived, not stored:
 * HMAC-SHA256(LINK_SECRET, venue + attendee) cut to 40 bits and written in Crockford's base32 as
 * XXXX-XXXX — short enough to type on a phone. The giấy mời and the invitation e-mail (invitations
 * library) and the door (protocol library) all compute the same one, so it lives here, below both.
 * The QR code carries the code as typed, nothing else: a scan and a typed code take the same path.
 */
import { createHmac } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
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

/** Pixels a module in the e-mail's PNG, and the quiet zone around the symbol in modules (the standard 4). */
const PNG_SCALE = 6;
const QUIET_ZONE = 4;

/**
 * The QR code as a PNG (6 px a module, the 4-module quiet zone): the e-mail's inline image. Written
 * here as a 1-bit greyscale PNG from `qrcode`'s module matrix — a few hundred bytes, in well under a
 * millisecond — rather than through the library's RGBA renderer (pngjs, pure JS), which cost as much as
 * printing the whole giấy mời for every e-mail sent.
 */
export function passQrPng(code: string): Buffer {
  const modules = passQrModules(code);
  const side = (modules.length + 2 * QUIET_ZONE) * PNG_SCALE;
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc((rowBytes + 1) * side, 0); // each row: filter byte 0, then bits (1 = white)
  for (let y = 0; y < side; y++) {
    const row = modules[Math.floor(y / PNG_SCALE) - QUIET_ZONE];
    for (let x = 0; x < side; x++) {
      const dark = row?.[Math.floor(x / PNG_SCALE) - QUIET_ZONE] === true;
      if (!dark) raw[y * (rowBytes + 1) + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}
