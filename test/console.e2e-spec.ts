import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from './utils/test-app';

/** The API serving the web console: settings, static files, the SPA fallback and the CSP for map tiles. */
describe('Web console serving', () => {
  let t: TestApp;
  const webRoot = mkdtempSync(join(tmpdir(), 'ngayhoi-web-'));

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Bảng điều hành</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log("ngayhoi")');
    t = await createTestApp({ WEB_ROOT: webRoot, MAP_TILE_URL: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png', MAP_TILE_ATTRIBUTION: '© Bản đồ thử' });
  });
  afterAll(() => t.close());

  it('tells the console its map tiles without a login', async () => {
    const response = await t.http.get('/api/console-settings').expect(200);
    expect(response.body).toEqual({
      mapTileUrl: 'https://{s}.tiles.example.vn/{z}/{x}/{y}.png',
      mapTileAttribution: '© Bản đồ thử',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('serves the console at / and its client-side routes, and lets the tile host through the CSP', async () => {
    const index = await t.http.get('/').expect(200);
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect(index.text).toContain('Bảng điều hành');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect((await t.http.get('/index.html').expect(200)).headers['cache-control']).toBe('no-cache'); // asked for by name too
    const csp = index.headers['content-security-policy'];
    expect(csp).toMatch(/img-src 'self' data: https:\/\/\*\.tiles\.example\.vn/);
    expect(csp).toContain("script-src 'self'");

    const deepLink = await t.http.get('/diem/5f0c7c1e-0000-4000-8000-000000000000').expect(200);
    expect(deepLink.text).toContain('Bảng điều hành');

    const asset = await t.http.get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    await t.http.get('/assets/missing.js').expect(404);
  });

  it('leaves the API, the docs and the metrics to the API', async () => {
    const missing = await t.http.get('/api/no-such-route').expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    await t.http.get('/api/health').expect(200);
    const docs = await t.http.get('/docs/openapi.json').expect(200);
    expect(docs.body.paths).toHaveProperty('/api/console-settings');
    await t.http.get('/metrics').expect(200);
    await t.http.post('/nowhere').expect(404);
  });
});
