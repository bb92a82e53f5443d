import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type RequestHandler } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bindRequestId, createValidationPipe, HTTP_LOGGER } from '@app/common';
import { AppConfig } from '@app/config';
import { PublicIntake } from '@app/invitations';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { mountWebConsole, tileImageSources } from './console/web-console';
import { HttpMetrics } from './metrics/http-metrics';
import { createOpenApiDocument } from './openapi/openapi-document';

const API_PREFIX = 'api';

/**
 * HTTP concerns, applied the same way in production and in the end-to-end tests: security headers,
 * closed CORS unless origins are configured, strict validation, `/api` prefix, OpenAPI at `/docs`
 * (outside production),
 * and the built web console at `/` (its map tiles are the only foreign images the CSP allows).
 */
export async function configureApp(app: NestExpressApplication): Promise<NestExpressApplication> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  // First, so that every request is logged (with its client address) and timed, however it ends.
  app.use(app.get<RequestHandler>(HTTP_LOGGER));
  app.use(app.get(HttpMetrics).middleware);
  // The rest of the request runs under its id (X-Request-Id), which the queue producer puts in job data.
  app.use(bindRequestId);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', ...tileImageSources(config.MAP_TILE_URL)],
        },
      },
    }),
  );
  if (config.CORS_ORIGINS.length > 0) app.enableCors({ origin: config.CORS_ORIGINS, credentials: false });
  // The routes open to anyone check their token or secret before reading a body, with small limits.
  app.get(PublicIntake).mount(app, `/${API_PREFIX}`);
  // Login is open to anyone too: an e-mail and a password need no megabyte.
  app.use(`/${API_PREFIX}/auth/login`, json({ limit: '16kb' }));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.useGlobalPipes(createValidationPipe());
  useApiPrefix(app);
  mountQueueDashboard(app);
  mountWebConsole(app, config.WEB_ROOT);
  app.enableShutdownHooks();

  // Production publishes no map of the API: the console is built from the committed document.
  if (!config.isProduction) {
    const document = await createOpenApiDocument(app);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  }
  return app;
}

/** Every route under /api but the Prometheus scrape; the OpenAPI export applies the same. */
export function useApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
}
