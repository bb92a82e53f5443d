import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import {
  AccreditationReceivedView,
  ApproveAccreditationDto,
  PressAccreditationListView,
  PressAccreditationView,
  PressVenueView,
  RefuseAccreditationDto,
  RequestAccreditationDto,
} from './dto/press.dto';
import { PressRateLimitGuard } from './press-rate-limit.guard';
import { PressService } from './press.service';

/** The public side: the accreditation form (no account). */
@ApiTags('press')
@Controller('press')
export class PublicPressController {
  constructor(private readonly press: PressService) {}

  /** What the form shows of the venue: name, province, day, and whether requests are taken. */
  @Get('venues/:venueId')
  @Public()
  @ApiRefusals(404)
  venue(@Param('venueId', ParseUUIDPipe) venueId: string): Promise<PressVenueView> {
    return this.press.publicVenue(venueId);
  }

  /**
   * A journalist's request (rate-limited per address). Answered 202 with the same message whatever
   * becomes of it — a robot's (honeypot filled) or a repeat included.
   */
  @Post('accreditations')
  @Public()
  @HttpCode(202)
  @UseGuards(PressRateLimitGuard)
  @ApiAcceptedResponse({ type: AccreditationReceivedView })
  @ApiRefusals(404, 422, 429)
  request(@Body() input: RequestAccreditationDto, @Ip() clientAddress: string): Promise<AccreditationReceivedView> {
    return this.press.request(input, clientAddress);
  }
}

/** The organizers' side: a venue's requests, approved or refused by its province (or planners). */
@ApiTags('press')
@ApiBearerAuth()
@Controller()
export class PressController {
  constructor(private readonly press: PressService) {}

  @Get('venues/:venueId/press-accreditations')
  @ApiRefusals(403, 404)
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<PressAccreditationListView> {
    return this.press.list(venueId, actor);
  }

  /** Approves a pending request: the journalist gets a pass in the venue's guest list and an e-mail with its code. */
  @Post('press-accreditations/:id/approve')
  @HttpCode(200)
  @Writers()
  @ApiRefusals(403, 404, 409)
  approve(@Param('id', ParseUUIDPipe) id: string, @Body() input: ApproveAccreditationDto, @CurrentActor() actor: Actor): Promise<PressAccreditationView> {
    return this.press.approve(id, input, actor);
  }

  /** Refuses a pending request with a reason, which the journalist is e-mailed. */
  @Post('press-accreditations/:id/refuse')
  @HttpCode(200)
  @Writers()
  @ApiRefusals(403, 404, 409)
  refuse(@Param('id', ParseUUIDPipe) id: string, @Body() input: RefuseAccreditationDto, @CurrentActor() actor: Actor): Promise<PressAccreditationView> {
    return this.press.refuse(id, input, actor);
  }
}
