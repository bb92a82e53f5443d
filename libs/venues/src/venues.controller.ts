import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth/actor';
import { CurrentActor, Writers } from '@app/auth/decorators';
import { Page } from '@app/common';
import { CreateVenueDto, UpdateVenueDto, VenueQueryDto, VenueTransitionDto } from './dto/venue.dto';
import { VenueView } from './venue-view';
import { VenuesService } from './venues.service';

@ApiTags('venues')
@ApiBearerAuth()
@Controller('venues')
export class VenuesController {
  constructor(private readonly venues: VenuesService) {}

  /** Filter by edition, province, region, status, tier and scheduled date range. */
  @Get()
  list(@Query() query: VenueQueryDto, @CurrentActor() actor: Actor): Promise<Page<VenueView>> {
    return this.venues.list(query, actor);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.get(id, actor);
  }

  /** Nominate a festival point (organizers: in their own province only). */
  @Post()
  @Writers()
  nominate(@Body() input: CreateVenueDto, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.nominate(input, actor);
  }

  @Patch(':id')
  @Writers()
  update(@Param('id', ParseUUIDPipe) id: string, @Body() input: UpdateVenueDto, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.update(id, input, actor);
  }

  /** Shortlist, approve, schedule (date + local hours), reschedule, mark held, reject or cancel (with reason). */
  @Post(':id/transitions')
  @HttpCode(200)
  @Writers()
  transition(@Param('id', ParseUUIDPipe) id: string, @Body() input: VenueTransitionDto, @CurrentActor() actor: Actor): Promise<VenueView> {
    return this.venues.transition(id, input, actor);
  }
}
