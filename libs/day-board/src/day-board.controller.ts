import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, CurrentActor, Public, StreamTickets, Writers } from '@app/auth';
import { ApiRefusals, DomainError, startEventStream } from '@app/common';
import { DayBoardStreams } from './day-board-streams';
import { DayBoardService } from './day-board.service';
import { DayBoardQueryDto, DayBoardView, SetDayStateDto, VenueDayStateView } from './dto/day-board.dto';

class InvalidTicketError extends DomainError {
  constructor() {
    super(401, 'STREAM_TICKET_INVALID', 'Vé mở luồng cập nhật không hợp lệ hoặc đã hết hạn. Hãy lấy vé mới.');
  }
}

@ApiTags('day-board')
@ApiBearerAuth()
@Controller()
export class DayBoardController {
  constructor(
    private readonly board: DayBoardService,
    private readonly streams: DayBoardStreams,
    private readonly tickets: StreamTickets,
  ) {}

  /** Every festival point's state on its day, with counts per state: the country for planners and viewers, their province for organizers. */
  @Get('editions/:editionId/day-board')
  @ApiRefusals(404)
  view(@Param('editionId', ParseUUIDPipe) editionId: string, @Query() query: DayBoardQueryDto, @CurrentActor() actor: Actor): Promise<DayBoardView> {
    return this.board.board(editionId, actor, query.date);
  }

  /**
   * The board live (Server-Sent Events): an event `ready` when opened (load the board then), then an
   * event `day-state` (a DayBoardEntryView) whenever a point in the reader's scope changes, on whichever
   * API instance it was set. Opened with a ticket from POST /api/notifications/stream-tickets
   * (EventSource sends no Authorization header); ends, after `session-ended`, with the session.
   */
  @Get('editions/:editionId/day-board/stream')
  @Public()
  @ApiQuery({ name: 'ticket', type: String, required: true })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream of DayBoardEntryView events', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiRefusals(401)
  async stream(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Query('ticket') ticket: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = typeof ticket === 'string' && ticket ? await this.tickets.sessionOf(ticket) : null;
    if (!session) throw new InvalidTicketError();
    startEventStream(request, response);
    const close = await this.streams.open(session, editionId, response);
    if (!close) {
      response.end();
      return;
    }
    request.on('close', close);
  }

  /** One point's state for its organizers' phone: what it may move to now, or why not yet. */
  @Get('venues/:venueId/day-state')
  @ApiRefusals(403, 404)
  venueState(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueDayStateView> {
    return this.board.venueState(venueId, actor);
  }

  /**
   * Sets the point's state (the province's organizers and planners, from its day on): 409 for a move the
   * state machine refuses or a stale version, 422 for an incident without a note. Sending what is already
   * recorded answers it unchanged (a phone's retry).
   */
  @Put('venues/:venueId/day-state')
  @Writers()
  @HttpCode(200)
  @ApiRefusals(403, 404, 409, 422, 428)
  set(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: SetDayStateDto, @CurrentActor() actor: Actor): Promise<VenueDayStateView> {
    return this.board.set(venueId, input, actor);
  }
}
