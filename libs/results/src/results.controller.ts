import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Writers } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { CompareEditionsQueryDto, EditionComparisonView, EditionReportQueryDto, EditionReportView } from './dto/edition-report.dto';
import { RecordVenueResultDto, VenueResultView } from './dto/venue-result.dto';
import { reportContentDisposition, reportPdf, reportXlsx } from './edition-report.documents';
import { ResultsService } from './results.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('results')
@ApiBearerAuth()
@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  /** What the venue recorded after its day, and whether the caller may record it now. */
  @Get('venues/:venueId/result')
  @ApiRefusals(403, 404)
  view(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueResultView> {
    return this.results.view(venueId, actor);
  }

  /** Records or corrects the result: the province's organizers and planners, from the venue's day on. */
  @Put('venues/:venueId/result')
  @Writers()
  @ApiRefusals(403, 404, 409, 428)
  record(@Param('venueId', ParseUUIDPipe) venueId: string, @Body() input: RecordVenueResultDto, @CurrentActor() actor: Actor): Promise<VenueResultView> {
    return this.results.record(venueId, input, actor);
  }

  /**
   * The edition's report per region and province (JSON, XLSX or PDF): the country for planners and
   * viewers, their own province for organizers.
   */
  @Get('editions/:editionId/report')
  @ApiProduces('application/json', XLSX, 'application/pdf')
  @ApiOkResponse({
    type: EditionReportView,
    description: 'JSON by default; `format=xlsx` or `format=pdf` download the report (Content-Disposition with the Vietnamese name as `filename*`).',
  })
  @ApiRefusals(404)
  async report(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Query() query: EditionReportQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EditionReportView | StreamableFile> {
    const report = await this.results.report(editionId, actor);
    if (query.format === 'json') return report;
    const input = { ...report, printedAt: this.results.printedAt() };
    const file = query.format === 'xlsx' ? await reportXlsx(input) : await reportPdf(input);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file, {
      type: query.format === 'xlsx' ? XLSX : 'application/pdf',
      disposition: reportContentDisposition(report.year, query.format),
    });
  }

  /** Two editions side by side: venues per region, leaders' coverage, budget per venue, tasks on time. */
  @Get('editions/:editionId/comparison')
  @ApiRefusals(404)
  compare(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Query() query: CompareEditionsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<EditionComparisonView> {
    return this.results.compare(editionId, query.with, actor);
  }
}
