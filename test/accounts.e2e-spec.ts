import { Role } from '@app/auth';
import { createUser, TEST_PASSWORD } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

interface AuditRow {
  action: string;
  actor_id: string | null;
  actor_email: string;
  entity_id: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** Issue 16, item 8 (accounts) and item 3's login audit. */
describe('Accounts: sessions, logout, passwords, deactivation, audited logins', () => {
  let t: TestApp;
  let planner: { id: string; email: string };
  let plannerAuth: string;

  const auditOf = (entityId: string): Promise<AuditRow[]> =>
    t.dataSource.query(
      `SELECT action, actor_id, actor_email, entity_id, changes FROM audit_entries WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
      [entityId],
    );
  const login = (email: string, password = TEST_PASSWORD) => t.http.post('/api/auth/login').send({ email, password });
  const versionOf = async (id: string): Promise<number> => (await t.dataSource.query(`SELECT version FROM users WHERE id = $1`, [id]))[0].version;

  beforeAll(async () => {
    // One trusted proxy, so the audit records the address it forwards.
    t = await createTestApp({ TRUST_PROXY_HOPS: '1' });
    planner = await createUser(t.dataSource, Role.CentralPlanner);
    plannerAuth = `Bearer ${await t.tokenFor(planner)}`;
  });
  afterAll(() => t.close());

  it('finds accounts by words of the e-mail or the name whatever the diacritics and case, by role and province', async () => {
    const organizer = await createUser(t.dataSource, Role.ProvincialOrganizer, '12', { fullName: 'Lò Thị Đào Tìm Thấy' });
    const find = (query: Record<string, string>) => t.http.get('/api/users').query(query).set('Authorization', plannerAuth);
    const byName = (await find({ q: 'lo thi dao tim thay' }).expect(200)).body;
    expect(byName.items.map((item: { id: string }) => item.id)).toEqual([organizer.id]);
    expect(byName.total).toBe(1);
    const byEmail = (await find({ q: organizer.email.split('@')[0].toUpperCase(), role: 'provincial_organizer', provinceCode: '12' }).expect(200)).body;
    expect(byEmail.items.map((item: { id: string }) => item.id)).toEqual([organizer.id]);
    expect((await find({ q: 'lo thi dao tim thay', role: 'viewer' }).expect(200)).body.total).toBe(0);
    expect((await find({ q: 'lo thi dao tim thay', provinceCode: '14' }).expect(200)).body.total).toBe(0);
    expect((await find({ role: 'admin' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await find({ provinceCode: 'x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('audits every login, successful or not, with the account name and the client address', async () => {
    const user = await createUser(t.dataSource, Role.Viewer);
    await login(user.email).set('X-Forwarded-For', '203.0.113.7').expect(200);
    await login(user.email, 'sai-mật-khẩu-rồi').set('X-Forwarded-For', '198.51.100.23').expect(401);
    await login('khong-ai@test.ngayhoi.vn', 'sai-mật-khẩu-rồi').set('X-Forwarded-For', '198.51.100.24').expect(401);

    const entries = await auditOf(user.id);
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'login',
        actor_id: user.id,
        actor_email: user.email,
        changes: { clientAddress: { before: null, after: '203.0.113.7' } },
      }),
      expect.objectContaining({
        action: 'login_failed',
        actor_id: null,
        actor_email: user.email,
        changes: { clientAddress: { before: null, after: '198.51.100.23' }, reason: { before: null, after: 'wrong_password' } },
      }),
    ]);
    // An unknown account is recorded under the name that was tried (it has no id).
    const [unknown] = await auditOf('khong-ai@test.ngayhoi.vn');
    expect(unknown).toMatchObject({ action: 'login_failed', actor_email: 'khong-ai@test.ngayhoi.vn', changes: { reason: { after: 'unknown_account' } } });
    // Planners read them in the audit log.
    const listed = await t.http.get('/api/audit').query({ entityId: user.id, action: 'login_failed' }).set('Authorization', plannerAuth).expect(200);
    expect(listed.body.items).toHaveLength(1);
  });

  it('logs out: every token of the account stops working at once, and the dashboard cookie is cleared', async () => {
    const user = await createUser(t.dataSource, Role.CentralPlanner);
    const first = await login(user.email).expect(200);
    const second = await login(user.email).expect(200);
    // The login answer gives planners the queue dashboard's cookie, which no script can read.
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/ngayhoi_token=[^;]+; Max-Age=28800; Path=\/admin; Expires=[^;]+; HttpOnly; SameSite=Strict/);
    expect(cookie).not.toContain('Secure'); // outside production (production.e2e-spec.ts checks Secure)

    const out = await t.http
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .set('X-Forwarded-For', '203.0.113.9')
      .expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/ngayhoi_token=; Path=\/admin; Expires=Thu, 01 Jan 1970/);
    for (const session of [first, second]) {
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${session.body.accessToken}`).expect(401);
      await t.http.get('/admin/queues/api/queues').set('Cookie', `ngayhoi_token=${session.body.accessToken}`).expect(401);
    }
    expect((await auditOf(user.id)).map((entry) => entry.action)).toEqual(['login', 'login', 'logout']);
    // A new login works as before.
    const again = await login(user.email).expect(200);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
  });

  it('lets users change their own password, which ends their other sessions', async () => {
    const user = await createUser(t.dataSource, Role.ProvincialOrganizer, '12');
    const here = await login(user.email).expect(200);
    const elsewhere = await login(user.email).expect(200);
    const auth = `Bearer ${here.body.accessToken}`;
    const newPassword = 'một-mật-khẩu-mới-đủ-dài';

    const wrong = await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: 'không-phải-nó', newPassword }).expect(422);
    expect(wrong.body).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', details: { field: 'currentPassword' } });
    const same = await t.http
      .post('/api/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
      .expect(422);
    expect(same.body.code).toBe('PASSWORD_UNCHANGED');
    const short = await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'ngắn' }).expect(400);
    expect(short.body.code).toBe('VALIDATION_FAILED');

    const changed = await t.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: TEST_PASSWORD, newPassword }).expect(200);
    expect(changed.body).toMatchObject({ accessToken: expect.any(String), user: { id: user.id, mustChangePassword: false } });
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    for (const old of [here, elsewhere]) await t.http.get('/api/auth/me').set('Authorization', `Bearer ${old.body.accessToken}`).expect(401);
    await login(user.email).expect(401);
    await login(user.email, newPassword).expect(200);
    const entry = (await auditOf(user.id)).find((row) => row.action === 'password_change');
    expect(entry).toMatchObject({ actor_id: user.id });
    expect(JSON.stringify(entry)).not.toContain(newPassword);
  });

  it('lets planners deactivate an account (access ends at once) and open it again, at the version they saw', async () => {
    const user = await createUser(t.dataSource, Role.ProvincialOrganizer, '66');
    const session = await login(user.email).expect(200);
    const version = await versionOf(user.id);

    const stale = await t.http
      .post(`/api/users/${user.id}/deactivate`)
      .set('Authorization', plannerAuth)
      .send({ version: version + 1 })
      .expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const off = await t.http.post(`/api/users/${user.id}/deactivate`).set('Authorization', plannerAuth).send({ version }).expect(200);
    expect(off.body).toMatchObject({ id: user.id, active: false });
    expect(off.body).not.toHaveProperty('passwordHash');
    expect(off.body).not.toHaveProperty('tokenVersion');
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${session.body.accessToken}`).expect(401);
    await login(user.email).expect(401);

    const self = await t.http
      .post(`/api/users/${planner.id}/deactivate`)
      .set('Authorization', plannerAuth)
      .send({ version: await versionOf(planner.id) })
      .expect(422);
    expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    await t.http.post(`/api/users/00000000-0000-4000-8000-000000000000/deactivate`).set('Authorization', plannerAuth).send({ version: 1 }).expect(404);

    await t.http.post(`/api/users/${user.id}/reactivate`).set('Authorization', plannerAuth).send({ version: off.body.version }).expect(200);
    // The old token stays revoked; a new login works.
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${session.body.accessToken}`).expect(401);
    await login(user.email).expect(200);
    const actions = (await auditOf(user.id)).filter((row) => row.actor_id === planner.id);
    expect(actions).toEqual([
      expect.objectContaining({ action: 'deactivate', changes: { active: { before: true, after: false } } }),
      expect.objectContaining({ action: 'reactivate', changes: { active: { before: false, after: true } } }),
    ]);
  });

  it('lets planners require a new password: until it is chosen, the account reaches only the password page', async () => {
    const user = await createUser(t.dataSource, Role.Viewer);
    const before = await login(user.email).expect(200);
    await t.http
      .post(`/api/users/${user.id}/require-password-change`)
      .set('Authorization', plannerAuth)
      .send({ version: await versionOf(user.id) })
      .expect(200);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${before.body.accessToken}`).expect(401); // sessions ended

    const forced = await login(user.email).expect(200);
    expect(forced.body.user.mustChangePassword).toBe(true);
    const auth = `Bearer ${forced.body.accessToken}`;
    const refused = await t.http.get('/api/editions').set('Authorization', auth).expect(403);
    expect(refused.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: 'Bạn cần đổi mật khẩu trước khi tiếp tục.' });
    await t.http.get('/api/auth/me').set('Authorization', auth).expect(200);

    const changed = await t.http
      .post('/api/auth/password')
      .set('Authorization', auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'mật-khẩu-mới-theo-yêu-cầu' })
      .expect(200);
    await t.http.get('/api/editions').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    // Found by its e-mail (the run's other suites made more accounts than a page holds).
    const list = await t.http.get('/api/users').query({ q: user.email.toUpperCase() }).set('Authorization', plannerAuth).expect(200);
    expect(list.body.items.find((item: { id: string }) => item.id === user.id)).toMatchObject({ mustChangePassword: false, active: true });
    expect((await auditOf(user.id)).map((row) => row.action)).toEqual(['login', 'password_change_required', 'login', 'password_change']);
  });

  it('keeps a token signed before this change (no token version) out', async () => {
    const user = await createUser(t.dataSource, Role.Viewer);
    const { JwtService } = await import('@nestjs/jwt');
    const legacy = await t.app.get(JwtService).signAsync({ sub: user.id });
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${legacy}`).expect(401);
  });
});

describe('Login hold per account, across every address (Redis-backed)', () => {
  const env = {
    TRUST_PROXY_HOPS: '1',
    LOGIN_RATE_LIMIT_PER_IP: '100',
    LOGIN_RATE_LIMIT_PER_ACCOUNT: '100',
    LOGIN_LOCKOUT_THRESHOLD: '3',
    LOGIN_LOCKOUT_BASE_SECONDS: '60',
  };
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await createTestApp(env);
    second = await createTestApp(env);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('holds an account guessed at from rotating addresses and instances, even for the right password', async () => {
    const user = await createUser(first.dataSource, Role.CentralPlanner);
    const attempt = (app: TestApp, address: string, password = 'đoán-mò-mật-khẩu') =>
      app.http.post('/api/auth/login').set('X-Forwarded-For', address).send({ email: user.email.toUpperCase(), password });
    expect((await attempt(first, '198.51.100.1')).status).toBe(401);
    expect((await attempt(second, '198.51.100.2')).status).toBe(401);
    const held = await attempt(first, '198.51.100.3');
    expect(held.status).toBe(429);
    expect(held.body).toMatchObject({ code: 'ACCOUNT_TEMPORARILY_LOCKED', details: { retryAfterSeconds: 60 } });
    expect(held.headers['retry-after']).toBe('60');
    const right = await attempt(second, '203.0.113.50', TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.details.retryAfterSeconds).toBeGreaterThan(55);

    // Another account is not affected, and the held attempts are in the audit log.
    const other = await createUser(first.dataSource, Role.Viewer);
    await first.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.3').send({ email: other.email, password: TEST_PASSWORD }).expect(200);
    const reasons: Array<{ reason: string }> = await first.dataSource.query(
      `SELECT changes->'reason'->>'after' AS reason FROM audit_entries WHERE action = 'login_failed' AND actor_email = $1 ORDER BY id`,
      [user.email],
    );
    expect(reasons.map((row) => row.reason)).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'account_held']);
  });
});
