/**
 * Serves the built web console (apps/web → WEB_ROOT) at `/`: hashed assets cached for a year,
 * index.html never cached, and every other GET outside the API's own paths answered with index.html so
 * that client-side routes survive a reload. Owns nothing of the API; without a build it does nothing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API owns; the SPA fallback never answers them (in any case: Express routes ignore it). */
const SERVER_PATHS = /^\/(api|docs|admin|metrics)(\/|$)/i;

export function mountWebConsole(app: NestExpressApplication, webRoot: string): boolean {
  const root = resolve(webRoot);
  const indexHtml = join(root, 'index.html');
  if (!existsSync(indexHtml)) {
    new Logger('WebConsole').warn(`No web console build at ${root}; serving the API only (run \`npm run build\`).`);
    return false;
  }
  app.useStaticAssets(join(root, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d' });
  app.useStaticAssets(root, {
    index: false,
    maxAge: '1h',
    // Asked for by name, index.html is still never cached (it names the current build's assets).
    setHeaders: (response: Response, path: string) => {
      if (path === indexHtml) response.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || SERVER_PATHS.test(request.path)) return next();
    // A missing hashed asset is an old page asking for a file a new build replaced: no HTML in its place.
    if (request.path.startsWith('/assets/')) return response.status(404).json({ code: 'NOT_FOUND', message: 'Không tìm thấy tài nguyên được yêu cầu.' });
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexHtml);
  });
  return true;
}

/**
 * The image sources the console's map needs in the CSP: the tile host of MAP_TILE_URL, with a `{s}`
 * subdomain placeholder widened to a wildcard (a.tile…, b.tile… all match).
 */
export function tileImageSources(mapTileUrl: string): string[] {
  const match = /^(https?):\/\/([^/]+)\//.exec(mapTileUrl);
  if (!match) return [];
  const [, scheme, host] = match;
  return [`${scheme}://${host.replace(/\{[^}]+\}/g, '*')}`];
}
