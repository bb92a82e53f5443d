import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { ConnectionOptions } from 'bullmq';
import { AppConfig } from '@app/config';
import type { RedisClient } from '@app/redis';
import { JobProducer } from './job-producer';
import { QueueName } from './queues';
import { bullConnection } from './redis-connection';

const isClient = (connection: ConnectionOptions): connection is RedisClient => typeof (connection as { duplicate?: unknown }).duplicate === 'function';

/**
 * The Redis Cluster client BullMQ shares (on one server BullMQ opens and closes its own connections
 * from options, and there is nothing to hold). BullMQ leaves a client it was given open, so it is
 * closed at shutdown (by QueueShutdown, which sees the queues) — after every worker of this app (letting running jobs finish) and every
 * queue, whichever order Nest calls the shutdown hooks in (closing them twice is harmless).
 */
@Injectable()
export class BullConnections {
  private readonly clients: RedisClient[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  connection(config: AppConfig, role: 'producer' | 'worker'): ConnectionOptions {
    const connection = bullConnection(config, role);
    if (isClient(connection)) this.clients.push(connection);
    return connection;
  }

  async closeAll(producer: JobProducer): Promise<void> {
    if (this.clients.length === 0) return;
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => (wrapper.isDependencyTreeStatic() ? (wrapper.instance as unknown) : undefined))
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    await Promise.all(workers.map((host) => host.worker?.close()));
    await Promise.all(Object.values(QueueName).map((name) => producer.queue(name).close()));
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}

@Module({ imports: [DiscoveryModule], providers: [BullConnections], exports: [BullConnections] })
export class BullConnectionsModule {}

/** Closes the shared Cluster client once the queues and workers are done with it. */
@Injectable()
export class QueueShutdown implements OnApplicationShutdown {
  constructor(
    private readonly connections: BullConnections,
    private readonly producer: JobProducer,
  ) {}

  onApplicationShutdown(): Promise<void> {
    return this.connections.closeAll(this.producer);
  }
}
