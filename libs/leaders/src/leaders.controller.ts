import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth/actor';
import { CurrentActor, PlannersOnly, Roles } from '@app/auth/decorators';
import { Role } from '@app/auth/role';
import { Page } from '@app/common';
import { AssignmentsService, VenueLeaderView } from './assignments.service';
import { AssignLeaderDto, CreateLeaderDto, LeaderQueryDto, ParticipationDto, UpdateLeaderDto } from './dto/leader.dto';
import { Leader, LeaderParticipation } from './leader.entities';
import { LeaderView } from './leader-views';
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
  list(@Query() query: LeaderQueryDto, @CurrentActor() actor: Actor): Promise<Page<LeaderView>> {
    return this.leaders.list(query, actor);
  }

  @Get('leaders/:id')
  @CentralStaff()
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<LeaderView> {
    return this.leaders.get(id, actor);
  }

  @Post('leaders')
  @PlannersOnly()
  create(@Body() input: CreateLeaderDto, @CurrentActor() actor: Actor): Promise<Leader> {
    return this.leaders.create(input, actor);
  }

  @Patch('leaders/:id')
  @PlannersOnly()
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
  async removeParticipation(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Param('leaderId', ParseUUIDPipe) leaderId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.assignments.removeParticipation(editionId, leaderId, actor);
  }

  @Get('venues/:venueId/leaders')
  venueLeaders(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueLeaderView[]> {
    return this.assignments.listForVenue(venueId, actor);
  }

  @Post('venues/:venueId/leaders')
  @PlannersOnly()
  assign(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: AssignLeaderDto, @CurrentActor() actor: Actor): Promise<VenueLeaderView[]> {
    return this.assignments.assign(venueId, input, actor);
  }

  @Delete('venues/:venueId/leaders/:leaderId')
  @PlannersOnly()
  @HttpCode(204)
  async unassign(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('leaderId', ParseUUIDPipe) leaderId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.assignments.unassign(venueId, leaderId, actor);
  }
}
