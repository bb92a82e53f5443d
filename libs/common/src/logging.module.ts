import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { AppConfig } from '@app/config';
import { logFieldsMixin } from './log-fields';
import { redactUrl } from './log-redaction';
import { requestIdFor } from './request-context';

/** Where logs go: stdout unless something else is provided (the log-scan tests capture them). */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');
/** The request logger, mounted by the HTTP app before anything else so that every request is logged. */
export const HTTP_LOGGER = Symbol('HTTP_LOGGER');

/**
 * Written as `[redacted]` wherever a log call passes them: credentials in headers (Authorization,
 * cookies, the inbound hook's secret), passwords in bodies, SMTP and database URLs with their password
 * (a log of the configuration or of a connection error).
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-inbound-secret"]',
  'req.body.password',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-inbound-secret"]',
  'password',
  '*.password',
  'auth.pass',
  '*.auth.pass',
  'SMTP_URL',
  '*.SMTP_URL',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'REDIS_URL',
  '*.REDIS_URL',
];

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

/**
 * Readable lines for people at a terminal (LOG_FORMAT=pretty, the default in development). pino-pretty
 * is a development dependency, so it is loaded only when asked for: the production image has none, and
 * its configuration refuses pretty. In this process (no transport thread), so the bundles need no
 * separate file for it.
 */
function prettyStream(): DestinationStream {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
  return pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
}

export function createHttpLogger(config: AppConfig, destination: DestinationStream | null): HttpLogger {
  const logger = pino(
    {
      level: config.LOG_LEVEL,
      // Defence in depth: the serializers below print none of these, and a future log call that
      // passes a request, its headers or the configuration still prints them redacted.
      redact: {
        paths: REDACTED_PATHS,
        censor: '[redacted]',
      },
      // The fields of the job a line is written in (runWithLogFields): no child logger per job.
      mixin: logFieldsMixin,
    },
    destination ?? (config.logFormat === 'pretty' ? prettyStream() : undefined),
  );
  return pinoHttp({
    logger,
    // The caller's X-Request-Id when well-formed, else a new one; answered in the response header and
    // bound as `reqId` to every line of the request (the worker's lines for its jobs carry it too).
    genReqId: requestIdFor,
    customProps: (req) => ({ service: 'ngayhoi', reqId: req.id }),
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
