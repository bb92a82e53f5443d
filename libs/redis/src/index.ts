// Redis: the module, the injection token of its client, the factory for dedicated connections (pub/sub), and where Redis is (one server or a Cluster).
export { InjectRedis, REDIS, RedisModule, createRedisClient } from './redis.module';
export { clusterNodes, connectRedis, redisUrlOptions } from './redis-config';
export type { RedisClient } from './redis-config';
