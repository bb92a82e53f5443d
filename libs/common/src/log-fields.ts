/**
 * Fields every log line written while some work runs carries — a job's request id, queue, id and name
 * (apps/worker's QueueProcessor) — added by the loggers' `mixin` (logging.module.ts) as each line is
 * written. A pino child logger per job would do the same, but a child serializes and redacts its
 * bindings when it is made: ~5.8 kB of garbage a job at thousands of jobs a second, for lines that are
 * mostly never written (bench/README.md, reminders, fourth pass). Here a job costs one context switch;
 * a line costs a copy of the fields, and is redacted with the rest of the line.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const current = new AsyncLocalStorage<Readonly<Record<string, unknown>>>();

/** Runs `work` (and everything it awaits or schedules) with `fields` on each of its log lines. */
export function runWithLogFields<T>(fields: Readonly<Record<string, unknown>>, work: () => T): T {
  return current.run(fields, work);
}

/**
 * pino's `mixin`: the fields of the work the line is written in. A copy, which pino may extend (its
 * default merge assigns the line's own fields onto it; theirs win).
 */
export function logFieldsMixin(): Record<string, unknown> {
  const fields = current.getStore();
  return fields ? { ...fields } : {};
}
