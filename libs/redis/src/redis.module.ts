/**
 * One shared ioredis client for request-path uses (login rate limits, health). It fails fast: with
 * Redis down a command errors at once instead of queueing, so the API answers 503 rather than hanging.
 * BullMQ opens its own connections (see the queue lib), as it requires different settings.
 */
import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { RedisOptions } from 'ioredis';
import { AppConfig } from '@app/config';
import { connectRedis, type RedisClient } from './redis-config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

export function createRedisClient(config: AppConfig, overrides: RedisOptions = {}): RedisClient {
  return connectRedis(config, {
    keyPrefix: `${config.REDIS_KEY_PREFIX}:`,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    lazyConnect: false,
    ...overrides,
  });
}

/** Waits for the first connection so early requests do not fail; gives up quietly after `ms`. */
function whenReady(redis: RedisClient, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const redis = createRedisClient(config);
        redis.on('error', () => undefined); // surfaced per command and by /health, not as crashes
        await whenReady(redis, 3000);
        return redis;
      },
    },
    RedisShutdown,
  ],
  exports: [REDIS],
})
export class RedisModule {}
