import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CheckInDto, CreateGuestDto, DrawSeatingPlanDto, EditSeatingPlanDto, PrecedenceOverrideDto, UpdateGuestDto } from './dto/protocol.dto';
import { CheckInResultView, GuestListView, ProtocolView } from './dto/protocol-view.dto';
import { AttendeeKeyPipe } from './attendee-key.pipe';
import { ProtocolService } from './protocol.service';

@ApiTags('protocol')
@ApiBearerAuth()
@Controller('venues/:venueId')
export class ProtocolController {
  constructor(private readonly protocol: ProtocolService) {}

  /** Who attends, in order of precedence; the front rows as drawn; what no longer agrees with the order. */
  @Get('protocol')
  @ApiRefusals(403, 404)
  view(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<ProtocolView> {
    return this.protocol.view(venueId, actor);
  }

  @Post('guests')
  @Writers()
  @ApiRefusals(403, 404, 422)
  addGuest(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CreateGuestDto, @CurrentActor() actor: Actor): Promise<ProtocolView> {
    return this.protocol.addGuest(venueId, input, actor);
  }

  @Patch('guests/:guestId')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  updateGuest(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('guestId', ParseUUIDPipe) guestId: string,
    @Body() input: UpdateGuestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolView> {
    return this.protocol.updateGuest(venueId, guestId, input, actor);
  }

  @Delete('guests/:guestId')
  @Writers()
  @HttpCode(204)
  @ApiQuery({ name: 'version', required: true, type: Number, description: 'The version you saw; a stale one gets 409, none 428' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiRefusals(403, 404, 409, 428)
  async removeGuest(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('guestId', ParseUUIDPipe) guestId: string,
    @Query('version', new ParseIntPipe({ optional: true })) version: number | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.protocol.removeGuest(venueId, guestId, version, actor);
  }

  /** Planners only: puts an attendee at a place in the order of precedence, with the reason. */
  @Put('protocol/overrides/:attendeeKey')
  @PlannersOnly()
  @ApiParam({ name: 'attendeeKey', example: 'invitation:6f1c2c43-…' })
  @ApiRefusals(403, 404, 422)
  setOverride(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('attendeeKey', AttendeeKeyPipe) attendeeKey: string,
    @Body() input: PrecedenceOverrideDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolView> {
    return this.protocol.setOverride(venueId, attendeeKey, input, actor);
  }

  @Delete('protocol/overrides/:attendeeKey')
  @PlannersOnly()
  @ApiRefusals(403, 404)
  clearOverride(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('attendeeKey', AttendeeKeyPipe) attendeeKey: string,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolView> {
    return this.protocol.clearOverride(venueId, attendeeKey, actor);
  }

  /** Draws the front rows by precedence (centre seat first, then right and left); redrawing needs the plan's version. */
  @Post('seating-plan')
  @Writers()
  @ApiRefusals(403, 404, 409, 422, 428)
  drawSeating(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: DrawSeatingPlanDto, @CurrentActor() actor: Actor): Promise<ProtocolView> {
    return this.protocol.drawSeating(venueId, input, actor);
  }

  @Put('seating-plan')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  editSeating(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: EditSeatingPlanDto, @CurrentActor() actor: Actor): Promise<ProtocolView> {
    return this.protocol.editSeating(venueId, input, actor);
  }

  /** Everyone attending with pass codes and check-in times (the province's organizers and planners). */
  @Get('guest-list')
  @Writers()
  @ApiRefusals(403, 404)
  guestList(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<GuestListView> {
    return this.protocol.guestList(venueId, actor);
  }

  /** Checks an attendee in by pass code; idempotent per pass (a repeat answers when the first was). */
  @Post('check-ins')
  @Writers()
  @HttpCode(200)
  @ApiRefusals(403, 404, 422)
  checkIn(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CheckInDto, @CurrentActor() actor: Actor): Promise<CheckInResultView> {
    return this.protocol.checkIn(venueId, input, actor);
  }
}
