import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * A BullMQ worker that starts a delayed job when it falls due, not up to a tenth of a second later.
 *
 * An idle worker waits for its next delayed job in a blocking BZPOPMIN on the queue's marker, with the
 * time left as its timeout. Redis ends a blocking command's timeout only when its event loop wakes, and
 * an idle Redis wakes `hz` times a second (10 by default): a wait of 1 ms measured 100 ms, one of
 * 150 ms 200 ms (bench/README.md, reminders). At 1,000 reminders due a second, every time the worker
 * caught up it slept until the next tick while a hundred more fell due — the p99 lateness of 200 ms.
 *
 * So beside each such wait this worker sets a timer for the due time, and when it fires it writes the
 * marker BullMQ itself writes for the next delayed job (`ZADD marker <due> "1"`, addDelayMarkerIfNeeded.lua):
 * Redis serves a blocked BZPOPMIN the moment its key is written, whatever its hz. A marker only wakes a
 * worker, which then asks BullMQ's own script what is due; one written when no worker waits wakes the
 * next wait at once for one empty fetch, as a marker left by BullMQ does. Timers are per worker, so two
 * workers waiting each wake (Redis serves one blocked client per write).
 */
export class DueTimeWorker extends Worker {
  private alarm: NodeJS.Timeout | undefined;

  protected override getBlockTimeout(blockUntil: number): number {
    const timeout = super.getBlockTimeout(blockUntil);
    clearTimeout(this.alarm);
    this.alarm = undefined;
    // Called just before each blocking wait: a positive timeout with a due time is a wait for a delayed job.
    if (blockUntil > 0 && timeout > 0 && !this.closing) {
      this.alarm = setTimeout(() => void this.wake(blockUntil), Math.max(0, blockUntil - Date.now()));
      this.alarm.unref();
    }
    return timeout;
  }

  override async close(force?: boolean): Promise<void> {
    clearTimeout(this.alarm);
    this.alarm = undefined;
    await super.close(force);
  }

  private async wake(dueAt: number): Promise<void> {
    this.alarm = undefined;
    if (this.closing) return;
    try {
      // BullMQ's client interface declares only the commands BullMQ sends; ours are ioredis clients
      // (redis-connection.ts), which its adapter forwards every other command to.
      const client = (await this.backend.client) as unknown as Pick<Redis, 'zadd'>;
      await client.zadd(this.keys.marker, dueAt, '1');
    } catch {
      // Only a wake-up: without it the wait still ends at Redis' next tick.
    }
  }
}
