/**
 * The body of a solver thread (see solver-threads.ts): loads HiGHS once, warms it on a small plan (V8
 * tiers the WebAssembly up on its first solves, so a planner's first run does not pay for it), says
 * it is ready, then plans the instances it is sent, one at a time, posting progress province by
 * province, and answers with the run's stored proposal already made and serialised (stored-result.ts).
 * A solve is synchronous WebAssembly: only terminating the thread stops it (cancellation).
 * Imports only the solver, so it loads as it is: compiled, bundled as its own entry, or under ts-node.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { planInstance } from './plan-instance';
import type { CurrentAssignment, PlanningInstance, PlanningLeader, PlanningVenue } from './planning.types';
import type { SolverAnswer, SolverMessage, SolverTask } from './solver-thread.types';
import { warmUpSolver } from './solver-warm-up';
import { storedResultOf } from './stored-result';

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
  const solve = ({ id, instance, byProvince, result }: SolverTask) => {
    void ready
      .then(() =>
        planInstance(instance, { mode: result.mode, byProvince, onProgress: (done, total) => Promise.resolve(post({ type: 'progress', id, done, total })) }),
      )
      .then((planned) => {
        // Named and serialised here: the worker's event loop only passes the text on to PostgreSQL.
        const stored = storedResultOf(instance, planned, result);
        return { resultJson: JSON.stringify(stored), assignments: stored.assignments.length };
      })
      .then(
        (solved) => post({ type: 'done', id, solved }),
        (error: unknown) =>
          post({
            type: 'error',
            id,
            error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) },
          }),
      );
  };
  // The parts of the instances not solved yet (SolverPart), by task id.
  const parts = new Map<number, { venues: PlanningVenue[]; leaders: PlanningLeader[]; current: CurrentAssignment[] }>();
  port.on('message', (message: SolverMessage) => {
    const received = parts.get(message.id) ?? { venues: [], leaders: [], current: [] };
    if (message.type === 'part') {
      parts.set(message.id, received);
      (received[message.list] as unknown[]).push(...message.items);
      return;
    }
    parts.delete(message.id);
    const { instance: rest } = message;
    const instance: PlanningInstance = {
      ...rest,
      venues: [...received.venues, ...rest.venues],
      leaders: [...received.leaders, ...rest.leaders],
      current: [...received.current, ...(rest.current ?? [])],
    };
    solve({ ...message, instance });
  });
}
