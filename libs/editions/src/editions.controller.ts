import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CreateEditionDto, EditionQueryDto, EditionTransitionDto, UpdateEditionDto } from './dto/edition.dto';
import { EditionPage } from './dto/edition-page.dto';
import { Edition } from './edition.entity';
import { EditionsService } from './editions.service';

@ApiTags('editions')
@ApiBearerAuth()
@Controller('editions')
export class EditionsController {
  constructor(private readonly editions: EditionsService) {}

  @Get()
  list(@Query() query: EditionQueryDto): Promise<EditionPage> {
    return this.editions.list(query);
  }

  @Get(':id')
  @ApiRefusals(404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Edition> {
    return this.editions.get(id);
  }

  @Post()
  @PlannersOnly()
  @ApiRefusals(409, 422)
  create(@Body() input: CreateEditionDto, @CurrentActor() actor: Actor): Promise<Edition> {
    return this.editions.create(input, actor);
  }

  @Patch(':id')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() input: UpdateEditionDto, @CurrentActor() actor: Actor): Promise<Edition> {
    return this.editions.update(id, input, actor);
  }

  /** planning → inviting → running → closed, one step at a time. */
  @Post(':id/transitions')
  @HttpCode(200)
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  transition(@Param('id', ParseUUIDPipe) id: string, @Body() input: EditionTransitionDto, @CurrentActor() actor: Actor): Promise<Edition> {
    return this.editions.transition(id, input, actor);
  }
}
