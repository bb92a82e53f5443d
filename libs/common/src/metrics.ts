/**
 * The Prometheus registry of one app instance (API or worker). Each feature registers the metrics it
 * observes on it (reminder lateness in the reminders lib, job durations in the worker); the app serves
 * it. One registry per instance rather than prom-client's global one: tests run several apps in one
 * process, and each must report its own figures.
 */
import { Global, Injectable, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { sameSecret } from './secrets';

@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** Whether a scrape's Authorization header may read the metrics (any, when no token is configured). */
export function metricsScrapeAllowed(token: string | undefined, authorization: string | undefined): boolean {
  return !token || sameSecret(authorization ?? '', `Bearer ${token}`);
}

/** Seconds buckets for things that should take milliseconds and sometimes take minutes (HTTP, jobs, lateness). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300, 900, 3600];

@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsModule {}
