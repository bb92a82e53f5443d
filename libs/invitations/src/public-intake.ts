/**
 * The two routes anyone can POST to without an account: the RSVP form (`rsvp/:token`) and the
 * inbound-mail hook (`inbound/calendar-replies`). Each checks its token or secret before a byte of
 * the body is read, and then reads the body with a limit of its own, far below the API's 1 MB: a
 * stranger cannot make the API buffer megabytes, and a relay that retries on 5xx gets a 4xx instead.
 *
 * Mounted by the HTTP app ahead of the general body parsers (which then find the body already read).
 */
import { Injectable } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DomainError, sameSecret } from '@app/common';
import { AppConfig } from '@app/config';
import { renderRsvpPage } from './rendering/templates';
import { RsvpService } from './rsvp.service';

/** An answer is a few short fields (a substitute's name, position and contact at most). */
export const RSVP_BODY_LIMIT = '16kb';
/** One iTIP REPLY with one event: a few kilobytes; the relay's headers are not part of it. */
export const INBOUND_BODY_LIMIT = '64kb';

@Injectable()
export class PublicIntake {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly config: AppConfig,
  ) {}

  /** Registers the checks and small parsers under the API's prefix (`/api`). */
  mount(app: NestExpressApplication, prefix: string): void {
    const router = express.Router({ caseSensitive: false, strict: false });
    router.post(
      '/rsvp/:token',
      (request: Request, response: Response, next: NextFunction) => void this.checkRsvpToken(request, response, next),
      express.urlencoded({ limit: RSVP_BODY_LIMIT, extended: false }),
      express.json({ limit: RSVP_BODY_LIMIT }),
      refuseUnreadBody,
    );
    router.post(
      '/inbound/calendar-replies',
      (request: Request, _response: Response, next: NextFunction) => this.checkInboundSecret(request, next),
      express.text({ type: 'text/calendar', limit: INBOUND_BODY_LIMIT }),
      refuseUnreadBody,
    );
    app.use(prefix, router);
  }

  /** A link that is unknown, malformed or expired gets the same page the controller shows, body unread. */
  private async checkRsvpToken(request: Request, response: Response, next: NextFunction): Promise<void> {
    try {
      if (await this.rsvp.isLiveLink(String(request.params.token))) return next();
      response.status(404).setHeader('Cache-Control', 'no-store');
      response.type('html').send(renderRsvpPage({ state: 'invalid' }));
    } catch (error) {
      next(error);
    }
  }

  private checkInboundSecret(request: Request, next: NextFunction): void {
    const expected = this.config.INBOUND_HOOK_SECRET;
    const presented = request.header('x-inbound-secret');
    if (!expected || !presented || !sameSecret(presented, expected)) {
      return next(new DomainError(401, 'UNAUTHENTICATED', 'Thiếu hoặc sai khóa của dịch vụ nhận thư.'));
    }
    next();
  }
}

/** A body none of the route's parsers took (another media type) is refused, not left to the general 1 MB parsers. */
function refuseUnreadBody(request: Request, _response: Response, next: NextFunction): void {
  const length = request.headers['content-length'];
  const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && request.body === undefined) return next(new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Định dạng dữ liệu không được hỗ trợ.'));
  next();
}
