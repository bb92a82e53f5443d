import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Histogram } from 'prom-client';
import { DURATION_BUCKETS, MetricsRegistry } from '@app/common';

/**
 * HTTP request durations by method, route template (`/api/venues/:id`, never the concrete path, so the
 * series stay few) and status. Requests no route matched (the console's files, unknown paths) share
 * the route `unmatched`. Mounted first (configure-app.ts), so refused requests count too.
 */
@Injectable()
export class HttpMetrics {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'ngayhoi_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: DURATION_BUCKETS,
      registers: [metrics.registry],
    });
  }

  readonly middleware: RequestHandler = (request: Request, response: Response, next: NextFunction) => {
    const stop = this.duration.startTimer();
    // 'close' also fires when the client went away before the answer was written.
    response.once('close', () => stop({ method: request.method, route: routeTemplate(request), status: String(response.statusCode) }));
    next();
  };
}

/** The matched route's template, from Express' record of the route it ran (set once a route matched). */
export function routeTemplate(request: Request): string {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}
