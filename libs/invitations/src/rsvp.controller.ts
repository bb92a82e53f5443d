import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Request, Response } from 'express';
import { Public } from '@app/auth';
import { ApiRefusals, DomainError, sameSecret, toValidationIssues, ValidationFailedError } from '@app/common';
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
  @ApiBody({ type: RsvpAnswerDto })
  @ApiBadRequestResponse({
    description: 'A field is wrong: the page again with what is wrong under each field (HTML), or the usual JSON refusal; nothing is recorded.',
  })
  async answer(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    // Validated here rather than by the global pipe, so that a browser's form gets the page back with its
    // errors under the fields (and what was typed kept) instead of a JSON body.
    const input = plainToInstance(RsvpAnswerDto, body ?? {});
    const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      if (request.accepts(['json', 'html']) !== 'html') throw new ValidationFailedError(toValidationIssues(errors));
      const page = await this.rsvp.pageWithErrors(token, fieldMessages(errors), formValues(body));
      response
        .status(page ? 400 : 404)
        .type('html')
        .send(page ?? renderRsvpPage({ state: 'invalid' }));
      return;
    }
    try {
      const page = await this.rsvp.answer(token, input);
      response.type('html').send(page);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A withdrawn invitation's page says so, and who attends instead when a deputy was approved.
      const page =
        error instanceof InvalidLinkError ? renderRsvpPage({ state: 'invalid' }) : ((await this.rsvp.page(token)) ?? renderRsvpPage({ state: 'withdrawn' }));
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
  @ApiHeader({
    name: 'X-Inbound-Authentication-Results',
    required: false,
    description:
      "The relay's Authentication-Results for the message (RFC 8601, e.g. `mx.example.vn; dkim=pass header.d=example.vn; dmarc=pass header.from=example.vn`). " +
      'Required to pass DKIM and DMARC unless INBOUND_REQUIRE_SENDER_AUTH=false; it is trusted because X-Inbound-Secret authenticates the request.',
  })
  calendarReply(
    @Headers('x-inbound-secret') secret: string | undefined,
    @Headers('x-inbound-authentication-results') authenticationResults: string | undefined,
    @Body() body: unknown,
  ): Promise<CalendarReplyOutcome> {
    const expected = this.config.INBOUND_HOOK_SECRET;
    if (!expected || !secret || !sameSecret(secret, expected)) {
      throw new DomainError(401, 'UNAUTHENTICATED', 'Thiếu hoặc sai khóa của dịch vụ nhận thư.');
    }
    if (typeof body !== 'string') throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần nội dung text/calendar.');
    return this.rsvp.calendarReply(body, authenticationResults);
  }
}

/** Which failed rule speaks for a field: a missing value before its length. */
const RULE_ORDER = ['isIn', 'isString', 'isEmail', 'minLength', 'maxLength', 'matches'];

/** One message per field (the DTO's Vietnamese messages), for the form. */
function fieldMessages(errors: ValidationError[]): Record<string, string> {
  return Object.fromEntries(
    errors.map((error) => {
      const constraints = error.constraints ?? {};
      const rule = RULE_ORDER.find((name) => name in constraints) ?? Object.keys(constraints)[0];
      return [error.property, (rule && constraints[rule]) || 'Giá trị không hợp lệ.'];
    }),
  );
}

/** What the form posted (strings only, cut short), to fill it again. */
function formValues(body: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body ?? {})
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
      .map(([key, value]) => [key, value.slice(0, 1000)]),
  );
}
