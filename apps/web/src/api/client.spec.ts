import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { client, currentSession, data, download, getAll, onUnauthorized, storeSession } from './client';
import type { ApiError } from './errors';

/** What the browser gives the client: the tab's storage (node has none). */
const storage = new Map<string, string>();
beforeAll(() => {
  Object.assign(globalThis, {
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
      removeItem: (key: string) => storage.delete(key),
    },
  });
});

const baseUrl = 'http://console.test';
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const session = {
  accessToken: 'token-1',
  expiresAt: Date.now() + 60_000,
  user: { id: 'u1', email: 'a@b.vn', fullName: 'Cán bộ A', role: 'central_planner' as const, provinceCode: null, mustChangePassword: false },
};

async function refusalOf(call: Promise<unknown>): Promise<ApiError> {
  try {
    await call;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('the call was not refused');
}

afterEach(() => storeSession(null));

describe('the console client', () => {
  it('sends the bearer token and answers the typed body', async () => {
    storeSession(session);
    const seen: Request[] = [];
    const edition = { id: 'e1', year: 2027 };
    const answer = await data(
      client.GET('/api/editions/{id}', {
        params: { path: { id: 'e1' } },
        baseUrl,
        fetch: async (request) => {
          seen.push(request);
          return json(edition);
        },
      }),
    );
    expect(answer).toEqual(edition);
    expect(seen[0].url).toBe(`${baseUrl}/api/editions/e1`);
    expect(seen[0].headers.get('Authorization')).toBe('Bearer token-1');
  });

  it("turns the API's { code, message, details } into an ApiError with its field errors", async () => {
    const body = { code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ.', details: [{ field: 'theme', messages: ['quá ngắn'] }] };
    const refusal = await refusalOf(data(client.POST('/api/editions', { body: { year: 2027, theme: 'ab' }, baseUrl, fetch: async () => json(body, 400) })));
    expect(refusal).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu gửi lên không hợp lệ.' });
    expect(refusal.fieldErrors).toEqual({ theme: ['quá ngắn'] });
  });

  it('says so, in Vietnamese, when the server cannot be reached or answers something else', async () => {
    const offline = await refusalOf(
      client.GET('/api/provinces', {
        baseUrl,
        fetch: async () => {
          throw new TypeError('Failed to fetch');
        },
      }),
    );
    expect(offline).toMatchObject({ status: 0, code: 'NETWORK', message: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng rồi thử lại.' });
    const gateway = await refusalOf(client.GET('/api/provinces', { baseUrl, fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }) }));
    expect(gateway).toMatchObject({ status: 502, code: 'HTTP_502', message: 'Lỗi hệ thống. Vui lòng thử lại sau.' });
  });

  it('ends the session on a 401, except for a wrong password at login', async () => {
    let sentBack = 0;
    const stop = onUnauthorized(() => (sentBack += 1));
    const expired = { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập.' };
    storeSession(session);
    await refusalOf(client.POST('/api/auth/login', { body: { email: 'a@b.vn', password: 'sai' }, baseUrl, fetch: async () => json(expired, 401) }));
    expect(currentSession()).not.toBeNull();
    await refusalOf(client.GET('/api/provinces', { baseUrl, fetch: async () => json(expired, 401) }));
    expect(currentSession()).toBeNull();
    expect(storage.has('ngayhoi.session')).toBe(false);
    expect(sentBack).toBe(1);
    stop();
  });

  it('reads every page of a list', async () => {
    const rows = Array.from({ length: 230 }, (_, index) => ({ id: `v${index}` }));
    const pages: string[] = [];
    const all = await getAll((paging) =>
      client.GET('/api/venues', {
        params: { query: { editionId: 'e1', ...paging } },
        baseUrl,
        fetch: async (request) => {
          const query = new URL(request.url).searchParams;
          pages.push(query.toString());
          const page = Number(query.get('page'));
          return json({ items: rows.slice((page - 1) * 100, page * 100), total: rows.length, page, pageSize: 100 });
        },
      }),
    );
    expect(all).toHaveLength(230);
    expect(pages).toEqual(['editionId=e1&page=1&pageSize=100', 'editionId=e1&page=2&pageSize=100', 'editionId=e1&page=3&pageSize=100']);
  });

  it('downloads a file through the same client, reporting the bytes as they arrive', async () => {
    const received: number[] = [];
    const file = await download(
      client.GET('/api/editions/{editionId}/export', {
        params: { path: { editionId: 'e1' }, query: { format: 'csv' } },
        parseAs: 'stream',
        baseUrl,
        fetch: async () =>
          new Response('a;b\n1;2\n', {
            headers: {
              'Content-Type': 'text/csv',
              'Content-Disposition': 'attachment; filename="ke-hoach.csv"; filename*=UTF-8\'\'k%E1%BA%BF-ho%E1%BA%A1ch.csv',
            },
          }),
      }),
      (bytes) => received.push(bytes),
    );
    expect(file.filename).toBe('kế-hoạch.csv');
    expect(await file.blob.text()).toBe('a;b\n1;2\n');
    expect(received.at(-1)).toBe(8);
  });
});
