import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/common';
import { AppConfig } from '@app/config';
import { InjectRedis, type RedisClient } from '@app/redis';
import { holdSeconds, LockoutPolicy } from './login-rules';

export class AccountHeldError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(429, 'ACCOUNT_TEMPORARILY_LOCKED', 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ít phút.', { retryAfterSeconds });
  }
}

/**
 * Failed logins counted per account across every address (the throttler counts per address, and per
 * address + account), in Redis so every API instance sees the same count. Past the threshold the
 * account is held for a growing time (login-rules.ts); even the right password waits it out. A
 * successful login forgets the failures.
 */
@Injectable()
export class LoginLockout {
  private readonly policy: LockoutPolicy;

  constructor(
    @InjectRedis() private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {
    this.policy = { threshold: config.LOGIN_LOCKOUT_THRESHOLD, baseSeconds: config.LOGIN_LOCKOUT_BASE_SECONDS, maxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS };
  }

  /** Throws AccountHeldError while the account is held. */
  async assertNotHeld(login: string): Promise<void> {
    const remainingMs = await this.redis.pttl(holdKey(login));
    if (remainingMs > 0) throw new AccountHeldError(Math.ceil(remainingMs / 1000));
  }

  /** Counts a failure; answers the hold it starts, in seconds (0: none yet). */
  async recordFailure(login: string): Promise<number> {
    const [[, failures]] = (await this.redis.multi().incr(failuresKey(login)).expire(failuresKey(login), this.config.LOGIN_FAILURE_MEMORY_SECONDS).exec()) as [
      [Error | null, number],
    ];
    const seconds = holdSeconds(failures, this.policy);
    if (seconds > 0) await this.redis.set(holdKey(login), String(failures), 'EX', seconds);
    return seconds;
  }

  async forget(login: string): Promise<void> {
    await this.redis.del(failuresKey(login), holdKey(login));
  }
}

// The client's keyPrefix puts these under REDIS_KEY_PREFIX.
// The login in a hash tag: both keys of one account sit in one Redis Cluster slot (one DEL clears both).
const failuresKey = (login: string) => `login-failures:{${login}}`;
const holdKey = (login: string) => `login-hold:{${login}}`;
