/**
 * Spans made by our own code (the queue's enqueue and process, the SMTP send), and the W3C trace
 * context that a job carries from the process that enqueued it to the one that runs it. Only the
 * OpenTelemetry API is used here: with tracing off (no provider registered, tracing.ts) every span is
 * a no-op and no trace context is written into job data.
 */
import { Attributes, context, Context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

export { SpanKind };

const TRACER = 'ngayhoi';

/** Runs `work` in a new active span (a child of the current one, or of `parent`), ended when it settles; a failure is recorded on it. */
export function inSpan<T>(name: string, options: { kind: SpanKind; attributes?: Attributes; parent?: Context }, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return trace.getTracer(TRACER).startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The W3C `traceparent` of the current span, when tracing is on and a span is active. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** A well-formed `traceparent` (from job data, which anyone with Redis access could write), else undefined. */
export function wellFormedTraceparent(value: unknown): string | undefined {
  return typeof value === 'string' && TRACEPARENT.test(value) ? value : undefined;
}

/** The context to parent a span on: the remote span a `traceparent` names, or a new trace without one. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
