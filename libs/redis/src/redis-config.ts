/**
 * Where Redis is and how to reach it, in one place: one server (REDIS_URL) or a Redis Cluster
 * (REDIS_CLUSTER_NODES, with REDIS_URL giving the credentials and TLS every node shares). Every client
 * of ngayhoi — the shared one, pub/sub subscribers, BullMQ's — is built from here.
 */
import { Cluster, type ClusterNode, Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@app/config';

/** Either kind of ioredis client: their commands are the same (keys of one call must share a hash slot on a Cluster). */
export type RedisClient = Redis | Cluster;

type RedisSettings = Pick<AppConfig, 'REDIS_URL' | 'REDIS_CLUSTER_NODES'>;

/** The seed nodes of the Cluster, or null for one server. */
export function clusterNodes(config: RedisSettings): ClusterNode[] | null {
  if (config.REDIS_CLUSTER_NODES.length === 0) return null;
  return config.REDIS_CLUSTER_NODES.map((node) => {
    const separator = node.lastIndexOf(':');
    return { host: node.slice(0, separator), port: Number(node.slice(separator + 1)) };
  });
}

/** Connection options of REDIS_URL: host and port (ignored on a Cluster), credentials, TLS, database. */
export function redisUrlOptions(config: RedisSettings): Pick<RedisOptions, 'host' | 'port' | 'username' | 'password' | 'db' | 'tls'> {
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number(url.pathname.slice(1) || 0),
    tls: url.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * A new client of this deployment's Redis with the given options. On a Cluster, the per-node options
 * (credentials, TLS, retries per request) go to every node, and the client-wide ones (offline queue,
 * key prefix, lazy connect) to the Cluster client.
 */
export function connectRedis(config: RedisSettings, options: RedisOptions): RedisClient {
  const nodes = clusterNodes(config);
  const { host: _host, port: _port, db: _db, ...shared } = redisUrlOptions(config);
  if (!nodes) return new Redis({ ...redisUrlOptions(config), ...options });
  const { keyPrefix, enableOfflineQueue, lazyConnect, connectTimeout, ...perNode } = options;
  return new Cluster(nodes, {
    keyPrefix,
    enableOfflineQueue,
    lazyConnect,
    redisOptions: { ...shared, ...perNode, connectTimeout },
    // Node addresses as the Cluster announces them; slots are refreshed when it reshards.
    slotsRefreshTimeout: 2000,
  });
}
