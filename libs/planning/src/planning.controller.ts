import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, PlannersOnly } from '@app/auth';
import { ApiRefusals, PageQueryDto } from '@app/common';
import { CreatePlanningRunDto } from './dto/planning-run.dto';
import { PlanningRunSummaryPage, PlanningRunView } from './dto/planning-run-view.dto';
import { PlanningService } from './planning.service';

/** Planning runs of an edition: central planners only (they see leaders' availability and pins). */
@ApiTags('planning')
@ApiBearerAuth()
@Controller('editions/:editionId/planning-runs')
@PlannersOnly()
export class PlanningController {
  constructor(private readonly planning: PlanningService) {}

  /** Queues a run for the worker to propose a plan (nothing is written but the run itself); poll it with GET. */
  @Post()
  @ApiRefusals(404, 409, 422)
  propose(@Param('editionId', ParseUUIDPipe) editionId: string, @Body() input: CreatePlanningRunDto, @CurrentActor() actor: Actor): Promise<PlanningRunView> {
    return this.planning.propose(editionId, input, actor);
  }

  /** The edition's runs, newest first, with their headline figures. */
  @Get()
  list(@Param('editionId', ParseUUIDPipe) editionId: string, @Query() query: PageQueryDto): Promise<PlanningRunSummaryPage> {
    return this.planning.list(editionId, query);
  }

  @Get(':runId')
  @ApiRefusals(404)
  get(@Param('editionId', ParseUUIDPipe) editionId: string, @Param('runId', ParseUUIDPipe) runId: string): Promise<PlanningRunView> {
    return this.planning.get(editionId, runId);
  }

  /** Writes the proposal's assignments and venue dates in one transaction. */
  @Post(':runId/accept')
  @HttpCode(200)
  @ApiRefusals(404, 409)
  accept(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Param('runId', ParseUUIDPipe) runId: string,
    @CurrentActor() actor: Actor,
  ): Promise<PlanningRunView> {
    return this.planning.accept(editionId, runId, actor);
  }

  /** Cancels a run waiting for the worker or being solved: its solve stops, nothing is proposed. */
  @Post(':runId/cancel')
  @HttpCode(200)
  @ApiRefusals(404, 409)
  cancel(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Param('runId', ParseUUIDPipe) runId: string,
    @CurrentActor() actor: Actor,
  ): Promise<PlanningRunView> {
    return this.planning.cancel(editionId, runId, actor);
  }
}
