import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { InjectRedis, type RedisClient } from '@app/redis';

/** The Redis pub/sub channel every API instance listens on (ioredis' keyPrefix does not apply to channels). */
export const notificationChannel = (config: AppConfig) => `${config.REDIS_KEY_PREFIX}:notifications`;

/** A notification row written (or updated in place) for a reader, with the `seq` it was given. */
export interface Written {
  userId: string;
  seq: string;
}

/**
 * Tells every API instance, after commit, whose notifications changed: the message carries account ids
 * and the rows' `seq` only (`{ users, seqs }`, side by side), and each instance reads what is new for its
 * connected readers from PostgreSQL (the truth). The `seq` matters because sequence order is not commit
 * order: a row can become visible after a later `seq` of the same reader was already sent. With
 * Redis down the publish fails quietly: the rows are written, the request does not fail, and streams catch
 * up when Redis is back (each instance re-reads for all its readers when its subscriber reconnects) or
 * when the client reconnects with Last-Event-ID. Instances in this process are told directly as well.
 */
@Injectable()
export class NotificationPublisher {
  private readonly logger = new Logger('NotificationPublisher');
  private readonly local = new Set<(written: Written[]) => void>();
  private readonly localRevoked = new Set<(userIds: string[]) => void>();

  constructor(
    @InjectRedis() private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {}

  /** A stream hub of this process, told at once whatever Redis does. */
  onLocal(listener: (written: Written[]) => void): () => void {
    this.local.add(listener);
    return () => this.local.delete(listener);
  }

  /** A stream hub of this process, told at once of accounts whose sessions were revoked. */
  onLocalRevoked(listener: (userIds: string[]) => void): () => void {
    this.localRevoked.add(listener);
    return () => this.localRevoked.delete(listener);
  }

  /**
   * Tells every API instance that these accounts' sessions were revoked (deactivated, logged out, password
   * changed): each closes their open streams after checking the session in PostgreSQL. With Redis down the
   * other instances still close them at their next heartbeat's check.
   */
  async publishRevoked(userIds: string[]): Promise<void> {
    for (const listener of this.localRevoked) listener(userIds);
    try {
      await this.redis.publish(notificationChannel(this.config), JSON.stringify({ revoked: userIds }));
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'session revocation not published (Redis unavailable)');
    }
  }

  async publish(written: Written[]): Promise<void> {
    for (const listener of this.local) listener(written);
    try {
      const message = { users: written.map((row) => row.userId), seqs: written.map((row) => row.seq) };
      await this.redis.publish(notificationChannel(this.config), JSON.stringify(message));
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'notification not published (Redis unavailable); streams catch up later',
      );
    }
  }
}
