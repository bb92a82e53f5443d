import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { contextFromTraceparent, currentTraceparent, inSpan, SpanKind, wellFormedTraceparent } from './spans';
import { startTracing } from './tracing';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('spans with tracing off (no endpoint)', () => {
  it('starts nothing, writes no trace context, and still runs the work of a span', async () => {
    expect(startTracing({ serviceName: 'ngayhoi-test' })).toBeUndefined();
    await expect(
      inSpan('send mail', { kind: SpanKind.PRODUCER }, async (span) => {
        expect(span.isRecording()).toBe(false);
        return currentTraceparent();
      }),
    ).resolves.toBeUndefined();
    await expect(inSpan('smtp send', { kind: SpanKind.CLIENT }, () => Promise.reject(new Error('451')))).rejects.toThrow('451');
  });
});

describe('the traceparent a job carries', () => {
  afterEach(() => propagation.disable());

  it('accepts only the W3C form', () => {
    expect(wellFormedTraceparent(TRACEPARENT)).toBe(TRACEPARENT);
    for (const bad of ['00-zz', `${TRACEPARENT}\n`, 42, undefined, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331'])
      expect(wellFormedTraceparent(bad)).toBeUndefined();
  });

  it('names the enqueue span as the parent of the job’s span, or none', () => {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    const parent = trace.getSpanContext(contextFromTraceparent(TRACEPARENT));
    expect(parent).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', isRemote: true });
    expect(contextFromTraceparent(undefined)).toBe(ROOT_CONTEXT);
  });
});
