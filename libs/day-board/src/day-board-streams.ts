import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accountsByIds, Role, StreamTickets, type StreamSession } from '@app/auth';
import { AppConfig } from '@app/config';
import { createRedisClient, InjectRedis, type RedisClient } from '@app/redis';
import type { DayBoardEntryView } from './dto/day-board.dto';

/** What a stream writes to (an HTTP response). */
export interface BoardSink {
  write(chunk: string): boolean;
  end(): void;
}

/** A point whose state changed: every instance reads it from PostgreSQL and tells the boards that may see it. */
export interface DayBoardChange {
  editionId: string;
  venueId: string;
  provinceCode: string;
}

interface BoardStream {
  session: StreamSession;
  editionId: string;
  /** Null: the whole country (planners, viewers); else the organizer's own province. */
  province: string | null;
  sink: BoardSink;
  closed: boolean;
}

/** The Redis pub/sub channel every API instance listens on (ioredis' keyPrefix does not apply to channels). */
export const dayBoardChannel = (config: AppConfig) => `${config.REDIS_KEY_PREFIX}:day-board`;

const HEARTBEAT_MS = 20_000;

/**
 * The live board's streams (Server-Sent Events) on this API instance, built as the notifications'
 * are: a change is published on a Redis channel after commit (ids only) and each instance's dedicated
 * subscriber reads the point from PostgreSQL (the truth) and writes it, as an event `day-state`, to the
 * boards of that edition that may see its province. This instance is told directly as well, so its own
 * boards move even with Redis down. Nothing is replayed: the console reloads the whole board (a few
 * dozen rows) whenever its stream (re)opens — the `ready` event — so a change lost to an outage costs
 * one reload, never a wrong board. A stream ends with its session (checked at every heartbeat).
 */
@Injectable()
export class DayBoardStreams implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DayBoardStreams');
  private readonly instance = randomUUID();
  private readonly streams = new Set<BoardStream>();
  private subscriber?: RedisClient;
  private heartbeat?: NodeJS.Timeout;
  /** Reads a point as the board shows it (the service registers itself: it depends on this class). */
  private reader?: (venueId: string) => Promise<DayBoardEntryView | null>;

  constructor(
    @InjectRedis() private readonly redis: RedisClient,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly tickets: StreamTickets,
  ) {}

  readWith(reader: (venueId: string) => Promise<DayBoardEntryView | null>): void {
    this.reader = reader;
  }

  onModuleInit(): void {
    // Waits for Redis and retries forever; ioredis re-subscribes on reconnect.
    const subscriber = createRedisClient(this.config, { enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined); // a down Redis is expected here; the states stay in PostgreSQL
    subscriber.on('message', (_channel: string, message: string) => this.heard(message));
    let connectedBefore = false;
    subscriber.on('ready', () => {
      // Back after an outage: every board reloads (what changed meanwhile was not heard).
      if (connectedBefore) for (const stream of this.streams) this.send(stream, 'ready', {});
      connectedBefore = true;
    });
    subscriber.subscribe(dayBoardChannel(this.config)).catch((error: unknown) => {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'day board channel not subscribed yet');
    });
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const stream of this.streams) this.close(stream);
    this.streams.clear();
    const subscriber = this.subscriber;
    if (!subscriber) return;
    if (subscriber.status === 'ready') await subscriber.quit().catch(() => subscriber.disconnect());
    else subscriber.disconnect();
  }

  /** Opens a board's stream: an event `ready` at once (the console then loads the board), then `day-state` per change. */
  async open(session: StreamSession, editionId: string, sink: BoardSink): Promise<(() => void) | null> {
    const [account] = await accountsByIds(this.dataSource.manager, [session.userId]);
    if (!account) return null;
    const province = account.role === Role.ProvincialOrganizer ? (account.provinceCode ?? '') : null;
    const stream: BoardStream = { session, editionId, province, sink, closed: false };
    sink.write(`retry: 3000\n: ${this.subscriber?.status === 'ready' ? 'live' : 'live (waiting for Redis)'}\n\n`);
    this.streams.add(stream);
    this.send(stream, 'ready', {});
    return () => {
      stream.closed = true;
      this.streams.delete(stream);
    };
  }

  /** Streams open on this instance (tests). */
  get size(): number {
    return this.streams.size;
  }

  /** After commit: tells this instance's boards at once and every other instance through Redis. */
  async publish(change: DayBoardChange): Promise<void> {
    void this.deliver(change);
    try {
      await this.redis.publish(dayBoardChannel(this.config), JSON.stringify({ from: this.instance, ...change }));
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'day state not published (Redis unavailable); other boards reload later',
      );
    }
  }

  private heard(message: string): void {
    let parsed: Partial<DayBoardChange & { from: string }>;
    try {
      parsed = JSON.parse(message) as Partial<DayBoardChange & { from: string }>;
    } catch {
      return;
    }
    if (parsed.from === this.instance) return; // told directly already
    const { editionId, venueId, provinceCode } = parsed;
    if (typeof editionId !== 'string' || typeof venueId !== 'string' || typeof provinceCode !== 'string') return;
    void this.deliver({ editionId, venueId, provinceCode });
  }

  private async deliver(change: DayBoardChange): Promise<void> {
    const watching = [...this.streams].filter(
      (stream) => !stream.closed && stream.editionId === change.editionId && (stream.province === null || stream.province === change.provinceCode),
    );
    if (watching.length === 0 || !this.reader) return;
    try {
      const entry = await this.reader(change.venueId);
      if (entry) for (const stream of watching) this.send(stream, 'day-state', entry);
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'day state not read for the boards; they reload on reconnect');
    }
  }

  private send(stream: BoardStream, event: string, data: unknown): void {
    if (stream.closed) return;
    try {
      stream.sink.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    } catch {
      this.close(stream);
    }
  }

  private async beat(): Promise<void> {
    const open = [...this.streams].filter((stream) => !stream.closed);
    for (const stream of open) stream.sink.write(`: ping\n\n`);
    if (open.length === 0) return;
    let valid: boolean[];
    try {
      valid = await this.tickets.stillValid(open.map((stream) => stream.session));
    } catch {
      return; // the next heartbeat checks again
    }
    open.forEach((stream, index) => {
      if (valid[index]) return;
      this.send(stream, 'session-ended', {});
      this.close(stream);
    });
  }

  private close(stream: BoardStream): void {
    stream.closed = true;
    this.streams.delete(stream);
    try {
      stream.sink.end();
    } catch {
      // already gone
    }
  }
}
