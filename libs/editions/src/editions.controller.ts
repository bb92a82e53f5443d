import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth/actor';
import { CurrentActor, PlannersOnly } from '@app/auth/decorators';
import { Page } from '@app/common';
import { CreateEditionDto, EditionQueryDto, EditionTransitionDto, UpdateEditionDto } from './dto/edition.dto';
import { Edition } from './edition.entity';
import { EditionsService } from './editions.service';

@ApiTags('editions')
@ApiBearerAuth()
@Controller('editions')
export class EditionsController {
  constructor(private readonly editions: EditionsService) {}

  @Get()
  list(@Query() query: EditionQueryDto): Promise<Page<Edition>> {
    return this.editions.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Edition> {
    return this.editions.get(id);
  }

  @Post()
  @PlannersOnly()
  create(@Body() input: CreateEditionDto, @CurrentActor() actor: Actor): Promise<Edition> {
    return this.editions.create(input, actor);
  }

  @Patch(':id')
  @PlannersOnly()
  update(@Param('id', ParseUUIDPipe) id: string, @Body() input: UpdateEditionDto, @CurrentActor() actor: Actor): Promise<Edition> {
    return this.editions.update(id, input, actor);
  }

  /** planning → inviting → running → closed, one step at a time. */
  @Post(':id/transitions')
  @HttpCode(200)
  @PlannersOnly()
  transition(@Param('id', ParseUUIDPipe) id: string, @Body() input: EditionTransitionDto, @CurrentActor() actor: Actor): Promise<Edition> {
    return this.editions.transition(id, input, actor);
  }
}
