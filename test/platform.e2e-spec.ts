import { Role } from '@app/auth';
import { createUser, TEST_PASSWORD } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

describe('Platform: health, OpenAPI, security headers, CORS, login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health without a login (ok or fail only), and PostgreSQL and Redis to planners', async () => {
    expect((await t.http.get('/api/health').expect(200)).body).toEqual({ status: 'ok' });
    const planner = await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner));
    const response = await t.http.get('/api/health').set('Authorization', `Bearer ${planner}`).expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('serves the OpenAPI document and Swagger UI at /docs', async () => {
    const document = await t.http.get('/docs/openapi.json').expect(200);
    expect(document.body.info.title).toBe('ngayhoi API');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/api/venues', '/api/venues/{id}/transitions', '/api/auth/login']));
    const ui = await t.http.get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  // Prometheus metrics: test/metrics.e2e-spec.ts.

  it('sizes the database pool from DB_POOL_SIZE', async () => {
    const small = await createTestApp({ DB_POOL_SIZE: '3' });
    try {
      const poolOf = (app: TestApp) => (app.dataSource.driver as unknown as { master: { options: { max: number } } }).master.options.max;
      expect([poolOf(small), poolOf(t)]).toEqual([3, 10]);
      await Promise.all(Array.from({ length: 6 }, () => small.dataSource.query('SELECT pg_sleep(0.05)')));
    } finally {
      await small.close();
    }
  });

  it('shows the queue dashboard to central planners only', async () => {
    const planner = await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner));
    const viewer = await t.tokenFor(await createUser(t.dataSource, Role.Viewer));
    expect((await t.http.get('/admin/queues').expect(401)).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http.get('/admin/queues').set('Authorization', `Bearer ${viewer}`).expect(403)).body.code).toBe('FORBIDDEN');
    const page = await t.http.get('/admin/queues').set('Authorization', `Bearer ${planner}`).expect(200);
    expect(page.text).toContain('__UI_CONFIG__');
    // The console's cookie, among others a browser sends (parsed by the cookie package, value URL-decoded).
    const cookies = `theme=dark; ngayhoi_token=${encodeURIComponent(planner)}; lang=vi`;
    const queues = await t.http.get('/admin/queues/api/queues').set('Cookie', cookies).expect(200);
    expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual(['mail', 'planning', 'reminders']);
    await t.http
      .get('/admin/queues/api/queues')
      .set('Cookie', `theme=dark; ngayhoi_token=${encodeURIComponent(viewer)}`)
      .expect(403);
  });

  it('sends security headers and keeps CORS closed', async () => {
    const response = await t.http.get('/api/health').set('Origin', 'https://evil.example').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http.options('/api/venues').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs in with the right password only, with the same answer for an unknown account', async () => {
    const user = await createUser(t.dataSource, Role.CentralPlanner);
    const ok = await t.http.post('/api/auth/login').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(ok.body).toMatchObject({ expiresIn: 28800, user: { id: user.id, role: 'central_planner' } });
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${ok.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: user.id, role: 'central_planner', provinceCode: null });

    const wrong = await t.http.post('/api/auth/login').send({ email: user.email, password: 'sai-mật-khẩu-rồi' }).expect(401);
    const unknown = await t.http.post('/api/auth/login').send({ email: 'khong-co@test.ngayhoi.vn', password: 'sai-mật-khẩu-rồi' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'E-mail hoặc mật khẩu không đúng.' });
  });

  it('cuts a deactivated account off at once', async () => {
    const user = await createUser(t.dataSource, Role.Viewer);
    const token = await t.tokenFor(user);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await t.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [user.id]);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('lets planners create accounts, binding organizers to exactly one province', async () => {
    const planner = `Bearer ${await t.tokenFor(await createUser(t.dataSource, Role.CentralPlanner))}`;
    const account = {
      email: `org-${Date.now()}@test.ngayhoi.vn`,
      fullName: 'Cán bộ Công an tỉnh Sơn La',
      password: 'một-mật-khẩu-dài',
      role: 'provincial_organizer',
    };
    const missing = await t.http.post('/api/users').set('Authorization', planner).send(account).expect(422);
    expect(missing.body.code).toBe('ORGANIZER_PROVINCE_REQUIRED');
    const created = await t.http
      .post('/api/users')
      .set('Authorization', planner)
      .send({ ...account, provinceCode: '14' })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'provincial_organizer', provinceCode: '14' });
    expect(created.body).not.toHaveProperty('passwordHash');
    const taken = await t.http
      .post('/api/users')
      .set('Authorization', planner)
      .send({ ...account, provinceCode: '14' })
      .expect(409);
    expect(taken.body.code).toBe('EMAIL_TAKEN');
  });
});

describe('Login rate limit (Redis-backed, shared by every API instance)', () => {
  const limits = { LOGIN_RATE_LIMIT_PER_ACCOUNT: '3', LOGIN_RATE_LIMIT_PER_IP: '100', LOGIN_RATE_WINDOW_SECONDS: '60' };
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp(limits);
    second = await createTestApp(limits);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('blocks a fourth attempt on one account even when it reaches another instance', async () => {
    const user = await createUser(first.dataSource, Role.Viewer);
    const attempt = (app: TestApp) => app.http.post('/api/auth/login').send({ email: user.email, password: 'đoán-mò-mật-khẩu' });
    expect((await attempt(first)).status).toBe(401);
    expect((await attempt(second)).status).toBe(401);
    expect((await attempt(first)).status).toBe(401);
    const blocked = await attempt(second);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS', details: { retryAfterSeconds: expect.any(Number) } });
    // Even the right password waits out the block.
    expect((await first.http.post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD })).status).toBe(429);
    // Another account from the same address is not affected.
    const other = await createUser(first.dataSource, Role.Viewer);
    await first.http.post('/api/auth/login').send({ email: other.email, password: TEST_PASSWORD }).expect(200);
  });
});
