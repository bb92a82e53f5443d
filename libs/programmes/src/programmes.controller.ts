import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { ApplyTemplateDto, CreateProgrammeItemDto, ReplaceTemplateDto, UpdateProgrammeItemDto } from './dto/programme.dto';
import { ProgrammeTemplateView } from './dto/programme-template-view.dto';
import { ProgrammeItem } from './programme.entities';
import { ProgrammesService } from './programmes.service';

@ApiTags('programmes')
@ApiBearerAuth()
@Controller()
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Get('editions/:editionId/programme-template')
  getTemplate(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<ProgrammeTemplateView> {
    return this.programmes.getTemplate(editionId);
  }

  @Put('editions/:editionId/programme-template')
  @PlannersOnly()
  @ApiRefusals(404, 409)
  replaceTemplate(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Body() input: ReplaceTemplateDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProgrammeTemplateView> {
    return this.programmes.replaceTemplate(editionId, input, actor);
  }

  /** The venue's programme in time order (local times, Asia/Ho_Chi_Minh). */
  @Get('venues/:venueId/programme')
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<ProgrammeItem[]> {
    return this.programmes.listItems(venueId, actor);
  }

  @Post('venues/:venueId/programme')
  @Writers()
  @ApiRefusals(403, 404, 422)
  add(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CreateProgrammeItemDto, @CurrentActor() actor: Actor): Promise<ProgrammeItem> {
    return this.programmes.addItem(venueId, input, actor);
  }

  @Post('venues/:venueId/programme/from-template')
  @Writers()
  @ApiRefusals(403, 404, 422)
  applyTemplate(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: ApplyTemplateDto, @CurrentActor() actor: Actor): Promise<ProgrammeItem[]> {
    return this.programmes.applyTemplate(venueId, input, actor);
  }

  @Patch('venues/:venueId/programme/:itemId')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  update(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() input: UpdateProgrammeItemDto,
    @CurrentActor() actor: Actor,
  ): Promise<ProgrammeItem> {
    return this.programmes.updateItem(venueId, itemId, input, actor);
  }

  @Delete('venues/:venueId/programme/:itemId')
  @Writers()
  @HttpCode(204)
  @ApiQuery({ name: 'version', required: true, type: Number, description: 'The version you saw; a stale one gets 409, none 428' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiRefusals(403, 404, 409, 428)
  async remove(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Query('version', new ParseIntPipe({ optional: true })) version: number | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.programmes.removeItem(venueId, itemId, version, actor);
  }
}
