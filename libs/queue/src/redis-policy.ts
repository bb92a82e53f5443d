import type { Cluster, Redis } from 'ioredis';

export type EvictionPolicyCheck = { ok: true; policy: string } | { ok: false; policy: string } | { ok: null; reason: string };

/**
 * BullMQ loses jobs if Redis evicts keys: anything but `noeviction` is reported loudly at start.
 * Managed Redis services often refuse CONFIG (renamed or disabled): then the policy is unknown
 * (`ok: null`), which is a warning too, never a reason not to start.
 */
export async function checkEvictionPolicy(redis: Redis | Cluster): Promise<EvictionPolicyCheck> {
  let reply: unknown;
  try {
    reply = await redis.config('GET', 'maxmemory-policy');
  } catch (error) {
    return { ok: null, reason: error instanceof Error ? error.message : String(error) };
  }
  const policy = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : undefined;
  if (!policy) return { ok: null, reason: 'CONFIG GET maxmemory-policy answered nothing' };
  return { ok: policy === 'noeviction', policy };
}
