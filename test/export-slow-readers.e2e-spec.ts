import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '@app/auth';
import { createEdition, createUser, TEST_PASSWORD } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

/** Rows enough that one CSV (≈ 7 MB) cannot sit in the loopback's socket buffers: a reader that stops reading blocks the writer. */
const VENUES = 20_000;
const SLOW_READERS = 10;

/**
 * Issue 16, item 6: an export used to stream from a cursor inside its transaction, so a client that
 * reads slowly held a pooled connection (and a snapshot) as long as it liked; ten of them took the
 * whole pool (10) and every login waited. Exports now build a temporary file and give the connection
 * back before the first byte goes out.
 */
describe('Exports and slow readers', () => {
  let t: TestApp;
  let planner: { email: string; id: string };
  let port: number;
  const hanging: ClientRequest[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    planner = await createUser(t.dataSource, Role.CentralPlanner);
  });
  afterAll(async () => {
    for (const request of hanging) request.destroy();
    await t.close();
  });

  it('lets ten clients that stop reading an export hang without stalling login or holding connections', async () => {
    const edition = await createEdition(t.dataSource);
    await t.dataSource.query(
      `INSERT INTO venues (edition_id, name, tier, province_code, commune_name, hamlet_name, host_kind, address, latitude, longitude, region,
                           expected_attendance, scheduled_date, starts_at, ends_at, status, contact_name, contact_phone)
       SELECT $1, 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại bản Nậm Cang số ' || n, 'commune', '12', 'Xã Sìn Hồ', 'Bản Nậm Cang', 'ban',
              'Nhà văn hóa bản Nậm Cang, xã Sìn Hồ, tỉnh Lai Châu, số nhà ' || n, 22.36, 103.24, 'tay_bac', 800,
              $2::date, ($2 || 'T00:30:00Z')::timestamptz, ($2 || 'T04:30:00Z')::timestamptz, 'scheduled', 'Đại úy Lò Văn Minh', '0912 345 678'
         FROM generate_series(1, $3::int) AS n`,
      [edition.id, `${edition.year}-08-12`, VENUES],
    );
    const token = await t.tokenFor(planner);

    // Ten downloads whose clients read the headers, then stop reading (as a stalled or malicious client would).
    const responses = await Promise.all(
      Array.from(
        { length: SLOW_READERS },
        () =>
          new Promise<IncomingMessage>((resolve, reject) => {
            const request = httpRequest(
              { host: '127.0.0.1', port, path: `/api/editions/${edition.id}/export?format=csv`, headers: { Authorization: `Bearer ${token}` } },
              (response) => {
                response.pause();
                resolve(response);
              },
            );
            request.on('error', reject);
            hanging.push(request);
            request.end();
          }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(SLOW_READERS).fill(200));

    // While all ten hang, no session of the app sits in an open transaction…
    const idle = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND application_name = 'ngayhoi'`,
    );
    expect(idle[0].n).toBe(0);
    // …and login answers promptly (it needs a pooled connection).
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const started = Date.now();
      const login = await t.http.post('/api/auth/login').send({ email: planner.email, password: TEST_PASSWORD }).timeout(5_000).expect(200);
      expect(login.body.accessToken).toEqual(expect.any(String));
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    expect(responses.every((response) => !response.complete)).toBe(true);
  }, 180_000);
});
