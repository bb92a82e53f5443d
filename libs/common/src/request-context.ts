/**
 * The request id of whatever is running now: an HTTP request in the API, a job in the worker. The API
 * takes a caller's X-Request-Id when it is well-formed (a proxy's or a client's correlation id), makes
 * one otherwise, and answers with it; the queue producer copies the current id into the job data, and
 * the worker runs the job (and logs its lines) under that id, so one id follows an RSVP to its e-mail.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * What a request id may look like: a UUID, a ULID, a proxy's hex or dotted id — letters, digits and
 * `-_.:`, at most 128. Anything else (spaces, quotes, line breaks, a kilobyte) is replaced, so a caller
 * can neither forge log lines nor bloat every job with it.
 */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** pino-http's `genReqId`: the caller's id when well-formed, else a new UUID; returned in the response. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = isWellFormedRequestId(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

const current = new AsyncLocalStorage<string>();

/** The id of the request or job being served, if any. */
export function currentRequestId(): string | undefined {
  return current.getStore();
}

/** Runs `work` (and everything it awaits or schedules) under `id`; without an id, as it is. */
export function runWithRequestId<T>(id: string | undefined, work: () => T): T {
  return id === undefined ? work() : current.run(id, work);
}

/** Express middleware, after the request logger (which gave `req.id`): the rest of the request runs under it. */
export function bindRequestId(req: IncomingMessage & { id?: unknown }, _res: ServerResponse, next: () => void): void {
  runWithRequestId(isWellFormedRequestId(req.id) ? req.id : undefined, next);
}
