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
  const { size, data } = qrSymbol(code);
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => data[row * size + column] === 1));
}

/** QR alphanumeric mode's characters: a pass code (Crockford base32 and its dash) is written in it whole. */
const QR_ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * The symbol as `qrcode` makes it (size, then one byte a module, row by row, 1 = dark). A pass code is
 * given to it as one alphanumeric segment: the mode its own segmentation picks for such a string,
 * without the shortest-path search it runs to find that out (a third of a QR code's time, issue 21).
 */
function qrSymbol(code: string): { size: number; data: Uint8Array } {
  let symbol = recentSymbols.get(code);
  if (!symbol) {
    const input = QR_ALPHANUMERIC.test(code) ? [{ data: code, mode: 'alphanumeric' as const }] : code;
    const { modules } = QRCode.create(input, QR_OPTIONS);
    symbol = { size: modules.size, data: modules.data };
    recentSymbols.set(code, symbol);
    if (recentSymbols.size > RECENT_SYMBOLS) recentSymbols.delete(recentSymbols.keys().next().value!);
  }
  return symbol;
}

/**
 * The symbols made last: an invitation e-mail draws its code twice, on the giấy mời (passQrModules)
 * and as the inline PNG (passQrPng), with other jobs' work in between. The arrays are only read.
 */
const recentSymbols = new Map<string, { size: number; data: Uint8Array }>();
const RECENT_SYMBOLS = 64;

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
  const { size, data } = qrSymbol(code);
  const side = (size + 2 * QUIET_ZONE) * PNG_SCALE;
  const rowBytes = Math.ceil(side / 8);
  const stride = rowBytes + 1; // each row: filter byte 0, then bits (1 = white)
  const raw = Buffer.alloc(stride * side, 0);
  // A white row (the quiet zone), then each module row drawn once and repeated PNG_SCALE times.
  const white = Buffer.alloc(stride, 0);
  for (let x = 0; x < side; x++) white[1 + (x >> 3)] |= 0x80 >> (x & 7);
  const line = Buffer.alloc(stride);
  for (let y = 0; y < side; y++) {
    const module = Math.floor(y / PNG_SCALE) - QUIET_ZONE;
    if (module < 0 || module >= size) {
      white.copy(raw, y * stride);
      continue;
    }
    if ((y - QUIET_ZONE * PNG_SCALE) % PNG_SCALE === 0) {
      white.copy(line);
      for (let column = 0; column < size; column++) {
        if (data[module * size + column] !== 1) continue;
        for (let x = (column + QUIET_ZONE) * PNG_SCALE, end = x + PNG_SCALE; x < end; x++) line[1 + (x >> 3)] &= ~(0x80 >> (x & 7));
      }
    }
    line.copy(raw, y * stride);
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
