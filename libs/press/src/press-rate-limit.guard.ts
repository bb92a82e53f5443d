import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError } from '@app/common';
import { AppConfig } from '@app/config';

/**
 * The public accreditation form's limit: PRESS_RATE_LIMIT_PER_IP requests per client address per
 * PRESS_RATE_WINDOW_SECONDS, counted in Redis by the throttler's storage (the one the login limit
 * uses), so the limit holds across API instances. A robot's request counts like anyone's.
 */
@Injectable()
export class PressRateLimitGuard implements CanActivate {
  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const windowMs = this.config.PRESS_RATE_WINDOW_SECONDS * 1000;
    const record = await this.storage.increment(
      `press-accreditation-${request.ip ?? 'unknown'}`,
      windowMs,
      this.config.PRESS_RATE_LIMIT_PER_IP,
      windowMs,
      'press',
    );
    if (!record.isBlocked) return true;
    const retryAfterSeconds = Math.max(1, Math.ceil(record.timeToBlockExpire));
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfterSeconds));
    throw new DomainError(429, 'TOO_MANY_PRESS_REQUESTS', 'Bạn đã gửi quá nhiều đề nghị trong thời gian ngắn. Vui lòng thử lại sau.', { retryAfterSeconds });
  }
}
