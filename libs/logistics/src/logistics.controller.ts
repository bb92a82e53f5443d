import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth/actor';
import { CurrentActor, PlannersOnly, Writers } from '@app/auth/decorators';
import { CreateTaskDto, DependencyDto, ReplaceTaskTemplateDto, UpdateTaskDto } from './dto/task.dto';
import { LogisticsService, TaskView } from './logistics.service';
import { VenueReadiness } from './task-rules';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class LogisticsController {
  constructor(private readonly logistics: LogisticsService) {}

  @Get('editions/:editionId/task-template')
  template(@Param('editionId', ParseUUIDPipe) editionId: string) {
    return this.logistics.template(editionId);
  }

  /** Applies to venues approved from now on. */
  @Put('editions/:editionId/task-template')
  @PlannersOnly()
  replaceTemplate(@Param('editionId', ParseUUIDPipe) editionId: string, @Body() input: ReplaceTaskTemplateDto, @CurrentActor() actor: Actor) {
    return this.logistics.replaceTemplate(editionId, input, actor);
  }

  /** Readiness of every live venue, rolled up by province, region and edition, in one request. */
  @Get('editions/:editionId/readiness')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: 'Dashboard (see the Dashboard interface in logistics.service.ts)' })
  dashboard(@Param('editionId', ParseUUIDPipe) editionId: string, @CurrentActor() actor: Actor): Promise<string> {
    return this.logistics.dashboardJson(editionId, actor); // already JSON: computed once, served many times
  }

  @Get('venues/:venueId/tasks')
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<TaskView[]> {
    return this.logistics.list(venueId, actor);
  }

  @Get('venues/:venueId/readiness')
  readiness(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueReadiness> {
    return this.logistics.readiness(venueId, actor);
  }

  @Post('venues/:venueId/tasks')
  @Writers()
  create(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CreateTaskDto, @CurrentActor() actor: Actor): Promise<TaskView> {
    return this.logistics.create(venueId, input, actor);
  }

  /** Status (todo, in_progress, blocked with a reason, done), title, responsible unit, owner, deadline, notes. */
  @Patch('venues/:venueId/tasks/:taskId')
  @Writers()
  update(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() input: UpdateTaskDto,
    @CurrentActor() actor: Actor,
  ): Promise<TaskView> {
    return this.logistics.update(venueId, taskId, input, actor);
  }

  @Post('venues/:venueId/tasks/:taskId/dependencies')
  @Writers()
  addDependency(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Body() input: DependencyDto,
    @CurrentActor() actor: Actor,
  ): Promise<TaskView> {
    return this.logistics.addDependency(venueId, taskId, input.prerequisiteId, actor);
  }

  @Delete('venues/:venueId/tasks/:taskId/dependencies/:prerequisiteId')
  @Writers()
  @HttpCode(204)
  async removeDependency(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Param('prerequisiteId', ParseUUIDPipe) prerequisiteId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.logistics.removeDependency(venueId, taskId, prerequisiteId, actor);
  }
}
