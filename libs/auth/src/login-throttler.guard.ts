import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';
import { DomainError } from '@app/common';

/** Login rate limit; the counters live in Redis so the limit holds across API instances. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The standard header (RFC 9110 §10.2.3) beside the throttler's own per-limit `Retry-After-login-*`.
    context
      .switchToHttp()
      .getResponse<Response>()
      .setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return Promise.reject(
      new DomainError(429, 'TOO_MANY_LOGIN_ATTEMPTS', 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.', {
        retryAfterSeconds: Math.ceil(detail.timeToBlockExpire),
      }),
    );
  }
}

/** The account part of the per-account limit: the submitted e-mail, normalised. */
export function loginAccountTracker(request: { ip?: string; body?: unknown }): string {
  const submitted = (request.body as { email?: unknown } | undefined)?.email;
  const email = typeof submitted === 'string' ? submitted.trim().toLowerCase() : '';
  return `${request.ip}|${email}`;
}
