/**
 * The one HTTP client of the console: JSON in and out, the bearer token on every call, the API's
 * `{ code, message, details }` errors as ApiError, and a 401 sends the user back to the login page.
 */
import type { Session } from './types';

const SESSION_KEY = 'ngayhoi.session';
/** The cookie the queue dashboard (/admin/queues) accepts, so a planner can open it from the console. */
const TOKEN_COOKIE = 'ngayhoi_token';

let session: Session | null = readStoredSession();
const unauthorizedListeners = new Set<() => void>();

function readStoredSession(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

export function currentSession(): Session | null {
  return session;
}

export function storeSession(next: Session | null): void {
  session = next;
  if (next) {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    document.cookie = `${TOKEN_COOKIE}=${encodeURIComponent(next.accessToken)}; Path=/admin; SameSite=Strict; Max-Age=${Math.floor((next.expiresAt - Date.now()) / 1000)}`;
  } else {
    sessionStorage.removeItem(SESSION_KEY);
    document.cookie = `${TOKEN_COOKIE}=; Path=/admin; SameSite=Strict; Max-Age=0`;
  }
}

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface FieldIssue {
  field: string;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Validation failures by field (`VALIDATION_FAILED` details), e.g. `{ email: ['phải là địa chỉ e-mail hợp lệ'] }`. */
  get fieldErrors(): Record<string, string[]> {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return {};
    return Object.fromEntries((this.details as FieldIssue[]).map((issue) => [issue.field, issue.messages]));
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
  }
  if (response.ok) return response;
  const error = (await response.json().catch(() => null)) as { code?: string; message?: string; details?: unknown } | null;
  if (response.status === 401 && path !== '/auth/login') {
    storeSession(null);
    unauthorizedListeners.forEach((listener) => listener());
  }
  throw new ApiError(response.status, error?.code ?? 'HTTP_' + response.status, error?.message ?? 'Lỗi hệ thống. Vui lòng thử lại sau.', error?.details);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Every page of a paginated list (the API caps pages at 100 rows). */
export async function getAll<T>(path: string, query?: Query): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const result = await get<Page<T>>(path, { ...query, page, pageSize: 100 });
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}

/** Downloads a file, reporting bytes received as they arrive (exports can take a while). */
export async function download(path: string, onProgress: (bytes: number) => void): Promise<{ blob: Blob; filename: string }> {
  const response = await send('GET', path);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = decodeURIComponent(/filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? 'tai-xuong');
  const reader = response.body?.getReader();
  if (!reader) return { blob: await response.blob(), filename };
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received);
  }
  return { blob: new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' }), filename };
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
