/**
 * The worker's solver threads (node:worker_threads): every HiGHS solve of a planning run happens on one
 * of them, never on the thread that fires reminders, sends e-mails and renews BullMQ's locks. A solve is
 * synchronous WebAssembly lasting up to tens of seconds; on its own thread it costs the event loop one
 * message out (the instance) and one back (the stored proposal, as one string: see stored-result.ts).
 *
 * PLANNING_THREADS threads, each loading and warming HiGHS once when it starts (solver-thread.ts): at
 * the worker's start (PLANNING_THREADS_AT_START), or with the first run. A run takes a free thread or
 * waits for one. Cancelling a run's solve terminates its thread (the only way to stop a synchronous
 * solve) and starts a fresh one in its place; a thread that dies fails its run and is replaced likewise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { PlanningInstance } from './planning.types';
import type { SolvedRun, SolverAnswer, SolverMessage, SolverTask } from './solver-thread.types';
import type { StoredResultOptions } from './stored-result';
import { yieldToLoop } from './yielding';

/** Items of an instance's list per message to its thread (SolverPart): each clone takes a few milliseconds. */
export const PART = 500;

/** The solve was stopped because its run was cancelled. */
export class SolveCancelledError extends Error {
  constructor() {
    super('Lượt lập kế hoạch đã bị huỷ.');
    this.name = 'SolveCancelledError';
  }
}

export interface SolveControl {
  /** Called after each province (or the one national solve), in order; the next waits for it. */
  onProgress?: (done: number, total: number) => Promise<void>;
  /** Aborting stops the solve: its thread is terminated and the promise rejects with SolveCancelledError. */
  signal?: AbortSignal;
}

interface Running {
  id: number;
  resolve(solved: SolvedRun): void;
  reject(error: Error): void;
  onProgress: (done: number, total: number) => Promise<void>;
  /** The progress callbacks, chained so they run in order and the outcome waits for the last. */
  progress: Promise<void>;
}

/** The thread's file beside this one: compiled (.js, also the worker bundle's own entry) or the TypeScript source. */
function threadFile(): string {
  for (const name of ['solver-thread.js', 'solver-thread.ts']) {
    const file = join(__dirname, name);
    if (existsSync(file)) return file;
  }
  throw new Error(`The solver thread's file (solver-thread.js) is missing beside ${__dirname}`);
}

class SolverThread {
  private readonly worker: Worker;
  /** Resolves once HiGHS is loaded and warm, with the seconds it took. */
  readonly ready: Promise<number>;
  running: Running | null = null;
  dead = false;
  /** Became ready once: only such a thread is replaced when it dies (one that cannot start is not retried in a loop). */
  warm = false;

  constructor(
    file: string,
    private readonly onDeath: (thread: SolverThread, error: Error) => void,
    nice: number,
  ) {
    // Under ts-node or ts-jest the thread compiles its TypeScript (and the `@app/*` paths) as the main thread does.
    const execArgv = file.endsWith('.ts') ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [];
    this.worker = new Worker(file, { execArgv, name: 'solver', workerData: { nice } });
    // The process's own connections keep it alive; a thread must not hold a closing process open.
    this.worker.unref();
    let warmed: (seconds: number) => void;
    let failed: (error: Error) => void;
    this.ready = new Promise<number>((resolve, reject) => ((warmed = resolve), (failed = reject)));
    this.ready.catch(() => undefined); // a thread that never got ready fails its runs, not the process
    this.worker.on('message', (answer: SolverAnswer) => {
      if (answer.type === 'ready') {
        this.warm = true;
        warmed(answer.seconds);
      } else this.answer(answer);
    });
    this.worker.on('error', (error: Error) => {
      failed(error);
      this.die(error);
    });
    this.worker.on('exit', (code) => {
      const error = new Error(`Luồng giải bài toán lập kế hoạch đã dừng (mã ${code}).`);
      failed(error);
      this.die(error);
    });
  }

  /**
   * Sends the task: its instance's long lists in parts first, a turn of the event loop between them
   * (postMessage clones on this thread, at once), then the task with what remains.
   */
  async solve(task: SolverTask, running: Running): Promise<void> {
    this.running = running;
    const send = (message: SolverMessage) => this.worker.postMessage(message);
    const { id, instance } = task;
    const lists = { venues: instance.venues, leaders: instance.leaders, current: instance.current ?? [] };
    const rest = { ...lists };
    for (const list of ['venues', 'leaders', 'current'] as const) {
      let start = 0;
      for (; lists[list].length - start > PART; start += PART) {
        if (this.running !== running) return; // cancelled meanwhile: the thread is gone
        send({ type: 'part', id, list, items: lists[list].slice(start, start + PART) } as SolverMessage);
        await yieldToLoop();
      }
      Object.assign(rest, { [list]: lists[list].slice(start) });
    }
    if (this.running !== running) return;
    send({ type: 'solve', ...task, instance: { ...instance, ...rest } });
  }

  /** Stops the thread at once, whatever it is doing (a solve in progress included). */
  terminate(): Promise<number> {
    this.dead = true;
    return this.worker.terminate();
  }

  private answer(answer: Exclude<SolverAnswer, { type: 'ready' }>): void {
    const running = this.running;
    if (!running || running.id !== answer.id) return;
    if (answer.type === 'progress') {
      running.progress = running.progress.then(() => running.onProgress(answer.done, answer.total));
      return;
    }
    this.running = null;
    const failed = (error: unknown) => running.reject(error instanceof Error ? error : new Error(String(error)));
    if (answer.type === 'done') running.progress.then(() => running.resolve(answer.solved), failed);
    else running.progress.then(() => failed(Object.assign(new Error(answer.error.message), { name: answer.error.name })), failed);
  }

  private die(error: Error): void {
    if (this.dead && !this.running) return;
    this.dead = true;
    const running = this.running;
    this.running = null;
    running?.reject(error);
    this.onDeath(this, error);
  }
}

@Injectable()
export class SolverThreads implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SolverThreads');
  private readonly slots: (SolverThread | null)[];
  private readonly busy = new Set<number>();
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;
  private closed = false;
  /** Threads started since the worker started: one per slot, and one more for each that died or was stopped. */
  started = 0;

  constructor(private readonly config: AppConfig) {
    this.slots = Array.from({ length: config.PLANNING_THREADS }, () => null);
  }

  onApplicationBootstrap(): void {
    // Not awaited: the worker starts consuming at once; a run arriving first waits for its thread (failures are logged).
    if (this.config.PLANNING_THREADS_AT_START) this.start().catch(() => undefined);
  }

  /** Starts every thread not running yet; resolves when all are warm (with each one's seconds). */
  start(): Promise<number[]> {
    return Promise.all(this.slots.map((_, slot) => this.threadAt(slot).ready));
  }

  /** The worker is shutting down: a solve cut short now is to be retried, not recorded as failed. */
  get closing(): boolean {
    return this.closed;
  }

  /** The threads alive now (started, not terminated or dead). */
  get alive(): number {
    return this.slots.filter((thread) => thread && !thread.dead).length;
  }

  /**
   * Plans the instance on a solver thread (planInstance, off this thread) and answers with the run's
   * stored proposal as JSON text (storedResultOf), made there too.
   */
  async plan(instance: PlanningInstance, options: { byProvince: boolean; result: StoredResultOptions }, control: SolveControl = {}): Promise<SolvedRun> {
    const { signal } = control;
    const slot = await this.freeSlot(signal);
    const thread = this.threadAt(slot);
    try {
      await abortable(thread.ready, signal);
      return await new Promise<SolvedRun>((resolve, reject) => {
        if (signal?.aborted) return reject(new SolveCancelledError());
        const id = ++this.nextId;
        const onAbort = () => {
          // The solve cannot be interrupted from inside: the thread goes, a fresh one takes its slot.
          if (thread.running?.id === id) thread.running = null;
          void thread.terminate();
          this.replace(thread);
          reject(new SolveCancelledError());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const settle =
          <T>(finish: (value: T) => void) =>
          (value: T) => {
            signal?.removeEventListener('abort', onAbort);
            finish(value);
          };
        thread
          .solve(
            { id, instance, byProvince: options.byProvince, result: options.result },
            { id, resolve: settle(resolve), reject: settle(reject), onProgress: control.onProgress ?? (() => Promise.resolve()), progress: Promise.resolve() },
          )
          .catch((error: Error) => {
            // Not sent (e.g. an instance that cannot be cloned): the thread is free again.
            if (thread.running?.id === id) thread.running = null;
            settle(reject)(error);
          });
      });
    } finally {
      this.release(slot);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    const threads = this.slots.filter((thread): thread is SolverThread => thread !== null);
    this.slots.fill(null);
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private threadAt(slot: number): SolverThread {
    const current = this.slots[slot];
    if (current && !current.dead) return current;
    const started = performance.now();
    const thread = new SolverThread(threadFile(), (dead, error) => this.onDeath(dead, error), this.config.PLANNING_THREAD_NICE);
    this.slots[slot] = thread;
    this.started += 1;
    thread.ready.then(
      (warmSeconds) =>
        this.logger.log(
          `solver thread ${slot + 1} ready in ${((performance.now() - started) / 1000).toFixed(2)} s (HiGHS warmed in ${warmSeconds.toFixed(2)} s)`,
        ),
      (error: Error) => this.logger.error(`solver thread ${slot + 1} failed to start: ${error.message}`),
    );
    return thread;
  }

  /** A dead thread's slot is refilled at once (so the next run finds HiGHS warm), unless shutting down. */
  private replace(thread: SolverThread): void {
    const slot = this.slots.indexOf(thread);
    if (slot < 0 || this.closed) return;
    this.slots[slot] = null;
    this.threadAt(slot);
  }

  private onDeath(thread: SolverThread, error: Error): void {
    const slot = this.slots.indexOf(thread);
    if (this.closed || slot < 0) return;
    if (!thread.warm) {
      this.slots[slot] = null; // tried again by the next run, not in a loop
      return;
    }
    this.logger.warn(`solver thread stopped: ${error.message}; starting another`);
    this.replace(thread);
  }

  private async freeSlot(signal?: AbortSignal): Promise<number> {
    for (;;) {
      if (signal?.aborted) throw new SolveCancelledError();
      const slot = this.slots.findIndex((_, index) => !this.busy.has(index));
      if (slot >= 0) {
        this.busy.add(slot);
        return slot;
      }
      await abortable(new Promise<void>((resume) => this.waiting.push(resume)), signal);
    }
  }

  private release(slot: number): void {
    this.busy.delete(slot);
    this.waiting.shift()?.();
  }
}

/** The promise, or SolveCancelledError as soon as the signal aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new SolveCancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new SolveCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error as Error)),
    );
  });
}
