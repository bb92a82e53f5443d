import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createRedisClient, type RedisClient } from '@app/redis';
import { notificationChannel, NotificationPublisher } from './notification-publisher';
import { NotificationsService } from './notifications.service';

/** What a stream writes to (an HTTP response). */
export interface StreamSink {
  write(chunk: string): boolean;
  end(): void;
}

interface Stream {
  userId: string;
  /** The last `seq` sent: what Last-Event-ID will say on reconnect. */
  lastSeq: string;
  sink: StreamSink;
  busy: boolean;
  again: boolean;
  closed: boolean;
}

const REPLAY_BATCH = 200;
const HEARTBEAT_MS = 20_000;

/**
 * The live notification streams (Server-Sent Events) of this API instance. One dedicated Redis
 * subscriber connection per instance (a subscribed connection can do nothing else) hears which accounts
 * have something new; each of their streams then sends its rows with `seq` above the last it sent,
 * read from PostgreSQL — so a message lost to a Redis outage costs nothing but latency: on the
 * subscriber's reconnect every stream reads again. Each event's id is the row's `seq`.
 */
@Injectable()
export class NotificationStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationStreams');
  private readonly streams = new Map<string, Set<Stream>>();
  private subscriber?: RedisClient;
  private heartbeat?: NodeJS.Timeout;
  private stopLocal?: () => void;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly publisher: NotificationPublisher,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Unlike the request-path client, it waits for Redis and retries forever; ioredis re-subscribes on reconnect.
    const subscriber = createRedisClient(this.config, { enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // a down Redis is expected here; the rows stay in PostgreSQL
    subscriber.on('message', (_channel: string, message: string) => this.heard(message));
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (connectedBefore) this.catchUpAll(); // what was published while we were away
      connectedBefore = true;
    });
    subscriber.subscribe(notificationChannel(this.config)).catch((error: unknown) => {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'notification channel not subscribed yet');
    });
    this.stopLocal = this.publisher.onLocal((userIds) => userIds.forEach((id) => this.wake(id)));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    this.stopLocal?.();
    for (const streams of this.streams.values()) for (const stream of streams) this.close(stream);
    this.streams.clear();
    const subscriber = this.subscriber;
    if (!subscriber) return;
    // quit() would wait in the offline queue for a Redis that is down; disconnect() drops it at once.
    if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber.disconnect();
  }

  /** Opens a stream for the reader: replays what came after `lastSeq` (or starts from now), then follows. */
  async open(userId: string, lastSeq: string | null, sink: StreamSink): Promise<() => void> {
    const stream: Stream = { userId, lastSeq: lastSeq ?? (await this.notifications.latestSeq(userId)), sink, busy: false, again: false, closed: false };
    sink.write(`retry: 3000\n: ${this.subscriber?.status === 'ready' ? 'live' : 'live (waiting for Redis)'}\n\n`);
    let mine = this.streams.get(userId);
    if (!mine) this.streams.set(userId, (mine = new Set()));
    mine.add(stream);
    void this.pump(stream);
    return () => {
      stream.closed = true;
      mine.delete(stream);
      if (mine.size === 0 && this.streams.get(userId) === mine) this.streams.delete(userId);
    };
  }

  /** Streams open on this instance (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const streams of this.streams.values()) n += streams.size;
    return n;
  }

  private heard(message: string): void {
    let users: unknown;
    try {
      users = (JSON.parse(message) as { users?: unknown }).users;
    } catch {
      return;
    }
    if (Array.isArray(users)) for (const id of users) if (typeof id === 'string') this.wake(id);
  }

  private wake(userId: string): void {
    for (const stream of this.streams.get(userId) ?? []) void this.pump(stream);
  }

  private catchUpAll(): void {
    for (const streams of this.streams.values()) for (const stream of streams) void this.pump(stream);
  }

  /** Sends the stream's new rows; one pass at a time per stream, another after it if woken meanwhile. */
  private async pump(stream: Stream): Promise<void> {
    if (stream.busy) {
      stream.again = true;
      return;
    }
    stream.busy = true;
    try {
      do {
        stream.again = false;
        const rows = await this.notifications.since(stream.userId, stream.lastSeq, REPLAY_BATCH);
        for (const row of rows) {
          if (stream.closed) return;
          stream.sink.write(`id: ${row.seq}\nevent: notification\ndata: ${JSON.stringify(row)}\n\n`);
          stream.lastSeq = row.seq;
        }
        if (rows.length === REPLAY_BATCH) stream.again = true;
      } while (stream.again && !stream.closed);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'notification stream could not read; it will on the next event');
    } finally {
      stream.busy = false;
    }
  }

  private beat(): void {
    for (const streams of this.streams.values()) for (const stream of streams) stream.sink.write(`: ping\n\n`);
  }

  private close(stream: Stream): void {
    stream.closed = true;
    try {
      stream.sink.end();
    } catch {
      // already gone
    }
  }
}
