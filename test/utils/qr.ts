/**
 * Reads QR codes the way a phone would: from the pixels (pngjs decodes the PNG, jsQR finds and reads the
 * symbol), never by comparing bytes with what the code under test generated.
 */
import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The text of the QR code in a PNG image, or null when there is none to read. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height)?.data ?? null;
}

/** The text of the QR code printed on a PDF's page (rasterised by poppler's pdftoppm at 150 dpi). */
export function decodeQrInPdf(pdf: Buffer, page = 1): string | null {
  const png = execFileSync('pdftoppm', ['-png', '-r', '150', '-f', String(page), '-l', String(page), '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return decodeQrPng(png);
}
