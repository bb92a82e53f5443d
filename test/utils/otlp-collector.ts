/**
 * An OpenTelemetry collector inside the test run: it takes OTLP/HTTP JSON exports (`POST /v1/traces`,
 * what @opentelemetry/exporter-trace-otlp-http sends) from the processes under test and keeps their
 * spans in memory, flattened with their service name, for a test to read.
 */
import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans: { resource?: { attributes?: OtlpAttribute[] }; scopeSpans: { scope?: { name?: string }; spans: OtlpSpan[] }[] }[];
}

/** OTLP span kinds (the proto's numbering). */
export const SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

export interface CollectedSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean | undefined>;
}

function attributesOf(list: OtlpAttribute[] = []): CollectedSpan['attributes'] {
  return Object.fromEntries(
    list.map(({ key, value }) => [
      key,
      value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue,
    ]),
  );
}

export class OtlpCollector {
  readonly spans: CollectedSpan[] = [];
  /** Every body received, as sent: to search for what must never be exported. */
  readonly raw: string[] = [];
  private server: Server;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/v1/traces' || !String(request.headers['content-type']).includes('json')) {
          response.writeHead(415).end();
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        this.raw.push(body);
        for (const resourceSpans of (JSON.parse(body) as OtlpExport).resourceSpans) {
          const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
          for (const scopeSpans of resourceSpans.scopeSpans)
            for (const span of scopeSpans.spans)
              this.spans.push({
                service,
                scope: scopeSpans.scope?.name ?? '',
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId || undefined,
                name: span.name,
                kind: span.kind,
                attributes: attributesOf(span.attributes),
              });
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits until a span matching `predicate` has arrived (exports are batched, about every second). */
  async waitFor(predicate: (span: CollectedSpan) => boolean, ms = 30_000): Promise<CollectedSpan> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.spans.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no such span among ${this.spans.length}: ${this.spans.map((span) => `${span.service} ${span.name}`).join(', ')}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
