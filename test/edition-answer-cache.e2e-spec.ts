import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ReadinessCache } from '../libs/logistics/src/readiness/readiness.cache';
import { TEST_ENV } from './test-env';

/**
 * The answer cache reads the edition's revision once per round trip to Redis, not once per request,
 * and still never serves an answer older than a change recorded before the request (a real Redis).
 */
describe('EditionAnswerCache: shared revision reads', () => {
  let redis: Redis;
  let gets: number;
  let cache: ReadinessCache;
  beforeAll(() => {
    redis = new Redis(TEST_ENV.REDIS_URL);
    const counting = new Proxy(redis, {
      get(target, property) {
        if (property === 'get') return (key: string) => ((gets += 1), target.get(key));
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    cache = new ReadinessCache(counting);
  });
  beforeEach(() => (gets = 0));
  afterAll(() => redis.quit());

  it('answers 50 requests at once with one computation and a GET or two', async () => {
    const editionId = randomUUID();
    let computed = 0;
    const answers = await Promise.all(Array.from({ length: 50 }, () => cache.get(editionId, 'all', '', () => Promise.resolve({ computed: ++computed }))));
    expect(computed).toBe(1);
    expect(new Set(answers.map((answer) => answer.body.toString()))).toEqual(new Set(['{"computed":1}']));
    expect(gets).toBeGreaterThanOrEqual(1);
    expect(gets).toBeLessThanOrEqual(2);
    await redis.del(`readiness-revision:${editionId}`);
  });

  it('serves a request that comes after a change the answer of the new revision, even while an older read is in flight', async () => {
    const editionId = randomUUID();
    const key = `readiness-revision:${editionId}`;
    let computed = 0;
    const compute = () => Promise.resolve({ computed: ++computed });
    await cache.get(editionId, 'all', '', compute); // revision 0, computed once
    const before = cache.get(editionId, 'all', '', compute); // its GET goes out now…
    const bump = redis.incr(key); // …the change after it on the same connection…
    const after = cache.get(editionId, 'all', '', compute); // …and this request after the change
    await bump;
    expect((await before).body.toString()).toBe('{"computed":1}'); // read before the change: still valid then
    expect((await after).body.toString()).toBe('{"computed":2}');
    expect(gets).toBe(3); // the first request's, the second's in flight, and one sent after it for the third
    await redis.del(key);
  });
});
