import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CreateVenueDto, UpdateVenueDto, VenueQueryDto, VenueTransitionDto } from './dto/venue.dto';
import { VenueView, VenueViewPage } from './dto/venue-view.dto';
import { VenueClusterQueryDto, VenueClusters } from './dto/venue-clusters.dto';
import { VenueSummary, VenueSummaryQueryDto } from './dto/venue-summary.dto';
import { VenuesService } from './venues.service';

@ApiTags('venues')
@ApiBearerAuth()
@Controller('venues')
export class VenuesController {
  constructor(private readonly venues: VenuesService) {}

  /** Filter by edition, province, region, status, tier, scheduled date range, words (diacritics ignored), ids and the map's bounds; paged. */
  @Get()
  list(@Query() query: VenueQueryDto, @CurrentActor() actor: Actor): Promise<VenueViewPage> {
    return this.venues.list(query, actor);
  }

  /** The overview map's markers clustered on the server: per grid cell of the zoom level, the count and mean position (the venue itself when alone). */
  @Get('clusters')
  @ApiRefusals(403)
  clusters(@Query() query: VenueClusterQueryDto, @CurrentActor() actor: Actor): Promise<VenueClusters> {
    return this.venues.clusters(query, actor);
  }

  /** The overview's figures for the list's filters: totals by status, per province (where its venues lie) and per scheduled day. */
  @Get('summary')
  @ApiRefusals(403)
  summary(@Query() query: VenueSummaryQueryDto, @CurrentActor() actor: Actor): Promise<VenueSummary> {
    return this.venues.summary(query, actor);
  }

  @Get(':id')
  @ApiRefusals(404)
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.get(id, actor);
  }

  /** Nominate a festival point (organizers: in their own province only). */
  @Post()
  @Writers()
  @ApiRefusals(403, 404, 422)
  nominate(@Body() input: CreateVenueDto, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.nominate(input, actor);
  }

  @Patch(':id')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() input: UpdateVenueDto, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.update(id, input, actor);
  }

  /** Shortlist, approve, schedule (date + local hours), reschedule, mark held, reject or cancel (with reason). */
  @Post(':id/transitions')
  @HttpCode(200)
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  transition(@Param('id', ParseUUIDPipe) id: string, @Body() input: VenueTransitionDto, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.transition(id, input, actor);
  }
}
