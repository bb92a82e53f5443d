import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { BullConnections, BullConnectionsModule, QueueShutdown } from './bull-connections';
import { JobProducer } from './job-producer';
import { QueueName } from './queues';
import { bullPrefix } from './redis-connection';

/**
 * BullMQ wiring. `producer` (the API): fail-fast connections, enqueue only. `worker`: connections
 * that wait for Redis, for the processors registered in the worker app. One Redis server or a Redis
 * Cluster (REDIS_CLUSTER_NODES): see redis-connection.ts.
 */
@Module({})
export class QueueModule {
  static forRoot(role: 'producer' | 'worker'): DynamicModule {
    const queues = Object.values(QueueName).map((name) => ({ name }));
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          imports: [BullConnectionsModule],
          inject: [AppConfig, BullConnections],
          useFactory: (config: AppConfig, connections: BullConnections) => ({ connection: connections.connection(config, role), prefix: bullPrefix(config) }),
        }),
        BullConnectionsModule,
        BullModule.registerQueue(...queues),
      ],
      providers: [JobProducer, QueueShutdown],
      exports: [JobProducer, BullModule],
    };
  }
}
