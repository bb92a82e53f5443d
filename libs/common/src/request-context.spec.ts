import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestId, isWellFormedRequestId, requestIdFor, runWithRequestId } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function exchange(header?: string | string[]): { id: string; answered: unknown } {
  const headers: Record<string, unknown> = {};
  const req = { headers: header === undefined ? {} : { 'x-request-id': header } } as unknown as IncomingMessage;
  const res = { setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = value) } as unknown as ServerResponse;
  const id = requestIdFor(req, res);
  return { id, answered: headers['x-request-id'] };
}

describe('request ids', () => {
  it.each(['0b8f7c1e-6a7d-4f59-9a43-4c2a3f1d2e10', '01JEXAMPLE0ULID0000000000', 'lb.3f2a:17', 'a'])('keeps the well-formed %s and answers with it', (given) => {
    expect(exchange(given)).toEqual({ id: given, answered: given });
  });

  it.each([
    ['empty', ''],
    ['a line break (forged log line)', 'abc\n{"level":60}'],
    ['spaces and quotes', 'x" y'],
    ['too long', 'a'.repeat(129)],
    ['a leading dash', '-abc'],
  ])('replaces one that is %s with a new UUID', (_case, given) => {
    const { id, answered } = exchange(given);
    expect(id).toMatch(UUID);
    expect(answered).toBe(id);
  });

  it('makes one when none is given, and a repeated header is not trusted', () => {
    expect(exchange().id).toMatch(UUID);
    expect(exchange(['a', 'b']).id).toMatch(UUID);
    expect(isWellFormedRequestId(42)).toBe(false);
  });

  it('follows the work it was bound to across awaits, and nothing else', async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await runWithRequestId('req-1', async () => {
      await new Promise((done) => setImmediate(done));
      return currentRequestId();
    });
    expect(seen).toBe('req-1');
    expect(currentRequestId()).toBeUndefined();
    expect(runWithRequestId(undefined, () => currentRequestId())).toBeUndefined();
  });
});
