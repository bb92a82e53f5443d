// Redis: the module, the injection token of its client, and the factory for dedicated connections (pub/sub).
export { InjectRedis, REDIS, RedisModule, createRedisClient } from './redis.module';
