import { Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { LoggingModule } from '@app/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { checkEvictionPolicy } from '@app/queue';
import { InjectRedis, RedisModule } from '@app/redis';

/**
 * The queue-processing app: no HTTP listener. It connects to PostgreSQL and Redis, checks them at
 * start and shuts down gracefully; processors are registered here as features bring them.
 */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule],
})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  /** Fails start-up when a dependency is unreachable, rather than failing jobs later. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    const eviction = await checkEvictionPolicy(this.redis);
    if (!eviction.ok) {
      this.logger.warn(
        `Redis maxmemory-policy is "${eviction.policy}"; BullMQ needs "noeviction" or queued jobs can be silently evicted.`,
      );
    }
    this.logger.log('worker ready: PostgreSQL and Redis reachable');
  }

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`worker stopped${signal ? ` on ${signal}` : ''}: connections closed`);
  }
}
