import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { AfterCommit } from '@app/common';
import type { RedisClient } from '@app/redis';

/** A computed answer older than this is refreshed in the background even if nothing was recorded as changed. */
export const ANSWER_MAX_AGE_MS = 30_000;

/** A computed answer as it goes out: its JSON already encoded, and an entity tag of those bytes. */
export interface CachedAnswer {
  body: Buffer;
  etag: string;
}

interface Entry extends CachedAnswer {
  revision: string | null;
  today: string;
  computedAt: number;
}

/**
 * Sends a cached answer as it is stored: no UTF-8 encoding nor hashing per request (Express would
 * encode a string answer and SHA-1 it for its ETag on every request: a tenth of a served dashboard's
 * cost), and 304 Not Modified to a client that already has these bytes (If-None-Match).
 */
export function sendAnswer(response: Response, answer: CachedAnswer): void {
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('ETag', answer.etag);
  response.send(answer.body);
}

/**
 * An edition-wide answer computed once and served many times: the readiness dashboard (every task of
 * the edition, a million at national scale: about a second) and the budget roll-up (every line of
 * every live venue). Serving the computed JSON costs next to nothing (kept encoded, with its ETag:
 * sendAnswer). Correctness comes from a
 * per-edition revision counter in Redis, bumped after commit by every change that can move the answer
 * (a task or budget line written, a venue changed), so every API instance sees a change at once; the
 * date can be part of the key (tasks fall overdue at midnight). Writes that bypass the services (a
 * seed, SQL by hand) are caught by the maximum age: an answer older than ANSWER_MAX_AGE_MS with an
 * unchanged revision is served while one refresh runs (stale-while-revalidate); an answer whose
 * revision moved is never served. Concurrent misses share one computation. Without Redis the revision
 * is unknown and the answer is computed per request. Each answer is a subclass: ReadinessCache
 * (readiness/), BudgetCache (budget/).
 */
export abstract class EditionAnswerCache {
  private readonly logger: Logger;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  /** Per revision key: the GET in flight, and the requests that arrived after it was sent (they wait for the next). */
  private readonly revisionReads = new Map<string, { waiting: ((revision: string | null) => void)[] }>();

  protected constructor(
    private readonly redis: RedisClient,
    private readonly answer: string,
  ) {
    this.logger = new Logger(`EditionAnswerCache:${answer}`);
  }

  /** Records, once the transaction commits, that the edition's answer may have changed. */
  changed(afterCommit: AfterCommit, editionId: string): void {
    const key = this.revisionKey(editionId);
    afterCommit.once(key, async () => {
      await this.redis.incr(key).catch((error: Error) => this.logger.warn({ editionId, error: error.message }, 'revision not bumped'));
    });
  }

  /** The JSON answer for (edition, scope, today), from cache when still valid; `today` is '' for answers that do not age with the date. */
  async get(editionId: string, scope: string, today: string, compute: () => Promise<unknown>): Promise<CachedAnswer> {
    const revision = await this.readRevision(this.revisionKey(editionId));
    const key = `${editionId}|${scope}`;
    const entry = this.entries.get(key);
    if (revision !== null && entry && entry.revision === revision && entry.today === today) {
      if (Date.now() - entry.computedAt > ANSWER_MAX_AGE_MS) void this.refresh(key, revision, today, compute).catch(() => undefined);
      return entry;
    }
    return this.refresh(key, revision, today, compute);
  }

  private refresh(key: string, revision: string | null, today: string, compute: () => Promise<unknown>): Promise<Entry> {
    const flightKey = `${key}|${revision}|${today}`;
    let flight = this.inFlight.get(flightKey);
    if (!flight) {
      flight = compute()
        .then((answer) => {
          const body = Buffer.from(JSON.stringify(answer));
          const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
          const entry = { revision, today, computedAt: Date.now(), body, etag };
          if (revision !== null) this.entries.set(key, entry);
          return entry;
        })
        .finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, flight);
    }
    return flight;
  }

  /**
   * The edition's revision, read from Redis after this call (a change committed before the request is
   * always seen), but shared: while one GET is in flight, the requests arriving meanwhile all wait for
   * the one GET sent when it returns. Under load that is one GET per round trip, not one per request
   * (each GET is a socket write: a tenth of a served dashboard's cost). Null when Redis does not answer.
   */
  private readRevision(key: string): Promise<string | null> {
    const reads = this.revisionReads.get(key);
    if (reads) return new Promise((resolve) => reads.waiting.push(resolve));
    const started = { waiting: [] as ((revision: string | null) => void)[] };
    this.revisionReads.set(key, started);
    return this.sendRevisionRead(key, started);
  }

  private sendRevisionRead(key: string, reads: { waiting: ((revision: string | null) => void)[] }): Promise<string | null> {
    const read = this.redis.get(key).then(
      (value) => value ?? '0',
      () => null,
    );
    void read.then(() => {
      const waiting = reads.waiting;
      if (waiting.length === 0) return void this.revisionReads.delete(key);
      reads.waiting = [];
      void this.sendRevisionRead(key, reads).then((revision) => waiting.forEach((resolve) => resolve(revision)));
    });
    return read;
  }

  private revisionKey(editionId: string): string {
    return `${this.answer}-revision:${editionId}`;
  }
}
