import 'reflect-metadata';
import { AppConfig, ConfigError, Environment, loadAppConfig, localBaseUrlProblem } from './app-config';

/** The smallest environment that passes: the variables without a default. */
/** Production also wants real secrets and a metrics token (production-rules.spec.ts). */
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'kQ8vZ2mN5pR7tW1xY4bC6dF9gH3jL0sA',
  LINK_SECRET: 'Lr5Tz8Qw2Ey6Ui1Op4As7Df0Gh3Jk9Xc',
  METRICS_TOKEN: 'Mn4Bv7Cx1Za5Sd8Fg2Hj6Kl9Qw3Er0Ty',
};

function validEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: 'postgres://ngayhoi:secret@localhost:5432/ngayhoi',
    REDIS_URL: 'redis://localhost:6379/0',
    JWT_SECRET: 'a'.repeat(32),
    LINK_SECRET: 'l'.repeat(32),
    ...overrides,
  };
}

function configErrorFrom(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadAppConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected loadAppConfig to throw');
}

describe('loadAppConfig with a valid environment', () => {
  it('returns an AppConfig with the required values', () => {
    const config = loadAppConfig(validEnv());
    expect(config).toBeInstanceOf(AppConfig);
    expect(config.DATABASE_URL).toBe('postgres://ngayhoi:secret@localhost:5432/ngayhoi');
    expect(config.REDIS_URL).toBe('redis://localhost:6379/0');
    expect(config.JWT_SECRET).toBe('a'.repeat(32));
  });

  it('fills in the defaults', () => {
    const config = loadAppConfig(validEnv());
    expect(config.NODE_ENV).toBe(Environment.Development);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.JWT_TTL_SECONDS).toBe(28800);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.REDIS_KEY_PREFIX).toBe('ngayhoi');
    expect(config.LOGIN_RATE_LIMIT_PER_IP).toBe(30);
    expect(config.LOGIN_RATE_LIMIT_PER_ACCOUNT).toBe(5);
    expect(config.LOGIN_RATE_WINDOW_SECONDS).toBe(60);
    expect(config.TRUST_PROXY_HOPS).toBe(0);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(config.isProduction).toBe(false);
  });

  it('converts numeric variables to numbers', () => {
    const config = loadAppConfig(validEnv({ HTTP_PORT: '8080', JWT_TTL_SECONDS: '3600', LOGIN_RATE_LIMIT_PER_IP: '100', TRUST_PROXY_HOPS: '2' }));
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.JWT_TTL_SECONDS).toBe(3600);
    expect(config.LOGIN_RATE_LIMIT_PER_IP).toBe(100);
    expect(config.TRUST_PROXY_HOPS).toBe(2);
  });

  it('reads the pool size, the worker scrape port and the Cluster seed nodes', () => {
    const defaults = loadAppConfig(validEnv());
    expect([defaults.DB_POOL_SIZE, defaults.WORKER_METRICS_PORT, defaults.REDIS_CLUSTER_NODES]).toEqual([10, 9464, []]);
    const config = loadAppConfig(
      validEnv({ DB_POOL_SIZE: '25', WORKER_METRICS_PORT: '0', REDIS_URL: 'rediss://:pw@localhost', REDIS_CLUSTER_NODES: 'redis-1:7000, 10.0.0.2:7001' }),
    );
    expect([config.DB_POOL_SIZE, config.WORKER_METRICS_PORT, config.REDIS_CLUSTER_NODES]).toEqual([25, 0, ['redis-1:7000', '10.0.0.2:7001']]);
  });

  it('splits CORS_ORIGINS on commas, trimming blanks and dropping empty entries', () => {
    const config = loadAppConfig(validEnv({ CORS_ORIGINS: 'https://ngayhoi.bocongan.gov.vn, http://localhost:5173 ,' }));
    expect(config.CORS_ORIGINS).toEqual(['https://ngayhoi.bocongan.gov.vn', 'http://localhost:5173']);
  });

  it('accepts postgresql:// and rediss:// URLs', () => {
    const config = loadAppConfig(validEnv({ DATABASE_URL: 'postgresql://u@db:5432/ngayhoi_test', REDIS_URL: 'rediss://cache:6380/1' }));
    expect(config.DATABASE_URL).toBe('postgresql://u@db:5432/ngayhoi_test');
    expect(config.REDIS_URL).toBe('rediss://cache:6380/1');
  });

  it('knows it runs in production when NODE_ENV says so', () => {
    expect(loadAppConfig(validEnv({ ...PRODUCTION, PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn' })).isProduction).toBe(true);
  });

  it('logs readable lines in development and JSON elsewhere unless LOG_FORMAT says otherwise; never pretty in production', () => {
    expect(loadAppConfig(validEnv()).logFormat).toBe('pretty');
    expect(loadAppConfig(validEnv({ NODE_ENV: 'test' })).logFormat).toBe('json');
    expect(loadAppConfig(validEnv({ LOG_FORMAT: 'json' })).logFormat).toBe('json');
    const production = validEnv({ ...PRODUCTION, PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn' });
    expect(loadAppConfig(production).logFormat).toBe('json');
    const error = configErrorFrom({ ...production, LOG_FORMAT: 'pretty' });
    expect(error.message).toBe(
      'Invalid configuration: LOG_FORMAT — pretty is for development: in production logs are JSON (pino-pretty is not installed there)',
    );
  });

  it('treats empty strings as missing, so defaults still apply', () => {
    const config = loadAppConfig(validEnv({ HTTP_PORT: '', CORS_ORIGINS: '', NODE_ENV: '' }));
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.CORS_ORIGINS).toEqual([]);
    expect(config.NODE_ENV).toBe(Environment.Development);
  });
});

describe('loadAppConfig with a bad environment', () => {
  it('names a missing JWT_SECRET in exactly one line', () => {
    const { JWT_SECRET: _omit, ...env } = validEnv();
    const error = configErrorFrom(env);
    expect(error.message).toBe('Invalid configuration: JWT_SECRET is missing');
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.name).toBe('ConfigError');
  });

  it('treats an empty JWT_SECRET as missing', () => {
    expect(configErrorFrom(validEnv({ JWT_SECRET: '' })).message).toBe('Invalid configuration: JWT_SECRET is missing');
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    const error = configErrorFrom(validEnv({ JWT_SECRET: 'a'.repeat(31) }));
    expect(error.variable).toBe('JWT_SECRET');
    expect(error.message).toContain('JWT_SECRET');
    expect(error.message).toContain('at least 32 characters');
  });

  it.each(['DATABASE_URL', 'REDIS_URL'])('names a missing %s', (variable) => {
    const env = validEnv();
    delete env[variable];
    expect(configErrorFrom(env).message).toBe(`Invalid configuration: ${variable} is missing`);
  });

  it.each(['mysql://u@localhost:3306/ngayhoi', 'postgres://u@localhost:5432', 'localhost:5432/ngayhoi'])(
    'names DATABASE_URL when it is malformed (%s)',
    (url) => {
      const error = configErrorFrom(validEnv({ DATABASE_URL: url }));
      expect(error.variable).toBe('DATABASE_URL');
      expect(error.message).toContain('DATABASE_URL');
      expect(error.message).toContain('postgres://user@host:port/database');
    },
  );

  it('accepts connection options on DATABASE_URL (managed PostgreSQL needs sslmode)', () => {
    const url = 'postgres://u@db.example.vn:5432/ngayhoi?sslmode=require';
    expect(loadAppConfig(validEnv({ DATABASE_URL: url })).DATABASE_URL).toBe(url);
  });

  it.each(['http://localhost:6379', 'localhost:6379'])('names REDIS_URL when it is malformed (%s)', (url) => {
    const error = configErrorFrom(validEnv({ REDIS_URL: url }));
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).toContain('redis://host:port/db');
  });

  it.each([
    ['HTTP_PORT', 'abc'],
    ['HTTP_PORT', '70000'],
    ['HTTP_PORT', '0'],
    ['JWT_TTL_SECONDS', '30'],
    ['LOGIN_RATE_LIMIT_PER_ACCOUNT', '1.5'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'verbose'],
    ['LOG_FORMAT', 'text'],
    ['REDIS_KEY_PREFIX', 'NgayHoi:'],
    ['PUBLIC_BASE_URL', 'ngayhoi.vn'],
    ['CORS_ORIGINS', 'https://ok.vn,not-a-url'],
    ['DB_POOL_SIZE', '1'],
    ['DB_POOL_SIZE', 'ten'],
    ['WORKER_METRICS_PORT', '65536'],
    ['REDIS_CLUSTER_NODES', 'redis-1:7000,redis://redis-2:7000'],
  ])('names %s when it is %j', (variable, value) => {
    const error = configErrorFrom(validEnv({ [variable]: value }));
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`Invalid configuration: ${variable} `)).toBe(true);
  });

  // Regression: a non-numeric value used to be explained by @Max/@Min ("must not be greater than…").
  it.each([
    ['HTTP_PORT', 'abc'],
    ['JWT_TTL_SECONDS', 'abc'],
  ])('explains a non-numeric %s (%j) as not being an integer', (variable, value) => {
    const error = configErrorFrom(validEnv({ [variable]: value }));
    expect(error.message).toBe(`Invalid configuration: ${variable} — ${variable} must be an integer number`.replace(`— ${variable} `, '— '));
  });

  it('refuses a database other than 0 on REDIS_URL with REDIS_CLUSTER_NODES (a Cluster has only database 0)', () => {
    const error = configErrorFrom(validEnv({ REDIS_URL: 'redis://localhost:6379/3', REDIS_CLUSTER_NODES: 'redis-1:7000' }));
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).toContain('database 0');
  });

  it('reports one variable even when several are wrong', () => {
    const error = configErrorFrom({});
    expect(error.message).toMatch(/^Invalid configuration: [A-Z_]+ is missing$/);
    expect(error.message.split('\n')).toHaveLength(1);
  });
});

describe('PUBLIC_BASE_URL, the one base of every link sent to people', () => {
  it('drops a trailing slash, so links never read "//api"', () => {
    const config = loadAppConfig(validEnv({ PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn/' }));
    expect(config.PUBLIC_BASE_URL).toBe('https://ngayhoi.bocongan.gov.vn');
    expect(config.publicUrl('/api/rsvp/abc')).toBe('https://ngayhoi.bocongan.gov.vn/api/rsvp/abc');
    expect(config.publicUrl('diem/1')).toBe('https://ngayhoi.bocongan.gov.vn/diem/1');
  });

  it('keeps a path prefix (the app served under a sub-path)', () => {
    expect(loadAppConfig(validEnv({ PUBLIC_BASE_URL: 'https://bocongan.gov.vn/ngayhoi' })).publicUrl('/api/rsvp/x')).toBe(
      'https://bocongan.gov.vn/ngayhoi/api/rsvp/x',
    );
  });

  it.each([
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://127.1.2.3',
    'http://[::1]:3000',
    'http://0.0.0.0:3000',
    'http://app.localhost',
    'HTTP://LOCALHOST',
  ])('refuses %s in production, with one line saying what to set', (url) => {
    const error = configErrorFrom(validEnv({ ...PRODUCTION, PUBLIC_BASE_URL: url }));
    expect(error.variable).toBe('PUBLIC_BASE_URL');
    expect(error.message).toMatch(
      /^Invalid configuration: PUBLIC_BASE_URL — is .+, a local address: with NODE_ENV=production it must be the public address people open/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('refuses the default (localhost) in production when the variable is left out', () => {
    expect(configErrorFrom(validEnv({ ...PRODUCTION })).variable).toBe('PUBLIC_BASE_URL');
  });

  it('accepts a public address in production, and localhost outside production', () => {
    expect(loadAppConfig(validEnv({ ...PRODUCTION, PUBLIC_BASE_URL: 'https://ngayhoi.bocongan.gov.vn' })).isProduction).toBe(true);
    expect(loadAppConfig(validEnv({ ...PRODUCTION, PUBLIC_BASE_URL: 'https://10.0.0.5.nip.io' })).PUBLIC_BASE_URL).toBe('https://10.0.0.5.nip.io');
    expect(loadAppConfig(validEnv({ NODE_ENV: 'development', PUBLIC_BASE_URL: 'http://localhost:3000' })).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(localBaseUrlProblem('http://localhost:3000', Environment.Test)).toBeNull();
  });

  it('refuses a URL that is not http(s)', () => {
    expect(configErrorFrom(validEnv({ PUBLIC_BASE_URL: 'ftp://ngayhoi.vn' })).variable).toBe('PUBLIC_BASE_URL');
  });
});
