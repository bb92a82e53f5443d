import { Transform, TransformCallback } from 'node:stream';

/** Largest run of a message held before it is passed on (a message with a big attachment still streams). */
export const WHOLE_MESSAGE_LIMIT = 1 << 20;

/**
 * Collects a MIME message's chunks and passes them on as one buffer (or one per WHOLE_MESSAGE_LIMIT
 * bytes). nodemailer streams a message node by node, header by header, and its SMTP connection writes
 * every chunk to the socket as it comes: 20–30 writes for an invitation e-mail, each a system call,
 * which profiled as the largest single cost of sending (issue 21). Joined, the message goes out in one
 * write; the bytes are the same.
 */
export class WholeMessageStream extends Transform {
  private chunks: Buffer[] = [];
  private length = 0;

  constructor(private readonly limit = WHOLE_MESSAGE_LIMIT) {
    super();
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.chunks.push(buffer);
    this.length += buffer.length;
    if (this.length >= this.limit) this.release();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.release();
    done();
  }

  private release(): void {
    if (this.length === 0) return;
    this.push(this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length));
    this.chunks = [];
    this.length = 0;
  }
}
