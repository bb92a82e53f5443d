/**
 * A job carries the id of the request (or job) that enqueued it, beside its payload: the worker runs it
 * under that id, so its log lines can be found from the request's X-Request-Id, and a job it enqueues in
 * turn carries the id on. The key is reserved: no payload has such a field, and handlers never see it.
 */
import { currentRequestId, isWellFormedRequestId } from '@app/common';

export const JOB_REQUEST_ID_KEY = '_requestId';

/** The data of a job: its payload, plus the current request id when there is one. */
export function withRequestId<P extends object>(payload: P, requestId = currentRequestId()): P {
  return requestId === undefined ? payload : { ...payload, [JOB_REQUEST_ID_KEY]: requestId };
}

/** The request id a job's data carries (when well-formed), and the payload without it. */
export function splitRequestId(data: object): { requestId: string | undefined; payload: object } {
  if (!(JOB_REQUEST_ID_KEY in data)) return { requestId: undefined, payload: data };
  const { [JOB_REQUEST_ID_KEY]: requestId, ...payload } = data as Record<string, unknown>;
  return { requestId: isWellFormedRequestId(requestId) ? requestId : undefined, payload };
}
