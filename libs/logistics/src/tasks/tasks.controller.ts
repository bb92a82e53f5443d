import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CreateTaskDto, DependencyDto, ReplaceTaskTemplateDto, UpdateTaskDto } from './dto/task.dto';
import { TaskTemplateView, TaskView } from './dto/task-view.dto';
import { TasksService } from './tasks.service';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('editions/:editionId/task-template')
  @ApiRefusals(404)
  template(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<TaskTemplateView> {
    return this.tasks.template(editionId);
  }

  /** Applies to venues approved from now on. */
  @Put('editions/:editionId/task-template')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422, 428)
  replaceTemplate(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Body() input: ReplaceTaskTemplateDto,
    @CurrentActor() actor: Actor,
  ): Promise<TaskTemplateView> {
    return this.tasks.replaceTemplate(editionId, input, actor);
  }

  @Get('venues/:venueId/tasks')
  @ApiRefusals(403, 404)
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<TaskView[]> {
    return this.tasks.list(venueId, actor);
  }

  @Post('venues/:venueId/tasks')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  create(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CreateTaskDto, @CurrentActor() actor: Actor): Promise<TaskView> {
    return this.tasks.create(venueId, input, actor);
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
    return this.tasks.update(venueId, taskId, input, actor);
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
    return this.tasks.addDependency(venueId, taskId, input.prerequisiteId, actor);
  }

  /** Planners only: an organizer could otherwise remove a prerequisite to get round it. */
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
    await this.tasks.removeDependency(venueId, taskId, prerequisiteId, actor);
  }
}
