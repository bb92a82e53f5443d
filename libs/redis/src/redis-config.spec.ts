import { Cluster, Redis } from 'ioredis';
import { clusterNodes, connectRedis, redisUrlOptions } from './redis-config';

const single = { REDIS_URL: 'rediss://app:p%40ss@redis.example.vn:6380/2', REDIS_CLUSTER_NODES: [] };
const cluster = { REDIS_URL: 'redis://app:secret@10.0.0.1', REDIS_CLUSTER_NODES: ['10.0.0.1:7000', 'redis-2.example.vn:7001'] };

describe('where Redis is', () => {
  it('reads host, credentials, TLS and database from REDIS_URL', () => {
    expect(redisUrlOptions(single)).toEqual({ host: 'redis.example.vn', port: 6380, username: 'app', password: 'p@ss', db: 2, tls: {} });
  });

  it('reads the Cluster seed nodes, or none for one server', () => {
    expect(clusterNodes(single)).toBeNull();
    expect(clusterNodes(cluster)).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-2.example.vn', port: 7001 },
    ]);
  });

  it('builds a Cluster client with the credentials on every node and the key prefix client-wide', () => {
    const client = connectRedis(cluster, { lazyConnect: true, keyPrefix: 'ngayhoi:', maxRetriesPerRequest: null, enableOfflineQueue: false });
    expect(client).toBeInstanceOf(Cluster);
    const options = (client as Cluster).options;
    expect(options).toMatchObject({ keyPrefix: 'ngayhoi:', enableOfflineQueue: false, lazyConnect: true });
    expect(options.redisOptions).toMatchObject({ username: 'app', password: 'secret', maxRetriesPerRequest: null });
    expect(options.redisOptions).not.toHaveProperty('db');
    client.disconnect();
  });

  it('builds a plain client for one server', () => {
    const client = connectRedis(single, { lazyConnect: true });
    expect(client).toBeInstanceOf(Redis);
    expect((client as Redis).options).toMatchObject({ host: 'redis.example.vn', port: 6380, db: 2 });
    client.disconnect();
  });
});
