import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { ProposeVenueChangeDto, RejectVenueChangeDto } from './dto/venue-change-proposal.dto';
import { VenueChangeProposal } from './venue-change-proposal.entity';
import { VenueChangeProposalsService } from './venue-change-proposals.service';

/** Proposals to move a venue (place or time): organizers propose, central planners apply or reject. */
@ApiTags('venues')
@ApiBearerAuth()
@Controller()
export class VenueChangeProposalsController {
  constructor(private readonly proposals: VenueChangeProposalsService) {}

  @Get('venues/:venueId/change-proposals')
  @ApiRefusals(403, 404)
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueChangeProposal[]> {
    return this.proposals.list(venueId, actor);
  }

  /** Proposes new place or time fields; nothing changes until a planner applies it. */
  @Post('venues/:venueId/change-proposals')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  propose(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: ProposeVenueChangeDto, @CurrentActor() actor: Actor): Promise<VenueChangeProposal> {
    return this.proposals.propose(venueId, input, actor);
  }

  /** Applies the proposal as the planner's edit: audited, and the invited leaders get an update. */
  @Post('venue-change-proposals/:id/apply')
  @HttpCode(200)
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  apply(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<VenueChangeProposal> {
    return this.proposals.apply(id, actor);
  }

  @Post('venue-change-proposals/:id/reject')
  @HttpCode(200)
  @PlannersOnly()
  @ApiRefusals(404, 409)
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() input: RejectVenueChangeDto, @CurrentActor() actor: Actor): Promise<VenueChangeProposal> {
    return this.proposals.reject(id, input.reason, actor);
  }
}
