import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth/decorators';
import { DomainError, sameSecret } from '@app/common';
import { AppConfig } from '@app/config';
import { RsvpAnswerDto } from './dto/invitation.dto';
import { renderRsvpPage } from './rendering/templates';
import { InvalidLinkError, RsvpService } from './rsvp.service';

/** Delegates' side, without accounts: the RSVP page, the calendar feed, and the inbound calendar-reply hook. */
@ApiTags('rsvp')
@Controller()
export class RsvpController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly config: AppConfig,
  ) {}

  /** Shows the invitation and the answer buttons. GET never changes anything. */
  @Get('rsvp/:token')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async page(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const page = await this.rsvp.page(token);
    response.status(page ? 200 : 404).type('html').send(page ?? renderRsvpPage({ state: 'invalid' }));
  }

  /** Records an answer (form-encoded from the page, or JSON). The last answer stands. */
  @Post('rsvp/:token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async answer(@Param('token') token: string, @Body() input: RsvpAnswerDto, @Res() response: Response): Promise<void> {
    try {
      response.type('html').send(await this.rsvp.answer(token, input));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page = error instanceof InvalidLinkError ? renderRsvpPage({ state: 'invalid' }) : renderRsvpPage({ state: 'withdrawn' });
      response.status(error.status).type('html').send(page);
    }
  }

  /** The delegate's private calendar subscription (webcal). */
  @Get('calendar/:token.ics')
  @Public()
  @Header('Cache-Control', 'private, max-age=300')
  async feed(@Param('token') token: string, @Res() response: Response): Promise<void> {
    response.type('text/calendar; charset=utf-8').send(await this.rsvp.feed(token));
  }

  /**
   * For the inbound-mail hook: a calendar client's REPLY (`text/calendar; method=REPLY` body) when a
   * delegate presses Accept/Decline in Outlook or Gmail. Authenticated by X-Inbound-Secret.
   */
  @Post('inbound/calendar-replies')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  calendarReply(@Headers('x-inbound-secret') secret: string | undefined, @Body() body: unknown) {
    const expected = this.config.INBOUND_HOOK_SECRET;
    if (!expected || !secret || !sameSecret(secret, expected)) {
      throw new DomainError(401, 'UNAUTHENTICATED', 'Thiếu hoặc sai khóa của dịch vụ nhận thư.');
    }
    if (typeof body !== 'string') throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần nội dung text/calendar.');
    return this.rsvp.calendarReply(body);
  }
}
