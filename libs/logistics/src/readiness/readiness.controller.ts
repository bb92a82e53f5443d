import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { sendAnswer } from '../edition-answer-cache';
import { Dashboard, VenueReadinessView } from './dto/readiness-dashboard.dto';
import { ReadinessService } from './readiness.service';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class ReadinessController {
  constructor(private readonly service: ReadinessService) {}

  /** Readiness of every live venue, rolled up by province, region and edition, in one request. */
  @Get('editions/:editionId/readiness')
  @ApiOkResponse({ type: Dashboard, description: 'Computed once per change and served as stored JSON.' })
  @ApiRefusals(404)
  async dashboard(@Param('editionId', ParseUUIDPipe) editionId: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    sendAnswer(response, await this.service.dashboardJson(editionId, actor)); // already JSON: computed once, served many times
  }

  @Get('venues/:venueId/readiness')
  @ApiRefusals(403, 404)
  readiness(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueReadinessView> {
    return this.service.readiness(venueId, actor);
  }
}
