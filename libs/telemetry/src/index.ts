// Telemetry: OpenTelemetry tracing (started before the app's modules load) and the spans our own code makes.
export { contextFromTraceparent, currentTraceparent, inSpan, SpanKind, wellFormedTraceparent } from './spans';
export { startTracing } from './tracing';
export type { Tracing, TracingOptions } from './tracing';
