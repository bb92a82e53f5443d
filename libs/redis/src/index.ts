// Redis: the module and the injection token of its client.
export { InjectRedis, REDIS, RedisModule } from './redis.module';
