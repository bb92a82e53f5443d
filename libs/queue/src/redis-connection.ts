import type { RedisOptions } from 'bullmq';
import type { AppConfig } from '@app/config';

/**
 * BullMQ's connections. Workers must wait for Redis forever (`maxRetriesPerRequest: null`, as BullMQ
 * requires); producers in the API fail fast so a request answers 503 instead of hanging while
 * Postgres keeps the truth.
 */
export function bullConnection(config: AppConfig, role: 'worker' | 'producer'): RedisOptions {
  const url = new URL(config.REDIS_URL);
  const base: RedisOptions = {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.slice(1) || 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
  return role === 'worker' ? { ...base, maxRetriesPerRequest: null } : { ...base, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
}

/** BullMQ key prefix; ids and prefixes never contain `:` beyond BullMQ's own separators. */
export const bullPrefix = (config: AppConfig) => `${config.REDIS_KEY_PREFIX}-bull`;
