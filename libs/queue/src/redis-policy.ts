import type Redis from 'ioredis';

/** BullMQ loses jobs if Redis evicts keys: anything but `noeviction` is reported loudly at start. */
export async function checkEvictionPolicy(redis: Redis): Promise<{ ok: boolean; policy: string }> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1] ?? 'unknown';
  return { ok: policy === 'noeviction', policy };
}
