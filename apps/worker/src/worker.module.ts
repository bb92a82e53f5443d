import { Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditModule } from '@app/audit';
import { LoggingModule, MetricsModule } from '@app/common';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { InvitationsWorkerModule, ReconcileInvitationMessagesHandler } from '@app/invitations';
import { checkEvictionPolicy, JobRegistry, QueueModule } from '@app/queue';
import { InjectRedis, RedisModule, type RedisClient } from '@app/redis';
import { LogisticsWorkerModule } from '@app/logistics';
import { NotificationsWorkerModule } from '@app/notifications';
import { PlanningWorkerModule } from '@app/planning';
import { PressWorkerModule } from '@app/press';
import { ReconcileRemindersHandler, ReminderSenders, RemindersWorkerModule } from '@app/reminders';
import { queueProcessors } from './queue-processor';
import { JobMetrics, WorkerMetricsServer } from './worker-metrics';

/**
 * The queue-processing app: no HTTP listener. The feature worker modules it imports provide the job
 * handlers (JobRegistry finds them, and refuses to start if a defined job has none); one processor
 * per queue runs them. It checks PostgreSQL and Redis at start, re-enqueues what Redis lost, starts
 * the reconcilers' schedulers, serves its own Prometheus metrics (WORKER_METRICS_PORT), and shuts down
 * gracefully.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    MetricsModule,
    DatabaseModule,
    RedisModule,
    QueueModule.forRoot('worker'),
    DiscoveryModule,
    AuditModule,
    RemindersWorkerModule,
    InvitationsWorkerModule,
    LogisticsWorkerModule,
    PlanningWorkerModule,
    NotificationsWorkerModule,
    PressWorkerModule,
  ],
  providers: [JobRegistry, JobMetrics, WorkerMetricsServer, ...queueProcessors()],
})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: RedisClient,
    private readonly registry: JobRegistry,
    private readonly reconcileInvitations: ReconcileInvitationMessagesHandler,
    private readonly reconcileReminders: ReconcileRemindersHandler,
    private readonly reminderSenders: ReminderSenders,
  ) {}

  /** Fails start-up when a dependency is unreachable, rather than failing jobs later. */
  async onApplicationBootstrap(): Promise<void> {
    const unsendable = this.reminderSenders.missing();
    if (unsendable.length) throw new Error(`No reminder sender registered for: ${unsendable.join(', ')}`);
    await this.dataSource.query('SELECT 1');
    await this.redis.ping();
    const eviction = await checkEvictionPolicy(this.redis);
    if (eviction.ok === false) {
      this.logger.warn(`Redis maxmemory-policy is "${eviction.policy}"; BullMQ needs "noeviction" or queued jobs can be silently evicted.`);
    } else if (eviction.ok === null) {
      this.logger.warn(
        `Redis maxmemory-policy could not be read (${eviction.reason}); make sure it is "noeviction" in the provider's settings, or queued jobs can be silently evicted.`,
      );
    }
    // Postgres is the truth: whatever Redis lost while we were away is enqueued again before we start.
    const mail = await this.reconcileInvitations.handle();
    const reminders = await this.reconcileReminders.handle();
    await this.registry.startSchedulers();
    this.logger.log(
      `worker ready: PostgreSQL and Redis reachable; re-enqueued ${mail.requeued} e-mail(s) and ${reminders.requeued} reminder(s), ${reminders.missed} reminder(s) missed`,
    );
  }

  onApplicationShutdown(signal?: string): void {
    this.logger.log(`worker stopped${signal ? ` on ${signal}` : ''}: connections closed`);
  }
}
