import { execFileSync } from 'node:child_process';
import type { Response } from 'superagent';

/** supertest hands binary bodies over as a Buffer only when asked to: `.buffer(true).parse(binary)`. */
export function binary(response: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** The text a reader gets out of a PDF: poppler's pdftotext (Debian's poppler-utils), whitespace runs as one space. */
export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}
