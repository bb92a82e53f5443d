import { Body, Controller, Delete, Get, Param, ParseIntPipe, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { ChooseSpeakerDto, SetGreeterDto } from './dto/protocol-roles.dto';
import { ProtocolRolesView } from './dto/protocol-roles-view.dto';
import { AttendeeKeyPipe } from './attendee-key.pipe';
import { ProtocolRolesService } from './protocol-roles.service';

@ApiTags('protocol')
@ApiBearerAuth()
@Controller('venues/:venueId/protocol')
export class ProtocolRolesController {
  constructor(private readonly roles: ProtocolRolesService) {}

  /** The programme's speaking slots with their speakers (chosen, or proposed by precedence), each central delegate's greeter, and what no longer agrees. */
  @Get('roles')
  @ApiRefusals(403, 404)
  view(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<ProtocolRolesView> {
    return this.roles.view(venueId, actor);
  }

  @Put('speakers/:programmeItemId')
  @Writers()
  @ApiRefusals(403, 404, 422)
  chooseSpeaker(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('programmeItemId', ParseUUIDPipe) programmeItemId: string,
    @Body() input: ChooseSpeakerDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolRolesView> {
    return this.roles.chooseSpeaker(venueId, programmeItemId, input, actor);
  }

  @Delete('speakers/:programmeItemId')
  @Writers()
  @ApiRefusals(403, 404, 422)
  clearSpeaker(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('programmeItemId', ParseUUIDPipe) programmeItemId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolRolesView> {
    return this.roles.clearSpeaker(venueId, programmeItemId, actor);
  }

  @Put('greeters/:attendeeKey')
  @Writers()
  @ApiParam({ name: 'attendeeKey', example: 'invitation:6f1c2c43-…' })
  @ApiRefusals(403, 404, 409, 422, 428)
  setGreeter(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('attendeeKey', AttendeeKeyPipe) attendeeKey: string,
    @Body() input: SetGreeterDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolRolesView> {
    return this.roles.setGreeter(venueId, attendeeKey, input, actor);
  }

  @Delete('greeters/:attendeeKey')
  @Writers()
  @ApiParam({ name: 'attendeeKey', example: 'invitation:6f1c2c43-…' })
  @ApiQuery({ name: 'version', required: true, type: Number, description: 'The version you saw; a stale one gets 409, none 428' })
  @ApiRefusals(403, 404, 409, 428)
  removeGreeter(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('attendeeKey', AttendeeKeyPipe) attendeeKey: string,
    @Query('version', new ParseIntPipe({ optional: true })) version: number | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ProtocolRolesView> {
    return this.roles.removeGreeter(venueId, attendeeKey, version, actor);
  }
}
