import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { JobProducer } from './job-producer';
import { QueueName } from './queues';
import { bullConnection, bullPrefix } from './redis-connection';

/**
 * BullMQ wiring. `producer` (the API): fail-fast connections, enqueue only. `worker`: connections
 * that wait for Redis, for the processors registered in the worker app.
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
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ connection: bullConnection(config, role), prefix: bullPrefix(config) }),
        }),
        BullModule.registerQueue(...queues),
      ],
      providers: [JobProducer],
      exports: [JobProducer, BullModule],
    };
  }
}
