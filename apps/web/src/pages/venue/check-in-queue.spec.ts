import { describe, expect, it } from '@jest/globals';
import { enqueue, flush, queued, type QueuedCheckIn, type SendResult } from './check-in-queue';

function memoryStore() {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) };
}

describe('the check-in queue of a phone at the door', () => {
  it('keeps check-ins per venue, one per code however it was typed, the first scan time standing', () => {
    const store = memoryStore();
    enqueue(store, 'v1', { code: 'AB12-CD34', scannedAt: '2030-08-18T00:40:00.000Z' });
    enqueue(store, 'v1', { code: 'ab12 cd34', scannedAt: '2030-08-18T00:45:00.000Z' });
    enqueue(store, 'v2', { code: 'ZZZZ-0000', scannedAt: '2030-08-18T00:41:00.000Z' });
    expect(queued(store, 'v1')).toEqual([{ code: 'AB12-CD34', scannedAt: '2030-08-18T00:40:00.000Z' }]);
    expect(queued(store, 'v2')).toHaveLength(1);
  });

  it('sends in order, drops what was sent or refused, stops at a network failure and keeps the rest', async () => {
    const store = memoryStore();
    for (const code of ['A', 'B', 'C', 'D']) enqueue(store, 'v', { code: `${code}000-0000`, scannedAt: '2030-08-18T00:40:00.000Z' });
    const answers: Record<string, SendResult> = {
      'A000-0000': { ok: true, message: 'Đã điểm danh: A.' },
      'B000-0000': { ok: false, network: false, message: 'Mã thẻ không hợp lệ cho điểm tổ chức này.' },
      'C000-0000': { ok: false, network: true },
    };
    const seen: string[] = [];
    const report = await flush(store, 'v', async (item: QueuedCheckIn) => {
      seen.push(item.code);
      return answers[item.code];
    });
    expect(seen).toEqual(['A000-0000', 'B000-0000', 'C000-0000']);
    expect(report).toEqual({
      sent: ['Đã điểm danh: A.'],
      refused: ['B000-0000: Mã thẻ không hợp lệ cho điểm tổ chức này.'],
      left: [
        { code: 'C000-0000', scannedAt: '2030-08-18T00:40:00.000Z' },
        { code: 'D000-0000', scannedAt: '2030-08-18T00:40:00.000Z' },
      ],
    });
    expect(queued(store, 'v').map((item) => item.code)).toEqual(['C000-0000', 'D000-0000']);
  });

  it('reads a damaged store as empty rather than failing the page', () => {
    const store = memoryStore();
    store.setItem('ngayhoi.check-ins.v', '{not json');
    expect(queued(store, 'v')).toEqual([]);
  });
});
