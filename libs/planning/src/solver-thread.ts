/**
 * The body of a solver thread (see solver-threads.ts): loads HiGHS once, warms it on a small plan (V8
 * tiers the WebAssembly up on its first solves, so a planner's first run does not pay for it), says
 * it is ready, then plans the instances it is sent, one at a time, posting progress province by
 * province. A solve is synchronous WebAssembly: only terminating the thread stops it (cancellation).
 * Imports only the solver, so it loads as it is: compiled, bundled as its own entry, or under ts-node.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { planInstance } from './plan-instance';
import { warmUpSolver } from './solver-warm-up';
import type { SolverAnswer, SolverTask } from './solver-thread.types';

const port = parentPort;
if (port) {
  // This thread only (Linux: a thread's own nice value): when the cores are busy, the worker's event
  // loop — reminders, e-mails, lock renewals — gets the CPU first; the solve takes what is left.
  const { nice } = (workerData ?? {}) as { nice?: number };
  if (nice) {
    try {
      setPriority(nice);
    } catch {
      // Not permitted or not supported here: the thread runs at the process's priority.
    }
  }
  const post = (answer: SolverAnswer) => port.postMessage(answer);
  const ready = warmUpSolver().then(
    (seconds) => post({ type: 'ready', seconds }),
    (error: unknown) => {
      post({ type: 'error', id: 0, error: { name: 'Error', message: error instanceof Error ? error.message : String(error) } });
      throw error;
    },
  );
  port.on('message', ({ id, instance, mode, byProvince }: SolverTask) => {
    void ready
      .then(() => planInstance(instance, { mode, byProvince, onProgress: (done, total) => Promise.resolve(post({ type: 'progress', id, done, total })) }))
      .then(
        (planned) => post({ type: 'done', id, planned }),
        (error: unknown) =>
          post({
            type: 'error',
            id,
            error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) },
          }),
      );
  });
}
