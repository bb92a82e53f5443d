import { Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AuditModule } from '@app/audit';
import { LoggingModule } from '@app/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { InvitationsWorkerModule, ReconcileInvitationMessagesHandler, SendInvitationMessageHandler } from '@app/invitations';
import { checkEvictionPolicy, JOB_HANDLERS, JobName, JobProducer, QueueModule, RECONCILE_EVERY_MS } from '@app/queue';
import { InjectRedis, RedisModule } from '@app/redis';
import { JobDispatcher } from './job-dispatcher';
import { MailQueueProcessor } from './mail-queue.processor';

/**
 * The queue-processing app: no HTTP listener. It checks PostgreSQL and Redis at start, refuses to
 * start if a job has no handler, re-enqueues what Redis lost, and shuts down gracefully.
 */
@Module({
  imports: [ConfigModule, LoggingModule, DatabaseModule, RedisModule, QueueModule.forRoot('worker'), AuditModule, InvitationsWorkerModule],
  providers: [
    {
      provide: JOB_HANDLERS,
      inject: [SendInvitationMessageHandler, ReconcileInvitationMessagesHandler],
      useFactory: (...handlers: unknown[]) => handlers,
    },
    JobDispatcher,
    MailQueueProcessor,
  ],
})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly producer: JobProducer,
    private readonly reconcileInvitations: ReconcileInvitationMessagesHandler,
  ) {}

  /** Fails start-up when a dependency is unreachable, rather than failing jobs later. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    const eviction = await checkEvictionPolicy(this.redis);
    if (!eviction.ok) {
      this.logger.warn(`Redis maxmemory-policy is "${eviction.policy}"; BullMQ needs "noeviction" or queued jobs can be silently evicted.`);
    }
    const reconciled = await this.reconcileInvitations.handle();
    await this.producer
      .queueOf(JobName.ReconcileInvitationMessages)
      .upsertJobScheduler('reconcile-invitation-messages', { every: RECONCILE_EVERY_MS }, { name: JobName.ReconcileInvitationMessages, data: {} });
    this.logger.log(`worker ready: PostgreSQL and Redis reachable; ${reconciled.requeued} e-mail job(s) re-enqueued`);
  }

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`worker stopped${signal ? ` on ${signal}` : ''}: connections closed`);
  }
}
