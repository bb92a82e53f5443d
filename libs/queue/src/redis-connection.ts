import type { ConnectionOptions, RedisOptions } from 'bullmq';
import type { AppConfig } from '@app/config';
import { connectRedis, redisUrlOptions } from '@app/redis';

/**
 * BullMQ's connections. Workers must wait for Redis forever (`maxRetriesPerRequest: null`, as BullMQ
 * requires); producers in the API fail fast so a request answers 503 instead of hanging while
 * Postgres keeps the truth.
 *
 * On one server these are options (BullMQ opens and closes its connections). On a Redis Cluster BullMQ
 * needs a Cluster client: a new one is returned, which the caller closes (QueueModule does, once its
 * queues and workers are closed).
 */
export function bullConnection(config: AppConfig, role: 'worker' | 'producer'): ConnectionOptions {
  const options: RedisOptions =
    role === 'worker' ? { maxRetriesPerRequest: null } : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  if (config.REDIS_CLUSTER_NODES.length === 0) {
    const single: RedisOptions = { ...redisUrlOptions(config), ...options };
    return single;
  }
  // A Cluster client needs its offline queue until it has read the slots; producers still fail fast per command.
  return connectRedis(config, { ...options, enableOfflineQueue: true });
}

/**
 * BullMQ key prefix, in a hash tag: on a Redis Cluster, BullMQ's scripts touch many keys of one queue
 * at once, which must sit in one slot. The tag puts all of this deployment's queues on one shard (as
 * BullMQ's documentation advises); the application's own keys spread over the others. Ids and
 * prefixes never contain `:` beyond BullMQ's own separators.
 */
export const bullPrefix = (config: AppConfig) => `{${config.REDIS_KEY_PREFIX}-bull}`;
