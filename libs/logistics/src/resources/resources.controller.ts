import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly, Role, Roles } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CreateBookingDto, CreateResourceDto, ResourceQueryDto, UpdateResourceDto } from './dto/resource.dto';
import { BookingView, SharedResourcePage } from './dto/resource-view.dto';
import { SharedResource } from './resource.entities';
import { ResourcesService } from './resources.service';

/** A resource's bookings span provinces: organizers read them through their own venues only. */
const CentralStaff = () => Roles(Role.CentralPlanner, Role.Viewer);

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @Get('editions/:editionId/resources')
  @CentralStaff()
  list(@Param('editionId', ParseUUIDPipe) editionId: string, @Query() query: ResourceQueryDto): Promise<SharedResourcePage> {
    return this.resources.list(editionId, query);
  }

  @Post('editions/:editionId/resources')
  @PlannersOnly()
  @ApiRefusals(404, 409)
  create(@Param('editionId', ParseUUIDPipe) editionId: string, @Body() input: CreateResourceDto, @CurrentActor() actor: Actor): Promise<SharedResource> {
    return this.resources.create(editionId, input, actor);
  }

  @Get('resources/:id')
  @CentralStaff()
  @ApiRefusals(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<SharedResource> {
    return this.resources.get(id);
  }

  @Patch('resources/:id')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() input: UpdateResourceDto, @CurrentActor() actor: Actor): Promise<SharedResource> {
    return this.resources.update(id, input, actor);
  }

  @Get('resources/:id/bookings')
  @CentralStaff()
  @ApiRefusals(404)
  bookings(@Param('id', ParseUUIDPipe) id: string): Promise<BookingView[]> {
    return this.resources.bookingsOfResource(id);
  }

  /**
   * 409 RESOURCE_OVERLAP when the resource is already booked then (always refused); 409
   * RESOURCE_TRAVEL_TIME when the road from or to a neighbouring booking is too short, unless
   * `acceptTightTravel` is true: then it is saved with `travelWarning` set.
   */
  @Post('resources/:id/bookings')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  book(@Param('id', ParseUUIDPipe) id: string, @Body() input: CreateBookingDto, @CurrentActor() actor: Actor): Promise<BookingView> {
    return this.resources.book(id, input, actor);
  }

  @Delete('resources/:id/bookings/:bookingId')
  @PlannersOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The booking is released.' })
  @ApiRefusals(404)
  async release(@Param('id', ParseUUIDPipe) id: string, @Param('bookingId', ParseUUIDPipe) bookingId: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.resources.release(id, bookingId, actor);
  }

  /** Readable by planners, viewers and the organizers of the venue's province. */
  @Get('venues/:venueId/bookings')
  @ApiRefusals(403, 404)
  venueBookings(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<BookingView[]> {
    return this.resources.bookingsOfVenue(venueId, actor);
  }
}
