import { DueTimeWorker } from './due-time-worker';

/**
 * A DueTimeWorker without a Redis connection: only what its wait and its wake-up read (BullMQ's own
 * getBlockTimeout reads the options and the backend's minimum block time), and a client recording zadd.
 */
function idleWorker() {
  const zadd = jest.fn().mockResolvedValue(1);
  const worker = Object.create(DueTimeWorker.prototype) as DueTimeWorker;
  Object.assign(worker, {
    opts: { drainDelay: 5 },
    keys: { marker: 'bull:reminders:marker' },
    backend: { minimumBlockTimeout: 0.001, maximumBlockTimeout: 10, client: Promise.resolve({ zadd }) },
  });
  const wait = (blockUntil: number) => (worker as unknown as { getBlockTimeout(blockUntil: number): number }).getBlockTimeout(blockUntil);
  return { worker, zadd, wait };
}

const flush = () => new Promise((done) => jest.requireActual<typeof import('node:timers')>('node:timers').setImmediate(done));

describe('DueTimeWorker', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000, doNotFake: ['setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it('waits as BullMQ does, and at the due time writes the next-delayed marker that ends the wait', async () => {
    const { zadd, wait } = idleWorker();
    expect(wait(1_000_250)).toBeCloseTo(0.25);
    jest.advanceTimersByTime(249);
    await flush();
    expect(zadd).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await flush();
    expect(zadd).toHaveBeenCalledWith('bull:reminders:marker', 1_000_250, '1');
  });

  it('keeps one alarm: a new wait replaces the previous one', async () => {
    const { zadd, wait } = idleWorker();
    wait(1_000_500);
    wait(1_000_100);
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(zadd.mock.calls).toEqual([['bull:reminders:marker', 1_000_100, '1']]);
  });

  it('sets no alarm for a wait without a delayed job (new jobs write their own marker)', async () => {
    const { zadd, wait } = idleWorker();
    expect(wait(0)).toBe(5);
    jest.advanceTimersByTime(10_000);
    await flush();
    expect(zadd).not.toHaveBeenCalled();
  });

  it('writes nothing once closing', async () => {
    const { worker, zadd, wait } = idleWorker();
    wait(1_000_100);
    Object.assign(worker, { closing: Promise.resolve() });
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(zadd).not.toHaveBeenCalled();
  });
});
