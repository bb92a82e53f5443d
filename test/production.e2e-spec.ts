import { randomBytes } from 'node:crypto';
import { Role } from '@app/auth';
import { loadAppConfig } from '@app/config';
import { seedDemo } from '@app/seed';
import { createUser, TEST_PASSWORD } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

const random = () => randomBytes(48).toString('base64url');

/** What NODE_ENV=production needs besides the test environment: real secrets, a metrics token. */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: random(),
  LINK_SECRET: random(),
  INBOUND_HOOK_SECRET: random(),
  METRICS_TOKEN: random(),
  PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn',
};

/** Issue 16, item 7: production behaves like production. */
describe('Production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(PRODUCTION);
  });
  afterAll(() => t.close());

  it('publishes no Swagger UI or OpenAPI document', async () => {
    await t.http.get('/docs').expect(404);
    await t.http.get('/docs/openapi.json').expect(404);
  });

  it('answers health with ok or fail only, unless a planner asks', async () => {
    const open = await t.http.get('/api/health').expect(200);
    expect(open.body).toEqual({ status: 'ok' });
    const viewer = await t.tokenFor(await createUser(t.dataSource, Role.Viewer));
    expect((await t.http.get('/api/health').set('Authorization', `Bearer ${viewer}`).expect(200)).body).toEqual({ status: 'ok' });
    const planner = await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner));
    const detailed = await t.http.get('/api/health').set('Authorization', `Bearer ${planner}`).expect(200);
    expect(detailed.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('requires the metrics token on /metrics', async () => {
    await t.http.get('/metrics').expect(401);
    await t.http.get('/metrics').set('Authorization', `Bearer ${PRODUCTION.METRICS_TOKEN}`).expect(200);
  });

  it('marks the dashboard session cookie Secure (and HttpOnly)', async () => {
    const planner = await createUser(t.dataSource, Role.CentralPlanner);
    const login = await t.http.post('/api/auth/login').send({ email: planner.email, password: TEST_PASSWORD }).expect(200);
    expect(String(login.headers['set-cookie'])).toMatch(/^ngayhoi_token=[^;]+;.*; Path=\/admin;.*; HttpOnly; Secure; SameSite=Strict$/);
  });

  it('refuses to seed the demo edition', async () => {
    // Counted before and after: an earlier suite of the same run may have seeded the demo accounts.
    const demoAccounts = async (): Promise<number> =>
      (await t.dataSource.query(`SELECT count(*)::int AS count FROM users WHERE email LIKE '%@ngayhoi.example.vn'`))[0].count;
    const before = await demoAccounts();
    await expect(seedDemo(t.dataSource, loadAppConfig({ ...process.env, ...PRODUCTION }))).rejects.toThrow(
      'The demo seed refuses to run with NODE_ENV=production.',
    );
    expect(await demoAccounts()).toBe(before);
  });

  it('refuses to start with the demo secrets of the test environment, naming the variable', () => {
    expect(() => loadAppConfig({ ...process.env, ...PRODUCTION, JWT_SECRET: process.env.JWT_SECRET })).toThrow(
      /^Invalid configuration: JWT_SECRET looks like a demo or placeholder value/,
    );
  });
});

describe('Health outside production, with Redis down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:6399/0' }); // nothing listens there;
  });
  afterAll(() => t.close());

  it('tells the public only that it fails, and planners why', async () => {
    expect((await t.http.get('/api/health').expect(503)).body).toEqual({ status: 'fail' });
    const planner = await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner));
    const detailed = await t.http.get('/api/health').set('Authorization', `Bearer ${planner}`).expect(503);
    expect(detailed.body).toMatchObject({ status: 'fail', info: { database: { status: 'up' } }, error: { redis: { status: 'down' } } });
  });
});
