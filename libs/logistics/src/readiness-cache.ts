import { Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { AfterCommit } from '@app/common/transaction';
import { InjectRedis } from '@app/redis';

/** A computed answer older than this is refreshed in the background even if nothing was recorded as changed. */
export const READINESS_MAX_AGE_MS = 30_000;

interface Entry {
  revision: string | null;
  today: string;
  computedAt: number;
  json: string;
}

/**
 * The national readiness dashboard, computed once and served many times. Computing it reads every
 * task of the edition (a million at national scale: about a second); serving the computed JSON costs
 * next to nothing. Correctness comes from a per-edition revision counter in Redis, bumped after
 * commit by every change that can move readiness (a task written, a venue changed), so every API
 * instance sees a change at once; the date is part of the key (tasks fall overdue at midnight).
 * Writes that bypass the services (a seed, SQL by hand) are caught by the maximum age: an answer
 * older than READINESS_MAX_AGE_MS with an unchanged revision is served while one refresh runs
 * (stale-while-revalidate); an answer whose revision moved is never served. Concurrent misses share
 * one computation. Without Redis the revision is unknown and the dashboard is computed per request.
 */
@Injectable()
export class ReadinessCache {
  private readonly logger = new Logger('ReadinessCache');
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();

  constructor(@InjectRedis() private readonly redis: Redis) {}

  /** Records, once the transaction commits, that the edition's readiness may have changed. */
  changed(afterCommit: AfterCommit, editionId: string): void {
    afterCommit.add(async () => {
      await this.redis.incr(revisionKey(editionId)).catch((error: Error) => this.logger.warn({ editionId, error: error.message }, 'readiness revision not bumped'));
    });
  }

  /** The JSON answer for (edition, scope, today), from cache when still valid. */
  async get(editionId: string, scope: string, today: string, compute: () => Promise<unknown>): Promise<string> {
    const revision = await this.redis.get(revisionKey(editionId)).then(
      (value) => value ?? '0',
      () => null,
    );
    const key = `${editionId}|${scope}`;
    const entry = this.entries.get(key);
    if (revision !== null && entry && entry.revision === revision && entry.today === today) {
      if (Date.now() - entry.computedAt > READINESS_MAX_AGE_MS) void this.refresh(key, revision, today, compute).catch(() => undefined);
      return entry.json;
    }
    return (await this.refresh(key, revision, today, compute)).json;
  }

  private refresh(key: string, revision: string | null, today: string, compute: () => Promise<unknown>): Promise<Entry> {
    const flightKey = `${key}|${revision}|${today}`;
    let flight = this.inFlight.get(flightKey);
    if (!flight) {
      flight = compute()
        .then((answer) => {
          const entry = { revision, today, computedAt: Date.now(), json: JSON.stringify(answer) };
          if (revision !== null) this.entries.set(key, entry);
          return entry;
        })
        .finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, flight);
    }
    return flight;
  }
}

const revisionKey = (editionId: string) => `readiness-revision:${editionId}`;
