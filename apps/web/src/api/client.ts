/**
 * The one HTTP client of the console, generated from the API's OpenAPI document (`npm run openapi`
 * writes ./schema.d.ts): `client.GET('/api/venues/{id}', { params: { path: { id } } })` is typed from the
 * path to the answer. Its middleware puts the bearer token on every call, turns every refusal — the
 * API's `{ code, message, details }` body, or no answer at all — into an ApiError, and a 401 ends the
 * session (the console goes back to the login page). It also keeps the session itself.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, asRecord, networkError } from './errors';
import type { paths } from './schema';
import type { LoginAnswer } from './models';

/** The console's own record of who is logged in (sessionStorage: gone when the tab closes). */
export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** As the login answered it. */
  user: LoginAnswer['user'];
}

const SESSION_KEY = 'ngayhoi.session';
/** The API caps list pages at this many rows. */
const MAX_PAGE_SIZE = 100;
/** The one call whose 401 is an answer (wrong password), not an expired session. */
const LOGIN_PATH = '/api/auth/login';

let session: Session | null = readStoredSession();
const unauthorizedListeners = new Set<() => void>();

function readStoredSession(): Session | null {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    return isSession(stored) && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

/** What storeSession wrote; anything else (left by another version, edited by hand) is no session. */
function isSession(value: unknown): value is Session {
  const stored = asRecord(value);
  return typeof stored?.accessToken === 'string' && typeof stored.expiresAt === 'number' && asRecord(stored.user) !== undefined;
}

export function currentSession(): Session | null {
  return session;
}

/**
 * Keeps the session for this tab. The queue dashboard's cookie is not written here: the API sets it on
 * login (HttpOnly, so no script of the page can read the token from it) and clears it on logout.
 */
export function storeSession(next: Session | null): void {
  session = next;
  if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(SESSION_KEY);
}

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const bearerToken: Middleware = {
  onRequest({ request }) {
    if (session) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    return request;
  },
};

const refusals: Middleware = {
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const body: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    if (response.status === 401 && schemaPath !== LOGIN_PATH) {
      storeSession(null);
      unauthorizedListeners.forEach((listener) => listener());
    }
    throw ApiError.fromBody(response.status, body);
  },
  onError() {
    return networkError();
  },
};

export const client = createClient<paths>();
client.use(bearerToken, refusals);

/** What openapi-fetch answers: the body, or (with no middleware to throw it) the refusal. */
type Answered<T> = { data: T; error?: never; response: Response } | { data?: never; error: unknown; response: Response };
/** The body of an answer, when it is one. */
type BodyOf<A> = A extends { data: infer T; error?: never } ? T : never;

/**
 * The body a call answered, typed from the document: `await data(client.GET('/api/venues/{id}', …))`.
 * Refusals never get here (the middleware throws them); one that did would be thrown all the same.
 */
export function data<A extends Answered<unknown>>(call: Promise<A>): Promise<BodyOf<A>>;
export async function data(call: Promise<Answered<unknown>>): Promise<unknown> {
  const answer = await call;
  if ('error' in answer) throw ApiError.fromBody(answer.response.status, answer.error);
  return answer.data;
}

/**
 * Every page of a paginated list, fetched 100 rows at a time:
 * `getAll((paging) => client.GET('/api/venues', { params: { query: { editionId, ...paging } } }))`.
 */
export async function getAll<T>(fetchPage: (paging: { page: number; pageSize: number }) => Promise<Answered<{ items: T[]; total: number }>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await data(fetchPage({ page, pageSize: MAX_PAGE_SIZE }));
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length === 0) return items;
  }
}

/**
 * A file the API streams (an export can take a while), through the same client and middleware, with
 * the bytes received reported as they arrive: `download(client.GET(path, { …, parseAs: 'stream' }), onProgress)`.
 */
export async function download(
  call: Promise<Answered<ReadableStream<Uint8Array> | null>>,
  onProgress: (bytes: number) => void,
): Promise<{ blob: Blob; filename: string }> {
  const answer = await call;
  if ('error' in answer) throw ApiError.fromBody(answer.response.status, answer.error);
  const { data: stream, response } = answer;
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = decodeURIComponent(/filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? 'tai-xuong');
  if (!stream) return { blob: new Blob([], { type }), filename };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  return { blob: new Blob(chunks as BlobPart[], { type }), filename };
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
