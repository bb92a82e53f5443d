/**
 * A job carries the id of the request (or job) that enqueued it, beside its payload: the worker runs it
 * under that id, so its log lines can be found from the request's X-Request-Id, and a job it enqueues in
 * turn carries the id on. Beside it, when tracing is on, the W3C `traceparent` of the enqueue span: the
 * worker's span for the job is its child, so a request and the jobs it caused are one trace. The keys
 * are reserved: no payload has such a field, and handlers never see them.
 */
import { currentRequestId, isWellFormedRequestId } from '@app/common';
import { currentTraceparent, wellFormedTraceparent } from '@app/telemetry';

export const JOB_REQUEST_ID_KEY = '_requestId';
export const JOB_TRACEPARENT_KEY = '_traceparent';

/** The data of a job: its payload, plus the current request id and trace context when there are. */
export function withRequestId<P extends object>(payload: P, requestId = currentRequestId(), traceparent = currentTraceparent()): P {
  if (requestId === undefined && traceparent === undefined) return payload; // nothing to add: no copy per job
  return {
    ...payload,
    ...(requestId !== undefined && { [JOB_REQUEST_ID_KEY]: requestId }),
    ...(traceparent !== undefined && { [JOB_TRACEPARENT_KEY]: traceparent }),
  };
}

/** The request id and traceparent a job's data carries (each when well-formed), and the payload without them. */
export function splitRequestId(data: object): { requestId: string | undefined; traceparent: string | undefined; payload: object } {
  if (!(JOB_REQUEST_ID_KEY in data) && !(JOB_TRACEPARENT_KEY in data)) return { requestId: undefined, traceparent: undefined, payload: data };
  const { [JOB_REQUEST_ID_KEY]: requestId, [JOB_TRACEPARENT_KEY]: traceparent, ...payload } = data as Record<string, unknown>;
  return { requestId: isWellFormedRequestId(requestId) ? requestId : undefined, traceparent: wellFormedTraceparent(traceparent), payload };
}
