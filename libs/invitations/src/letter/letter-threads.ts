/**
 * Renders giấy mời on a small pool of worker threads (node:worker_threads), so the thread that sends
 * the e-mails (SMTP, Postgres, BullMQ) stays free while another core lays out the PDF: a letter is a
 * few milliseconds of pure CPU, as much as everything else an invitation e-mail costs.
 *
 * The pool has LETTER_THREADS threads (default: one fewer than the machine has cores, at most 4),
 * started on the first letter; with 0, or where the thread's file is missing, letters render on the
 * calling thread as before.
 * Each thread keeps its own fonts, shaping and subsets (letter-pdf.ts), so it warms up on its first
 * letters. Threads hold the process open only while a letter is being rendered; a thread that dies
 * fails its letters (the e-mail is retried) and is replaced on the next letter.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LetterRenderError, renderLetterPdf } from './letter-pdf';
import type { LetterAnswer, LetterTask } from './letter-thread';
import type { LetterView } from './letter-view';

interface Pending {
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

class LetterThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  dead = false;

  constructor(file: string) {
    // Under ts-node (tests, benches) the thread compiles its TypeScript as the main thread does.
    const execArgv = file.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only'] : [];
    this.worker = new Worker(file, { execArgv });
    this.worker.unref();
    this.worker.on('message', (answer: LetterAnswer) => this.answer(answer));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`Luồng in giấy mời đã dừng (mã ${code}).`)));
  }

  get load(): number {
    return this.pending.size;
  }

  render(id: number, view: LetterView): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, view } satisfies LetterTask);
    });
  }

  private answer(answer: LetterAnswer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('pdf' in answer) waiting.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset, answer.pdf.byteLength));
    else {
      const error = answer.error.name === 'LetterRenderError' ? new LetterRenderError(answer.error.message) : new Error(answer.error.message);
      waiting.reject(error);
    }
  }

  private fail(error: Error): void {
    this.dead = true;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The thread's file beside this one: compiled (.js, also the bundle's own entry) or the TypeScript source. */
function threadFile(): string | null {
  for (const name of ['letter-thread.js', 'letter-thread.ts']) {
    const file = join(__dirname, name);
    if (existsSync(file)) return file;
  }
  return null;
}

let threads: LetterThread[] | null = null;
let nextId = 0;

function pool(size: number): LetterThread[] {
  if (!threads) {
    const file = size > 0 ? threadFile() : null;
    threads = file ? Array.from({ length: size }, () => new LetterThread(file)) : [];
  }
  for (let index = 0; index < threads.length; index++) {
    if (threads[index].dead) threads[index] = new LetterThread(threadFile()!);
  }
  return threads;
}

/** The letter as PDF, rendered on the least busy of `size` threads (LETTER_THREADS; here with 0). */
export function renderLetter(view: LetterView, size: number): Promise<Buffer> {
  const available = pool(size);
  if (available.length === 0) return renderLetterPdf(view);
  const thread = available.reduce((least, candidate) => (candidate.load < least.load ? candidate : least));
  return thread.render(++nextId, view);
}

/** Stops the pool's threads (a closing worker module; tests). The next letter starts a new pool. */
export async function closeLetterThreads(): Promise<void> {
  const stopping = threads ?? [];
  threads = null;
  await Promise.all(stopping.map((thread) => thread.close()));
}
