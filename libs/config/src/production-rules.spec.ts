import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadAppConfig } from './app-config';
import { secretWeakness } from './production-rules';

const random = () => randomBytes(48).toString('base64url');

/** A production environment that passes: every secret random, a metrics token. */
function productionEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://ngayhoi:secret@db.internal:5432/ngayhoi',
    REDIS_URL: 'redis://redis.internal:6379/0',
    JWT_SECRET: random(),
    LINK_SECRET: random(),
    METRICS_TOKEN: random(),
    PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn',
    ...overrides,
  };
}

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('production configuration', () => {
  it('starts with random secrets and a metrics token, listening on the configured address', () => {
    const config = loadAppConfig(productionEnv({ HOST: '10.0.0.5' }));
    expect(config.isProduction).toBe(true);
    expect(config.HOST).toBe('10.0.0.5');
  });

  it('listens on loopback unless told otherwise', () => {
    expect(loadAppConfig(productionEnv()).HOST).toBe('127.0.0.1');
  });

  it('requires a metrics token', () => {
    expect(refusal(productionEnv({ METRICS_TOKEN: undefined }))).toBe(
      'Invalid configuration: METRICS_TOKEN is required in production (Prometheus sends it as a bearer token)',
    );
  });

  it.each([
    ['the test suite’s JWT secret', 'JWT_SECRET', 'test-secret-that-is-long-enough-for-hs256-0123456789', /JWT_SECRET looks like a demo or placeholder value/],
    ['a placeholder', 'LINK_SECRET', 'change-me-change-me-change-me-change-me', /LINK_SECRET looks like a demo or placeholder value/],
    ['a short hook secret', 'INBOUND_HOOK_SECRET', 'sixteen-chars-ok', /INBOUND_HOOK_SECRET is shorter than 32 characters/],
    ['a repeated character', 'JWT_SECRET', 'a'.repeat(40), /JWT_SECRET repeats too few characters/],
    ['a short metrics token', 'METRICS_TOKEN', 'Zq3!x9Lp0#Wv7tRb', /METRICS_TOKEN is shorter than 32 characters/],
  ])('refuses %s with one line naming the variable', (_label, variable, value, expected) => {
    const message = refusal(productionEnv({ [variable]: value }));
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toContain(value); // the line names the variable, never the secret
  });

  it('refuses one secret used for two purposes', () => {
    const shared = random();
    expect(refusal(productionEnv({ JWT_SECRET: shared, LINK_SECRET: shared }))).toMatch(/LINK_SECRET is the same as JWT_SECRET/);
  });

  it('keeps development and tests as they were (short or demo secrets, no metrics token)', () => {
    const config = loadAppConfig({ ...productionEnv({ NODE_ENV: 'development', METRICS_TOKEN: undefined }), JWT_SECRET: 'a'.repeat(32) });
    expect(config.isProduction).toBe(false);
  });

  it('accepts random base64 secrets (as env:init writes them) however often it is tried', () => {
    for (let i = 0; i < 2000; i += 1) expect(secretWeakness(random())).toBeNull();
  });
});
