import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SessionRevocations, StreamSession, StreamTickets } from '@app/auth';
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
  /** The session it was opened in: the stream ends when that session does. */
  tokenVersion: number;
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
 *
 * A stream lives no longer than the session it was opened in: when the account is deactivated or its
 * sessions revoked (auth's SessionRevocations, fanned out to every instance on the same channel), each
 * instance re-checks that account's streams in PostgreSQL and ends those whose session ended, after an
 * event `session-ended`. Every heartbeat re-checks all open streams too, for a revocation whose message
 * Redis lost.
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
    private readonly tickets: StreamTickets,
    private readonly revocations: SessionRevocations,
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
    const stopWake = this.publisher.onLocal((userIds) => userIds.forEach((id) => this.wake(id)));
    const stopRevoked = this.publisher.onLocalRevoked((userIds) => void this.recheck(userIds));
    const stopListening = this.revocations.onRevoked((userIds) => this.publisher.publishRevoked(userIds));
    this.stopLocal = () => {
      stopWake();
      stopRevoked();
      stopListening();
    };
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
  async open(session: StreamSession, lastSeq: string | null, sink: StreamSink): Promise<() => void> {
    const { userId, tokenVersion } = session;
    const stream: Stream = {
      userId,
      tokenVersion,
      lastSeq: lastSeq ?? (await this.notifications.latestSeq(userId)),
      sink,
      busy: false,
      again: false,
      closed: false,
    };
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
    let parsed: { users?: unknown; revoked?: unknown };
    try {
      parsed = JSON.parse(message) as { users?: unknown; revoked?: unknown };
    } catch {
      return;
    }
    const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
    for (const id of ids(parsed.users)) this.wake(id);
    const revoked = ids(parsed.revoked);
    if (revoked.length) void this.recheck(revoked);
  }

  /** Ends the streams (of these accounts, or all) whose session has ended; the console then signs in again. */
  private async recheck(userIds?: string[]): Promise<void> {
    const streams = (userIds ?? [...this.streams.keys()]).flatMap((id) => [...(this.streams.get(id) ?? [])]).filter((stream) => !stream.closed);
    if (streams.length === 0) return;
    let valid: boolean[];
    try {
      valid = await this.tickets.stillValid(streams);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'stream sessions not re-checked; next heartbeat will');
      return;
    }
    streams.forEach((stream, i) => {
      if (valid[i] || stream.closed) return;
      try {
        stream.sink.write(`event: session-ended\ndata: {}\n\n`);
      } catch {
        // already gone
      }
      this.close(stream);
      const mine = this.streams.get(stream.userId);
      mine?.delete(stream);
      if (mine?.size === 0) this.streams.delete(stream.userId);
    });
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
    void this.recheck();
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
