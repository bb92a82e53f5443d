/**
 * The environment of the end-to-end tests. They never touch DATABASE_URL from config/.env: the test
 * database is TEST_DATABASE_URL (default ngayhoi_test), whose data the suite wipes at start.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ngayhoi_test';

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: TEST_DATABASE_URL,
  REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
  // Parallel runs sharing one Redis database keep apart by prefix (global setup deletes only its own keys).
  REDIS_KEY_PREFIX: process.env.TEST_REDIS_KEY_PREFIX ?? 'ngayhoi-test',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  LOGIN_RATE_LIMIT_PER_IP: '10000',
  LOGIN_RATE_LIMIT_PER_ACCOUNT: '10000',
  // Every suite's requests come from 127.0.0.1 into one Redis (the fuzz test posts the public press form
  // hundreds of times): suites that test a limit set their own (test/press-accreditation.e2e-spec.ts).
  PRESS_RATE_LIMIT_PER_IP: '10000',
  PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
  LINK_SECRET: 'test-link-secret-long-enough-to-sign-rsvp-links-0123',
  INBOUND_HOOK_SECRET: 'test-inbound-hook-secret',
  // Updates go at once unless a suite asks for the coalescing window (test/programme-updates.e2e-spec.ts).
  INVITATION_UPDATE_DELAY_SECONDS: '0',
  // Any free port: suites start several workers, and parallel runs share the machine.
  WORKER_METRICS_PORT: '0',
  // Most suites' workers never plan: their solver thread starts with the first planning run.
  PLANNING_THREADS_AT_START: 'false',
  PLANNING_CANCEL_CHECK_MS: '200',
};

/**
 * A Redis database of a suite's own, for suites that empty their database to simulate a lost Redis:
 * `offset` databases after TEST_REDIS_URL's (mod 16), so test runs given different TEST_REDIS_URLs
 * (parallel runs on one machine) also get different databases here.
 */
export function ownRedisUrl(offset: number): string {
  const url = new URL(TEST_ENV.REDIS_URL);
  url.pathname = `/${(Number(url.pathname.slice(1) || 0) + offset) % 16}`;
  return url.toString();
}
