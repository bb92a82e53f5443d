import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiConsumes, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@app/auth';
import { ApiRefusals, DomainError, sameSecret } from '@app/common';
import { AppConfig } from '@app/config';
import { RsvpAnswerDto } from './dto/invitation.dto';
import { CalendarReplyOutcome } from './dto/invitation-view.dto';
import { renderRsvpPage } from './rendering/templates';
import { InvalidLinkError } from './invitation-workflow';
import { CalendarFeedsService } from './feeds/calendar-feeds.service';
import { RsvpService } from './rsvp.service';

const HTML_PAGE = { 'text/html': { schema: { type: 'string' } } };

/** Delegates' side, without accounts: the RSVP page, the calendar feed, and the inbound calendar-reply hook. */
@ApiTags('rsvp')
@Controller()
export class RsvpController {
  constructor(
    private readonly rsvp: RsvpService,
    private readonly feeds: CalendarFeedsService,
    private readonly config: AppConfig,
  ) {}

  /** Shows the invitation and the answer buttons. GET never changes anything. */
  @Get('rsvp/:token')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The RSVP page (HTML).', content: HTML_PAGE })
  @ApiNotFoundResponse({ description: 'Unknown or expired link: an HTML page saying so.', content: HTML_PAGE })
  async page(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const page = await this.rsvp.page(token);
    response
      .status(page ? 200 : 404)
      .type('html')
      .send(page ?? renderRsvpPage({ state: 'invalid' }));
  }

  /** Records an answer (form-encoded from the page, or JSON). The last answer stands. */
  @Post('rsvp/:token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The answer recorded: the page thanking the delegate (HTML).', content: HTML_PAGE })
  @ApiNotFoundResponse({ description: 'Unknown or expired link, or the invitation can no longer be answered: an HTML page saying so.', content: HTML_PAGE })
  @ApiConflictResponse({ description: 'The invitation was withdrawn: an HTML page saying so.', content: HTML_PAGE })
  async answer(@Param('token') token: string, @Body() input: RsvpAnswerDto, @Res() response: Response): Promise<void> {
    try {
      const page = await this.rsvp.answer(token, input);
      response.type('html').send(page);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const page = error instanceof InvalidLinkError ? renderRsvpPage({ state: 'invalid' }) : renderRsvpPage({ state: 'withdrawn' });
      response.status(error.status).type('html').send(page);
    }
  }

  /**
   * An attendee's private calendar subscription (webcal), by the random token mailed to their office.
   * Not cached, so a revoked link stops at once.
   */
  @Get('calendar/:token.ics')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: "iCalendar (RFC 5545) of the attendee's invitations of the edition, cancelled ones marked so; no RSVP links.",
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiRefusals(404, 410)
  async feed(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const calendar = await this.feeds.calendar(token); // before the type is set: a refusal must go out as JSON
    response.type('text/calendar; charset=utf-8').send(calendar);
  }

  /**
   * For the inbound-mail hook: a calendar client's REPLY (`text/calendar; method=REPLY` body) when a
   * delegate presses Accept/Decline in Outlook or Gmail. Authenticated by X-Inbound-Secret.
   */
  @Post('inbound/calendar-replies')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'X-Inbound-Secret', required: true, description: 'INBOUND_HOOK_SECRET of the mail relay.' })
  @ApiConsumes('text/calendar')
  @ApiBody({ description: 'The iTIP REPLY as received (`METHOD:REPLY`).', schema: { type: 'string' } })
  calendarReply(@Headers('x-inbound-secret') secret: string | undefined, @Body() body: unknown): Promise<CalendarReplyOutcome> {
    const expected = this.config.INBOUND_HOOK_SECRET;
    if (!expected || !secret || !sameSecret(secret, expected)) {
      throw new DomainError(401, 'UNAUTHENTICATED', 'Thiếu hoặc sai khóa của dịch vụ nhận thư.');
    }
    if (typeof body !== 'string') throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần nội dung text/calendar.');
    return this.rsvp.calendarReply(body);
  }
}
