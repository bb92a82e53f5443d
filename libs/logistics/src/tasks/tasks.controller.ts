import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/auth/actor';
import { CurrentActor, PlannersOnly, Writers } from '@app/auth/decorators';
import { ApiRefusals } from '@app/common';
import { Dashboard, VenueReadinessView } from '../readiness/dto/readiness-dashboard.dto';
import { CreateTaskDto, DependencyDto, ReplaceTaskTemplateDto, UpdateTaskDto } from './dto/task.dto';
import { TaskTemplateView, TaskView } from './dto/task-view.dto';
import { LogisticsService } from './tasks.service';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class LogisticsController {
  constructor(private readonly logistics: LogisticsService) {}

  @Get('editions/:editionId/task-template')
  @ApiRefusals(404)
  template(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<TaskTemplateView> {
    return this.logistics.template(editionId);
  }

  /** Applies to venues approved from now on. */
  @Put('editions/:editionId/task-template')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  replaceTemplate(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Body() input: ReplaceTaskTemplateDto,
    @CurrentActor() actor: Actor,
  ): Promise<TaskTemplateView> {
    return this.logistics.replaceTemplate(editionId, input, actor);
  }

  /** Readiness of every live venue, rolled up by province, region and edition, in one request. */
  @Get('editions/:editionId/readiness')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ type: Dashboard, description: 'Computed once per change and served as stored JSON.' })
  @ApiRefusals(404)
  dashboard(@Param('editionId', ParseUUIDPipe) editionId: string, @CurrentActor() actor: Actor): Promise<string> {
    return this.logistics.dashboardJson(editionId, actor); // already JSON: computed once, served many times
  }

  @Get('venues/:venueId/tasks')
  @ApiRefusals(403, 404)
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<TaskView[]> {
    return this.logistics.list(venueId, actor);
  }

  @Get('venues/:venueId/readiness')
  @ApiRefusals(403, 404)
  readiness(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueReadinessView> {
    return this.logistics.readiness(venueId, actor);
  }

  @Post('venues/:venueId/tasks')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  create(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CreateTaskDto, @CurrentActor() actor: Actor): Promise<TaskView> {
    return this.logistics.create(venueId, input, actor);
  }

  /** Status (todo, in_progress, blocked with a reason, done), title, responsible unit, owner, deadline, notes. */
  @Patch('venues/:venueId/tasks/:taskId')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
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
  @ApiRefusals(403, 404, 409, 422)
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
  @ApiNoContentResponse({ description: 'The dependency is gone.' })
  @ApiRefusals(403, 404, 409)
  async removeDependency(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('taskId', ParseUUIDPipe) taskId: string,
    @Param('prerequisiteId', ParseUUIDPipe) prerequisiteId: string,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.logistics.removeDependency(venueId, taskId, prerequisiteId, actor);
  }
}
