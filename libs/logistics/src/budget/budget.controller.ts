import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { sendAnswer } from '../edition-answer-cache';
import { BudgetLine } from './budget.entities';
import { BudgetService } from './budget.service';
import { CreateBudgetLineDto, UpdateBudgetLineDto } from './dto/budget.dto';
import { BudgetProvincePage, BudgetSummary } from './dto/budget-rollup.dto';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class BudgetController {
  constructor(private readonly budget: BudgetService) {}

  /** Estimate vs actual cost per province, region, category, funding source and edition; each province's venues are a page of their own. */
  @Get('editions/:editionId/budget')
  @ApiOkResponse({ type: BudgetSummary, description: 'Computed once per change and served as stored JSON.' })
  @ApiRefusals(404)
  async editionBudget(@Param('editionId', ParseUUIDPipe) editionId: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    sendAnswer(response, await this.budget.editionBudgetJson(editionId, actor)); // already JSON: computed once per change
  }

  /** One province's page of the roll-up: its totals and each of its counted venues (an organizer: their own province). */
  @Get('editions/:editionId/budget/provinces/:provinceCode')
  @ApiOkResponse({ type: BudgetProvincePage, description: 'Computed once per change and served as stored JSON.' })
  @ApiRefusals(403, 404)
  async provinceBudget(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Param('provinceCode') provinceCode: string,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): Promise<void> {
    sendAnswer(response, await this.budget.provincePageJson(editionId, provinceCode, actor));
  }

  @Get('venues/:venueId/budget-lines')
  @ApiRefusals(403, 404)
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<BudgetLine[]> {
    return this.budget.list(venueId, actor);
  }

  @Post('venues/:venueId/budget-lines')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  create(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: CreateBudgetLineDto, @CurrentActor() actor: Actor): Promise<BudgetLine> {
    return this.budget.create(venueId, input, actor);
  }

  /** Any field, with the version edited; the actual cost is recorded here once settled. */
  @Patch('venues/:venueId/budget-lines/:lineId')
  @Writers()
  @ApiRefusals(403, 404, 409, 422)
  update(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Body() input: UpdateBudgetLineDto,
    @CurrentActor() actor: Actor,
  ): Promise<BudgetLine> {
    return this.budget.update(venueId, lineId, input, actor);
  }

  @Delete('venues/:venueId/budget-lines/:lineId')
  @Writers()
  @HttpCode(204)
  @ApiQuery({ name: 'version', required: true, type: Number, description: 'The version you saw; a stale one gets 409, none 428' })
  @ApiNoContentResponse({ description: 'The line is deleted.' })
  @ApiRefusals(403, 404, 409, 428)
  async remove(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('lineId', ParseUUIDPipe) lineId: string,
    @Query('version', new ParseIntPipe({ optional: true })) version: number | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.budget.remove(venueId, lineId, version, actor);
  }
}
