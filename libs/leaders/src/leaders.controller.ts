import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly, Role, Roles } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { AssignmentsService } from './assignments.service';
import { AssignLeaderDto, CreateLeaderDto, LeaderQueryDto, ParticipationDto, UpdateLeaderDto } from './dto/leader.dto';
import { LeaderOptionView, LeaderView, LeaderViewPage, VenueLeaderView } from './dto/leader-view.dto';
import { Leader, LeaderParticipation } from './leader.entities';
import { LeadersService } from './leaders.service';

/** Organizers do not browse leaders: they see only those assigned to their own venues. */
const CentralStaff = () => Roles(Role.CentralPlanner, Role.Viewer);

@ApiTags('leaders')
@ApiBearerAuth()
@Controller()
export class LeadersController {
  constructor(
    private readonly leaders: LeadersService,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Planners see contacts and availability; viewers see names, positions and tiers. */
  @Get('leaders')
  @CentralStaff()
  list(@Query() query: LeaderQueryDto, @CurrentActor() actor: Actor): Promise<LeaderViewPage> {
    return this.leaders.list(query, actor);
  }

  @Get('leaders/:id')
  @CentralStaff()
  @ApiRefusals(404)
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<LeaderView> {
    return this.leaders.get(id, actor);
  }

  @Post('leaders')
  @PlannersOnly()
  @ApiRefusals(422)
  create(@Body() input: CreateLeaderDto, @CurrentActor() actor: Actor): Promise<Leader> {
    return this.leaders.create(input, actor);
  }

  @Patch('leaders/:id')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() input: UpdateLeaderDto, @CurrentActor() actor: Actor): Promise<Leader> {
    return this.leaders.update(id, input, actor);
  }

  @Get('editions/:editionId/leaders')
  @CentralStaff()
  participations(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<LeaderParticipation[]> {
    return this.assignments.listParticipations(editionId);
  }

  /** The title a leader is invited under this year, and how many venues they may attend. */
  @Put('editions/:editionId/leaders/:leaderId')
  @PlannersOnly()
  @ApiRefusals(404, 409, 428)
  setParticipation(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Param('leaderId', ParseUUIDPipe) leaderId: string,
    @Body() input: ParticipationDto,
    @CurrentActor() actor: Actor,
  ): Promise<LeaderParticipation> {
    return this.assignments.setParticipation(editionId, leaderId, input, actor);
  }

  @Delete('editions/:editionId/leaders/:leaderId')
  @PlannersOnly()
  @HttpCode(204)
  @ApiQuery({ name: 'version', required: true, type: Number, description: 'The version you saw; a stale one gets 409, none 428' })
  @ApiNoContentResponse({ description: 'The leader no longer takes part in the edition.' })
  @ApiRefusals(404, 409, 428)
  async removeParticipation(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Param('leaderId', ParseUUIDPipe) leaderId: string,
    @Query('version', new ParseIntPipe({ optional: true })) version: number | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.assignments.removeParticipation(editionId, leaderId, version, actor);
  }

  @Get('venues/:venueId/leaders')
  @ApiRefusals(403, 404)
  venueLeaders(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueLeaderView[]> {
    return this.assignments.listForVenue(venueId, actor);
  }

  /** The leader picker: per leader, appearances used / allowed this edition, free on the venue's date or why not (clash, unavailable, maximum, tier). */
  @Get('venues/:venueId/leader-options')
  @PlannersOnly()
  @ApiRefusals(403, 404)
  leaderOptions(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<LeaderOptionView[]> {
    return this.assignments.optionsForVenue(venueId, actor);
  }

  @Post('venues/:venueId/leaders')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  assign(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: AssignLeaderDto, @CurrentActor() actor: Actor): Promise<VenueLeaderView[]> {
    return this.assignments.assign(venueId, input, actor);
  }

  @Delete('venues/:venueId/leaders/:leaderId')
  @PlannersOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unassigned; a live invitation there is withdrawn.' })
  @ApiRefusals(404, 409)
  async unassign(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('leaderId', ParseUUIDPipe) leaderId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.assignments.unassign(venueId, leaderId, actor);
  }
}
