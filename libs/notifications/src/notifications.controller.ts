import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Public, StreamTickets } from '@app/auth';
import { DomainError, startEventStream } from '@app/common';
import { NotificationPreferencesView, UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';
import { NotificationQueryDto } from './dto/notification-query.dto';
import { MarkedReadView, NotificationView, NotificationViewPage, StreamTicketView, UnreadCountView } from './dto/notification-view.dto';
import { NotificationEmailsService } from './email/notification-emails.service';
import { NotificationStreams } from './notification-streams';
import { NotificationsService } from './notifications.service';

class InvalidTicketError extends DomainError {
  constructor() {
    super(401, 'STREAM_TICKET_INVALID', 'Vé mở luồng thông báo không hợp lệ hoặc đã hết hạn. Hãy lấy vé mới.');
  }
}

class InvalidLastEventIdError extends DomainError {
  constructor() {
    super(400, 'VALIDATION_FAILED', 'Last-Event-ID phải là số thứ tự của một thông báo.', { fields: { lastEventId: ['không đúng định dạng'] } });
  }
}

/** Every account's own notifications: only ever its own (another account's entry answers 404). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly emails: NotificationEmailsService,
    private readonly streams: NotificationStreams,
    private readonly tickets: StreamTickets,
  ) {}

  /** My notifications, newest first; by kind, unread only. */
  @Get()
  list(@Query() query: NotificationQueryDto, @CurrentActor() actor: Actor): Promise<NotificationViewPage> {
    return this.notifications.list(actor, query);
  }

  @Get('unread-count')
  async unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountView> {
    return { unread: await this.notifications.unreadCount(actor) };
  }

  /** My e-mail preferences: the daily digest, and the kinds also e-mailed at once (my role's defaults until I save). */
  @Get('preferences')
  preferences(@CurrentActor() actor: Actor): Promise<NotificationPreferencesView> {
    return this.emails.preferencesOf(actor);
  }

  /**
   * Replaces my e-mail preferences. Kinds my role is never notified of are refused (400); the same
   * preferences again answer 200 and change nothing; a change needs the version read once saved (428/409).
   */
  @Put('preferences')
  updatePreferences(@Body() dto: UpdateNotificationPreferencesDto, @CurrentActor() actor: Actor): Promise<NotificationPreferencesView> {
    return this.emails.updatePreferences(actor, dto);
  }

  /** Marks all of mine read. */
  @Post('read-all')
  @HttpCode(200)
  async markAllRead(@CurrentActor() actor: Actor): Promise<MarkedReadView> {
    return { marked: await this.notifications.markAllRead(actor) };
  }

  /** Marks one of mine read (again: no change). */
  @Post(':id/read')
  @HttpCode(200)
  markRead(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<NotificationView> {
    return this.notifications.markRead(actor, id);
  }

  /** A ticket to open the live stream with (valid NOTIFICATION_STREAM_TICKET_SECONDS). */
  @Post('stream-tickets')
  @HttpCode(201)
  issueTicket(@CurrentActor() actor: Actor): Promise<StreamTicketView> {
    return this.tickets.issue(actor);
  }

  /**
   * The live stream (Server-Sent Events): each new or updated entry of mine as an event `notification`
   * whose id is the highest `seq` the stream has sent (the entry's own `seq`, except for an entry that
   * committed late, below one already sent: its event keeps the higher id, so a reconnect never goes
   * back). Opened with a ticket (EventSource sends no Authorization header); a reconnect
   * names the last event it got (the `Last-Event-ID` header, or `lastEventId` when a new EventSource is
   * opened with a new ticket) and first receives everything after it. The server ends the stream, after
   * an event `session-ended`, when the account is deactivated or its sessions revoked.
   */
  @Get('stream')
  @Public()
  @ApiQuery({ name: 'ticket', type: String, required: true })
  @ApiQuery({ name: 'lastEventId', type: String, required: false })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of NotificationView events', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  async stream(
    @Query('ticket') ticket: string | undefined,
    @Query('lastEventId') lastEventIdQuery: string | undefined,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const lastEventId = lastEventIdHeader ?? lastEventIdQuery ?? null;
    if (lastEventId !== null && !/^\d{1,18}$/.test(lastEventId)) throw new InvalidLastEventIdError();
    const session = typeof ticket === 'string' && ticket ? await this.tickets.sessionOf(ticket) : null;
    if (!session) throw new InvalidTicketError();
    startEventStream(request, response);
    const close = await this.streams.open(session, lastEventId, response);
    request.on('close', close);
  }
}
