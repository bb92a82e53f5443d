import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SessionRevocations, StreamSession, StreamTickets } from '@app/auth';
import { AppConfig } from '@app/config';
import { createRedisClient, type RedisClient } from '@app/redis';
import { notificationChannel, NotificationPublisher, type Written } from './notification-publisher';
import type { NotificationView } from './dto/notification-view.dto';
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
  /** The highest `seq` sent (the cursor, every event's id): what Last-Event-ID will say on reconnect. Null until the stream has read where to start. */
  lastSeq: string | null;
  /** `seq`s announced since the last read: any of them below the cursor committed late and is read by its `seq`. */
  announced: Set<string>;
  /** The `seq`s sent lately (bounded): an announcement of one already sent is not sent again. */
  sent: Set<string>;
  sink: StreamSink;
  /** False until the stream knows where it starts. */
  ready: boolean;
  closed: boolean;
}

const REPLAY_BATCH = 200;
/** How long an instance remembers a late commit (below a `seq` it had heard for the same reader), for a client that reconnects. */
const LATE_MEMORY_MS = 60_000;
/** How many announced `seq`s an instance remembers having heard (its own writes come twice; one is not late). */
const HEARD_MEMORY = 50_000;
/** At most this many streams in one read. */
const STREAMS_PER_READ = 1_000;
const HEARTBEAT_MS = 20_000;
/** How many sent `seq`s a stream remembers (announcements come within moments of their commit). */
const SENT_MEMORY = 1_024;
/** A read that failed (PostgreSQL busy or away) is tried again after this, not only at the next event. */
const RETRY_MS = 1_000;

/**
 * The live notification streams (Server-Sent Events) of this API instance. One dedicated Redis
 * subscriber connection per instance (a subscribed connection can do nothing else) hears which accounts
 * have something new; each of their streams then sends its rows with `seq` above the last it sent,
 * read from PostgreSQL — so a message lost to a Redis outage costs nothing but latency: on the
 * subscriber's reconnect every stream reads again. Each event's id is the stream's cursor, the highest
 * `seq` sent (the row's own `seq`, except for a late row, below).
 *
 * `seq` comes from a sequence, whose order is not commit order: a transaction that took seq 100 can
 * commit after one that took 101 for the same reader, and a stream that already sent 101 would never
 * read 100 with `seq > cursor` (bench/notifications lost 17 deliveries of 67,720 so). So each message
 * names the `seq`s it announces, and a stream reads those below its cursor by their `seq`. A late commit
 * announced while its reader was away is remembered for a minute (every instance hears every message),
 * and a stream reopened with a Last-Event-ID above it reads it too.
 *
 * The streams woken meanwhile are read together, in one statement (a micro-batch): one event of a
 * province wakes its 14 organizers' streams, one for the centre every planner's, and one read each
 * would take the cores the writers need (bench/notifications). One read at a time per instance; what
 * wakes during it is read next.
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
  /** Streams woken since the last read began. */
  private readonly dirty = new Set<Stream>();
  /** Per reader, the highest `seq` announced, and the late ones (announced below it) of the last minute. */
  private readonly highestHeard = new Map<string, bigint>();
  private readonly lateHeard = new Map<string, Array<{ seq: string; at: number }>>();
  private readonly heardSeqs = new Set<string>();
  private reading = false;
  private retry?: NodeJS.Timeout;

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
    const stopWake = this.publisher.onLocal((written) => this.wakeAll(written));
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
    clearTimeout(this.retry);
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
    // Listening before the start is read: a row committing meanwhile below it is announced to this stream too.
    const stream: Stream = { userId, tokenVersion, lastSeq, announced: new Set(), sent: new Set(), sink, ready: false, closed: false };
    let mine = this.streams.get(userId);
    if (!mine) this.streams.set(userId, (mine = new Set()));
    mine.add(stream);
    const stop = () => {
      stream.closed = true;
      this.dirty.delete(stream);
      mine.delete(stream);
      if (mine.size === 0 && this.streams.get(userId) === mine) this.streams.delete(userId);
    };
    // A reconnect: the late commits heard lately below its Last-Event-ID may have come while it was away.
    if (lastSeq !== null) for (const late of this.lateHeard.get(userId) ?? []) if (BigInt(late.seq) < BigInt(lastSeq)) stream.announced.add(late.seq);
    try {
      stream.lastSeq ??= await this.notifications.latestSeq(userId);
    } catch (error) {
      stop();
      throw error;
    }
    sink.write(`retry: 3000\n: ${this.subscriber?.status === 'ready' ? 'live' : 'live (waiting for Redis)'}\n\n`);
    stream.ready = true;
    this.wakeStream(stream);
    return stop;
  }

  /** Streams open on this instance (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const streams of this.streams.values()) n += streams.size;
    return n;
  }

  private heard(message: string): void {
    let parsed: { users?: unknown; seqs?: unknown; revoked?: unknown };
    try {
      parsed = JSON.parse(message) as { users?: unknown; seqs?: unknown; revoked?: unknown };
    } catch {
      return;
    }
    const ids = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);
    // `seqs` beside `users` (a message of an older instance has none: its rows are read by `seq > cursor` only).
    const seqs = Array.isArray(parsed.seqs) ? (parsed.seqs as unknown[]) : [];
    if (Array.isArray(parsed.users))
      this.wakeAll(
        (parsed.users as unknown[]).flatMap((userId, i) =>
          typeof userId === 'string' ? [{ userId, seq: typeof seqs[i] === 'string' && /^\d{1,18}$/.test(seqs[i]) ? seqs[i] : '' }] : [],
        ),
      );
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

  /**
   * Rows written for these readers (`seq` empty when unknown): their streams read — unless every row
   * announced was sent already (this instance hears its own writes twice: directly, then through Redis).
   */
  private wakeAll(written: Written[]): void {
    const woken = new Set<Stream>();
    for (const { userId, seq } of written) {
      if (seq) this.heardOf(userId, seq);
      for (const stream of this.streams.get(userId) ?? []) {
        if (seq && stream.sent.has(seq)) continue;
        if (seq) stream.announced.add(seq);
        woken.add(stream);
      }
    }
    for (const stream of woken) this.wakeStream(stream);
  }

  /** Keeps the late commits (a `seq` below one already announced for the reader) for reconnecting clients. */
  private heardOf(userId: string, seq: string): void {
    if (this.heardSeqs.has(seq)) return;
    this.heardSeqs.add(seq);
    if (this.heardSeqs.size > HEARD_MEMORY) this.heardSeqs.delete(this.heardSeqs.values().next().value as string);
    const value = BigInt(seq);
    const highest = this.highestHeard.get(userId);
    if (highest === undefined || value > highest) {
      this.highestHeard.set(userId, value);
      return;
    }
    const late = this.lateHeard.get(userId) ?? [];
    this.lateHeard.set(userId, late);
    late.push({ seq, at: Date.now() });
  }

  private wakeStream(stream: Stream): void {
    if (!stream.ready || stream.closed) return; // a stream not ready yet reads when it is
    this.dirty.add(stream);
    void this.read();
  }

  private catchUpAll(): void {
    for (const streams of this.streams.values()) for (const stream of streams) this.wakeStream(stream);
  }

  /**
   * Reads the woken streams' new rows in one statement — for each, the rows above its cursor and the
   * announced ones below it (late commits) — and sends them; again while streams were woken meanwhile.
   */
  private async read(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    let batch: Array<{ stream: Stream; announced: string[] }> = [];
    try {
      while (this.dirty.size > 0) {
        batch = [];
        for (const stream of this.dirty) {
          if (batch.length === STREAMS_PER_READ) break;
          this.dirty.delete(stream);
          if (stream.closed) continue;
          const cursor = BigInt(stream.lastSeq ?? '0');
          const announced = [...stream.announced].filter((seq) => !stream.sent.has(seq) && BigInt(seq) <= cursor);
          stream.announced.clear();
          batch.push({ stream, announced });
        }
        if (batch.length === 0) continue;
        const found = await this.notifications.sinceEach(
          batch.map(({ stream, announced }) => ({ userId: stream.userId, afterSeq: stream.lastSeq ?? '0', announced })),
          REPLAY_BATCH,
        );
        batch.forEach(({ stream }, i) => {
          const rows = found[i];
          const cursor = BigInt(stream.lastSeq ?? '0');
          const above = rows.filter((row) => BigInt(row.seq) > cursor).length;
          if (!stream.closed) for (const row of rows) this.send(stream, row);
          if (above === REPLAY_BATCH) this.wakeStream(stream); // more to read above the cursor
        });
        batch = [];
      }
    } catch (error) {
      for (const { stream, announced } of batch) {
        for (const seq of announced) stream.announced.add(seq);
        if (!stream.closed) this.dirty.add(stream);
      }
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'notification streams could not read; trying again');
      clearTimeout(this.retry);
      this.retry = setTimeout(() => void this.read(), RETRY_MS);
      this.retry.unref();
    } finally {
      this.reading = false;
    }
  }

  /** One row to a stream, once; the event id is the stream's cursor (the highest `seq` sent). */
  private send(stream: Stream, row: NotificationView): void {
    if (stream.sent.has(row.seq)) return;
    if (BigInt(row.seq) > BigInt(stream.lastSeq ?? '0')) stream.lastSeq = row.seq;
    stream.sink.write(`id: ${stream.lastSeq}\nevent: notification\ndata: ${JSON.stringify(row)}\n\n`);
    this.remember(stream, row.seq);
  }

  private remember(stream: Stream, seq: string): void {
    stream.sent.add(seq);
    if (stream.sent.size > SENT_MEMORY) stream.sent.delete(stream.sent.values().next().value as string);
  }

  private beat(): void {
    for (const streams of this.streams.values()) for (const stream of streams) stream.sink.write(`: ping\n\n`);
    const since = Date.now() - LATE_MEMORY_MS;
    for (const [userId, late] of this.lateHeard) {
      const kept = late.filter((entry) => entry.at >= since);
      if (kept.length) this.lateHeard.set(userId, kept);
      else this.lateHeard.delete(userId);
    }
    void this.recheck();
  }

  private close(stream: Stream): void {
    stream.closed = true;
    this.dirty.delete(stream);
    try {
      stream.sink.end();
    } catch {
      // already gone
    }
  }
}
