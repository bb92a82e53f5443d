/**
 * The one typed, validated configuration of every ngayhoi process.
 * Owns: reading the environment, defaults, validation. Must not: connect to anything.
 * A missing or malformed variable stops the process with one line naming it (see `ConfigError`).
 */
import { availableParallelism } from 'node:os';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { productionProblem } from './production-rules';

export enum Environment {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

const splitList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

export class AppConfig {
  @IsEnum(Environment)
  NODE_ENV: Environment = Environment.Development;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 3000;

  /** Address the HTTP API listens on: loopback by default (the demo); `0.0.0.0` or a private address behind a proxy. */
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  /** postgres://user@host:port/database */
  @Matches(/^postgres(ql)?:\/\/.+\/[A-Za-z0-9_-]+(\?.*)?$/, { message: 'must be postgres://user@host:port/database[?options]' })
  DATABASE_URL: string;

  /**
   * Longest a statement of the apps' pool may run (PostgreSQL `statement_timeout`), in milliseconds;
   * 0 turns it off. A runaway query fails instead of holding a pooled connection.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 60_000;

  /**
   * Longest a pooled connection may sit idle inside an open transaction
   * (`idle_in_transaction_session_timeout`), in milliseconds; 0 turns it off. PostgreSQL then ends
   * the session, so a stuck transaction cannot hold locks and a connection for ever.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

  /**
   * Connections each process (one API, one worker) keeps to PostgreSQL at most. With several API and
   * worker processes, their sum must stay under the server's `max_connections` (less what migrations,
   * backups and psql need): e.g. 4 processes × 20 on a server allowing 100.
   */
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(500)
  DB_POOL_SIZE = 10;

  /**
   * Exports (XLSX/CSV) built at once, each on one pooled connection while it writes its temporary file;
   * more wait their turn without holding a connection, so downloads never take the whole pool.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8)
  EXPORT_CONCURRENCY = 2;

  /** redis://host:port/db — BullMQ, login rate limits and health all use it. */
  @Matches(/^rediss?:\/\/.+/, { message: 'must be redis://host:port/db' })
  REDIS_URL: string;

  /**
   * A Redis Cluster's seed nodes, `host:port,host:port` (any few masters; the client discovers the rest).
   * When set, every connection is a Cluster client; REDIS_URL then only gives the credentials and TLS
   * (`rediss://`) that every node shares, and its database must be 0 (a Cluster has no other).
   */
  @IsOptional()
  @Transform(splitList)
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}$/, { each: true, message: 'must be host:port,host:port' })
  REDIS_CLUSTER_NODES: string[] = [];

  /** Prefix of every Redis key this deployment writes (queues, rate limits). */
  @Matches(/^[a-z0-9-]+$/, { message: 'must be lower-case letters, digits or dashes' })
  REDIS_KEY_PREFIX = 'ngayhoi';

  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET: string;

  /** Lifetime of an access token, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  /** Origins allowed by CORS; empty means CORS stays closed. */
  @IsOptional()
  @Transform(splitList)
  @IsUrl({ require_tld: false, require_protocol: true }, { each: true })
  CORS_ORIGINS: string[] = [];

  /** Login attempts allowed per client address per window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_IP = 30;

  /** Login attempts allowed per client address and account per window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_ACCOUNT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /**
   * Failed logins on one account, from any address, before it is held (every later failure doubles the
   * hold). Counted per account so that rotating addresses does not help a guesser.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_THRESHOLD = 10;

  /** First hold of an account after LOGIN_LOCKOUT_THRESHOLD failures, in seconds; doubles with each further failure. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_BASE_SECONDS = 30;

  /** The longest hold, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCKOUT_MAX_SECONDS = 900;

  /** Failed logins are forgotten this many seconds after the last one (and at once on a successful login). */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  LOGIN_FAILURE_MEMORY_SECONDS = 3600;

  /** Reverse proxies in front of the API whose X-Forwarded-For is trusted (for per-address rate limits). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  TRUST_PROXY_HOPS = 0;

  /**
   * Where venues' documents (kịch bản, phương án an ninh, dự toán, ảnh) are kept: `database` (bytea in
   * PostgreSQL, backed up with it) or `directory` (files under DOCUMENT_DIR, one per version).
   */
  @IsIn(['database', 'directory'])
  DOCUMENT_STORAGE: 'database' | 'directory' = 'database';

  /** The storage directory of documents with DOCUMENT_STORAGE=directory (created when missing). */
  @IsString()
  @MinLength(1)
  DOCUMENT_DIR = 'var/documents';

  /** Largest document accepted, in bytes (a larger upload is refused with 413 and nothing is kept). */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(200 * 1024 * 1024)
  DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

  /**
   * The media types a document may be, as recognised from its content (not its name): by default PDF,
   * JPEG, PNG, WebP, Word (docx) and Excel (xlsx). Anything else is refused with 415.
   */
  @Transform(splitList)
  @IsString({ each: true })
  @Matches(/^[a-z]+\/[a-z0-9.+-]+$/, { each: true, message: 'must be media types such as application/pdf' })
  DOCUMENT_ALLOWED_TYPES: string[] = [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'image/webp',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ];

  /** Press accreditation requests (public form) allowed per client address per window. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PRESS_RATE_LIMIT_PER_IP = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  PRESS_RATE_WINDOW_SECONDS = 3600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `json`: one object a line, for log shippers (production); `pretty`: readable coloured lines through
   * pino-pretty, a development dependency (the demo, development). Unset: pretty in development, json
   * otherwise; production refuses pretty (its image has no pino-pretty, and shippers want JSON).
   */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /**
   * The one public address of the API and the console (they share an origin), from which every link
   * sent to people is built: RSVP pages, calendar feeds, console pages (see `publicUrl`). A trailing
   * slash is dropped. In production it must not be a loopback address (see `localBaseUrlProblem`).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/\/+$/, '') : value))
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Outgoing mail server, e.g. smtp://user:pass@mail.example.vn:587 (smtps:// for implicit TLS). */
  @Matches(/^smtps?:\/\/.+/, { message: 'must be smtp://[user:pass@]host:port' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  /** Sender of every e-mail, e.g. "Ban Chỉ đạo Ngày hội" <bantochuc@example.vn>. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = '"Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc" <bantochuc@ngayhoi.example.vn>';

  /** The committee's address: ORGANIZER of calendar invitations, where calendar replies go. */
  @IsEmail()
  COMMITTEE_EMAIL = 'bantochuc@ngayhoi.example.vn';

  @IsString()
  @MinLength(3)
  COMMITTEE_NAME = 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc';

  /** Signs RSVP and calendar-feed links (HMAC); at least 32 characters. Rotating it revokes every link. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  LINK_SECRET: string;

  /** Shared secret of the inbound-mail hook that posts calendar replies; unset disables the hook. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  INBOUND_HOOK_SECRET?: string;

  /**
   * Calendar replies count only when the relay says DKIM and DMARC passed for the message (header
   * X-Inbound-Authentication-Results, in RFC 8601 form, on the request X-Inbound-Secret authenticates).
   * `false` records replies without that proof (a relay that cannot check; the result is still stored).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase()) : value))
  @IsBoolean()
  INBOUND_REQUIRE_SENDER_AUTH = true;

  /** RSVP links stay valid this many hours after the event ends. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RSVP_GRACE_HOURS = 24;

  /** A calendar feed's link answers until this many days after its edition's last day (then 410). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  FEED_GRACE_DAYS = 30;

  /** Mail jobs processed at once by one worker. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  MAIL_CONCURRENCY = 8;

  /** Threads that render giấy mời beside the sending one (0: on the sending thread). Default: cores − 1, at most 4. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(16)
  LETTER_THREADS = Math.max(0, Math.min(4, availableParallelism() - 1));

  /**
   * Threads of the worker that solve planning runs (HiGHS, node:worker_threads), each loading and
   * warming the solver once; also the planning runs one worker process solves at once. The worker's
   * own thread (reminders, e-mails, lock renewals) never solves.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8)
  PLANNING_THREADS = 1;

  /**
   * Start the solver threads when the worker starts (production: a planner's first run finds HiGHS
   * warm). `false` starts them on the first run (the end-to-end tests, whose workers mostly never plan).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? !['false', '0', 'no', 'off'].includes(value.trim().toLowerCase()) : value))
  @IsBoolean()
  PLANNING_THREADS_AT_START = true;

  /**
   * Nice value of each solver thread (0–19, Linux sets it per thread): on busy cores the worker's event
   * loop (reminders, e-mails, lock renewals) is scheduled before a solve. 0 leaves the process's own.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(19)
  PLANNING_THREAD_NICE = 10;

  /** How often a worker solving a run checks whether a planner cancelled it (then stops the solve's thread). */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60_000)
  PLANNING_CANCEL_CHECK_MS = 1_000;

  /** First retry delay of a failed e-mail; later retries double it (exponential backoff). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  MAIL_RETRY_DELAY_MS = 5_000;

  /**
   * How long an update e-mail (a venue's programme, date, hours or place changed after the letter went
   * out) waits before it is sent: further edits in that window reach the delegate in the same letter.
   * 0 sends at once.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  INVITATION_UPDATE_DELAY_SECONDS = 120;

  /** A reminder found past due (worker down, Redis lost it) is still sent within this many minutes; later it is marked missed. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  REMINDER_GRACE_MINUTES = 60;

  /**
   * How far ahead a reminder has its delayed job in Redis. The scheduler enqueues the jobs of reminders
   * due within it; every minute the reconciler enqueues those coming within it, and re-enqueues any
   * Redis lost. Further ahead, a reminder is a row in Postgres only.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  REMINDER_RECONCILE_HORIZON_HOURS = 48;

  /**
   * Reminder jobs processed at once by one worker. High, because the claims and final updates of
   * reminders firing together are made in one statement each (fire-reminder.handler.ts): the more in
   * flight, the fewer statements per reminder. 128 since issue 21's third pass (bench/reminders: a third
   * less PostgreSQL CPU per reminder firing, and ~25% more fired a second, than with 64).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  REMINDER_CONCURRENCY = 128;

  /** How long a worker holds a job before BullMQ may consider it stalled (its process died). */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** How often workers look for stalled jobs to hand back to the queue. */
  @Type(() => Number)
  @IsInt()
  @Min(500)
  QUEUE_STALLED_INTERVAL_MS = 30_000;

  /** A message or reminder being sent is reserved this long; after that, a sender is presumed dead and another may retry. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SEND_LEASE_SECONDS = 120;

  /** When set, /metrics requires `Authorization: Bearer <METRICS_TOKEN>` (Prometheus' bearer_token). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * Port of the worker's Prometheus scrape (`GET /metrics`, the same METRICS_TOKEN as the API's):
   * job durations and failures per queue, reminder lateness. 0 takes any free port (tests start
   * several workers on one machine); the worker logs the one it got.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /** Address the worker's scrape listens on: loopback by default; `0.0.0.0` where Prometheus scrapes from another host. */
  @IsString()
  @MinLength(1)
  WORKER_METRICS_HOST = '127.0.0.1';

  /**
   * OpenTelemetry traces (HTTP, PostgreSQL, queue enqueue → process, SMTP) go to this OTLP/HTTP
   * collector (`…/v1/traces` is added), e.g. http://otel-collector:4318. Unset: tracing is off — no
   * instrumentation is enabled and no span is recorded (libs/telemetry).
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /**
   * Map tiles of the web console: a Leaflet URL template ({z}/{x}/{y}, optional {s} subdomain). Its
   * host is added to the Content-Security-Policy img-src. The console stays usable without tiles.
   */
  @Matches(/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, { message: 'must be an http(s) URL template with {z}, {x} and {y}' })
  MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

  /** Attribution shown under the map (the tile provider's licence usually requires it). */
  @IsString()
  MAP_TILE_ATTRIBUTION = '© Những người đóng góp OpenStreetMap';

  /** Built web console served at `/` (relative to the working directory); absent means API only. */
  @IsString()
  @MinLength(1)
  WEB_ROOT = 'dist/apps/web';

  /**
   * Road kilometres per great-circle kilometre, for every travel time (shared resources between venues,
   * leaders between appearances): mountain roads of the northern uplands run 1.3–1.6 times the straight
   * line between two district towns; 1.4 is the planning figure.
   */
  @Type(() => Number)
  @IsNumber()
  @Min(1)
  @Max(3)
  ROAD_DISTANCE_FACTOR = 1.4;

  /** Notifications are kept this many days after their last update, then purged by a scheduled worker job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  NOTIFICATION_RETENTION_DAYS = 90;

  /**
   * The local hour (Asia/Ho_Chi_Minh, 0–23) from which each account's daily notification digest is sent:
   * the unread entries of the 24 hours before that hour. The worker looks every few minutes, so a digest
   * goes out in the first minutes after it (or, after an outage, as soon as a worker runs that day).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  NOTIFICATION_DIGEST_HOUR = 7;

  /** Seconds a live-stream ticket may be used to open the notification stream (EventSource sends no Authorization header). */
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(600)
  NOTIFICATION_STREAM_TICKET_SECONDS = 60;

  get logFormat(): 'json' | 'pretty' {
    return this.LOG_FORMAT ?? (this.NODE_ENV === Environment.Development ? 'pretty' : 'json');
  }

  get isProduction(): boolean {
    return this.NODE_ENV === Environment.Production;
  }

  /** An absolute link for people (e-mails, calendars): `publicUrl('/api/rsvp/…')`. */
  publicUrl(path: string): string {
    return `${this.PUBLIC_BASE_URL}${path.startsWith('/') ? path : `/${path}`}`;
  }
}

const LOOPBACK_HOSTS = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$/i;

/**
 * Why a production deployment may not use this base URL for the links it sends, or null if it may:
 * an RSVP link to localhost opens nothing on a delegate's telephone.
 */
export function localBaseUrlProblem(baseUrl: string, environment: Environment): string | null {
  if (environment !== Environment.Production) return null;
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return null; // malformed: the URL check names it
  }
  return LOOPBACK_HOSTS.test(host)
    ? `— is ${baseUrl}, a local address: with NODE_ENV=production it must be the public address people open (e.g. https://ngayhoi.example.vn)`
    : null;
}

const TYPE_CONSTRAINTS = ['isInt', 'isEnum', 'isIn', 'isString', 'isUrl', 'matches'];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Validates `env` into an AppConfig; throws ConfigError naming the first bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const config = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const [error] = validateSync(config, { whitelist: false });
  if (error) {
    if (error.value === undefined) throw new ConfigError(error.property, 'is missing');
    const constraints = error.constraints ?? {};
    // A type failure (not a number) explains more than the range checks that also fail on NaN.
    const key = TYPE_CONSTRAINTS.find((name) => name in constraints) ?? Object.keys(constraints)[0];
    const message = (constraints[key] ?? 'is invalid').replace(new RegExp(`^${error.property}\\s+`), '');
    throw new ConfigError(error.property, `— ${message}`);
  }
  const problem = productionProblem(config);
  if (problem) throw new ConfigError(problem.variable, problem.problem);
  if (config.isProduction && config.LOG_FORMAT === 'pretty')
    throw new ConfigError('LOG_FORMAT', '— pretty is for development: in production logs are JSON (pino-pretty is not installed there)');
  if (config.REDIS_CLUSTER_NODES.length > 0 && !/^rediss?:\/\/[^/]*(\/0?)?$/.test(config.REDIS_URL)) {
    throw new ConfigError('REDIS_URL', '— must name database 0 (or none) with REDIS_CLUSTER_NODES: a Redis Cluster has only database 0');
  }
  const baseUrlProblem = localBaseUrlProblem(config.PUBLIC_BASE_URL, config.NODE_ENV);
  if (baseUrlProblem) throw new ConfigError('PUBLIC_BASE_URL', baseUrlProblem);
  return config;
}

/** Validates the configuration before anything connects; a bad variable ends the process with one line. */
export function exitOnConfigError(load: () => AppConfig): AppConfig {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
