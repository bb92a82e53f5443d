/**
 * The process's OpenTelemetry tracing: started by each app's first import (apps/{api,worker}/src/
 * instrument.ts), before Nest, Express or pg are required, since the instrumentations patch those
 * modules as they load. Traces HTTP (server and client), Express route handlers and PostgreSQL queries; our own
 * spans (queue, SMTP) are in spans.ts. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test hands
 * its own exporter): then nothing is registered, and every span the code asks for is a no-op.
 *
 * Secrets stay out of spans as they stay out of logs: a server span's URL is cut to its route template
 * (`/api/rsvp/:token`, never the token) and its query dropped; query parameters are never recorded
 * (only the parameterised SQL text); no header is recorded.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, Span, SpanExporter, SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  /** `service.name` of the spans: ngayhoi-api, ngayhoi-worker. */
  serviceName: string;
  /** OTLP/HTTP collector base URL (AppConfig.OTEL_EXPORTER_OTLP_ENDPOINT); `/v1/traces` is added. */
  endpoint?: string;
  /** Instead of OTLP (tests): where finished spans go. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Sends what is buffered (before a test reads its collector, or before the process ends). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** Probes and scrapes are not traced: they are many, alike, and say nothing about a request's path. */
const UNTRACED_PATHS = /^\/(?:metrics|api\/health(?:\/live)?)(?:[/?]|$)/;

/** Server-span attributes that hold the raw path or query (stable and older semantic conventions). */
const URL_ATTRIBUTES = ['url.full', 'url.path', 'url.query', 'http.target', 'http.url'];
const REDACTED = '[redacted]';

/** Rewrites a server span's URL attributes to the route template before it is exported. */
class UrlRedactingProcessor implements SpanProcessor {
  onStart(span: Span): void {
    this.redact(span);
  }

  onEnding(span: Span): void {
    this.redact(span);
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  private redact(span: Span): void {
    const route = span.attributes['http.route'];
    const path = typeof route === 'string' ? route : REDACTED;
    for (const key of URL_ATTRIBUTES) {
      if (!(key in span.attributes)) continue;
      if (key === 'url.query') span.setAttribute(key, REDACTED);
      else if (key === 'url.full' || key === 'http.url') span.setAttribute(key, String(span.attributes[key]).replace(/^(\w+:\/\/[^/]+).*$/, `$1${path}`));
      else span.setAttribute(key, path);
    }
  }
}

let started: Tracing | undefined;

/** Starts tracing when an endpoint or exporter is given; otherwise does nothing and answers undefined. */
export function startTracing(options: TracingOptions): Tracing | undefined {
  if (started) return started;
  const exporter = options.exporter ?? (options.endpoint ? new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` }) : undefined);
  if (!exporter) return undefined;

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new UrlRedactingProcessor(), new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1_000 })],
  });
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
        // Outgoing calls only as part of a trace (not the OTLP export's own, nor stray background calls).
        requireParentforOutgoingSpans: true,
      }),
      // The route's handler, not each of the dozen middlewares every request passes (helmet, parsers…).
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      // Only queries made inside a request or a job: pollers and pool chatter would be traces of their own.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  started = { flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
  return started;
}
