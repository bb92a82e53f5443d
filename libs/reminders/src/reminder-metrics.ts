import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from '@app/common';

/** Lateness buckets, in seconds (Prometheus `le`): the goal is well under a second. */
const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600];

/**
 * What the worker observes as each reminder fires, on its /metrics: how late it was (due → accepted by
 * the mail server) and how each firing ended. Counted where it happens, so a scrape costs no query;
 * Prometheus sums the workers.
 */
@Injectable()
export class ReminderMetrics {
  private readonly lateness: Histogram;
  private readonly fired: Counter<'outcome'>;
  /** One child per outcome, made once: a firing then costs no label lookup. */
  private readonly outcomes: Record<'sent' | 'missed' | 'failed', { inc: () => void }>;

  constructor(metrics: MetricsRegistry) {
    this.lateness = new Histogram({
      name: 'ngayhoi_reminder_lateness_seconds',
      help: 'Time between a reminder falling due and its e-mail being accepted by the mail server',
      buckets: LATENESS_BUCKETS,
      registers: [metrics.registry],
    });
    this.fired = new Counter({
      name: 'ngayhoi_reminders_fired_total',
      help: 'Reminders fired by this worker, by outcome (sent, missed: past its grace window, failed: last attempt failed)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    for (const outcome of ['sent', 'missed', 'failed']) this.fired.inc({ outcome }, 0);
    this.outcomes = { sent: this.fired.labels('sent'), missed: this.fired.labels('missed'), failed: this.fired.labels('failed') };
  }

  sent(latenessMs: number): void {
    this.lateness.observe(latenessMs / 1000);
    this.outcomes.sent.inc();
  }

  missed(): void {
    this.outcomes.missed.inc();
  }

  failed(): void {
    this.outcomes.failed.inc();
  }
}
