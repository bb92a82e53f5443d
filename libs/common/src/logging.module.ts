import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { AppConfig } from '@app/config';
import { redactUrl } from './log-redaction';

/** Where logs go: stdout unless something else is provided (the log-scan tests capture them). */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** The request logger, mounted by the HTTP app before anything else so that every request is logged. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  raw: { ip?: string; socket?: { remoteAddress?: string } };
}

/**
 * Client errors (4xx) are warnings, server faults errors; only a thrown error carries a stack, and the
 * exception filter logs those itself, so a refused request is one line without a stack.
 */
export function requestLogLevel(_req: IncomingMessage, res: ServerResponse, error?: Error): 'info' | 'warn' | 'error' {
  if (res.statusCode >= 500 || (error && res.statusCode < 400)) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

export function createHttpLogger(config: AppConfig, destination: DestinationStream | null): HttpLogger {
  const logger = pino(
    {
      level: config.LOG_LEVEL,
      // Defence in depth: the serializers below print none of these, and a future log call that
      // passes a request or its headers still prints them redacted.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-inbound-secret"]',
          'req.body.password',
          'res.headers["set-cookie"]',
          'headers.authorization',
          'headers.cookie',
          'headers["x-inbound-secret"]',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? undefined,
  );
  return pinoHttp({
    logger,
    customProps: () => ({ service: 'ngayhoi' }),
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    customLogLevel: requestLogLevel,
    // The 5xx line names the request, not the error again: the filter logs the error with its stack.
    customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({ ...value, err: undefined }),
    serializers: {
      // The client address as resolved through the configured proxies (TRUST_PROXY_HOPS), and the URL
      // without RSVP/feed tokens or the inbound hook's path.
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.raw.ip ?? req.raw.socket?.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}

/**
 * Structured JSON logs (pino) for every app, one line per event, with request ids on HTTP logs.
 * Secrets in URLs and headers are never written; every request line has the client address.
 *
 * The request logger is built here once (HTTP_LOGGER) and mounted first by the HTTP app, so requests
 * that end before reaching a route (a body too large, an unknown path, a static file) are logged too;
 * nestjs-pino reuses it (`useExisting`) for the request context of every other log line.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [
        { provide: LOG_DESTINATION, useValue: null },
        { provide: HTTP_LOGGER, inject: [AppConfig, LOG_DESTINATION], useFactory: createHttpLogger },
      ],
      inject: [HTTP_LOGGER],
      useFactory: (httpLogger: HttpLogger) => ({ pinoHttp: { logger: httpLogger.logger }, useExisting: true }),
    }),
  ],
})
export class LoggingModule {}
