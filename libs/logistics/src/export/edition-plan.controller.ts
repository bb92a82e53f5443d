import { Controller, Get, Logger, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Role, Roles } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { ExportQueryDto } from './dto/export.dto';
import { EditionPlanService } from './edition-plan.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('logistics')
@ApiBearerAuth()
@Controller()
export class EditionPlanController {
  private readonly logger = new Logger(EditionPlanController.name);

  constructor(private readonly plans: EditionPlanService) {}

  /**
   * The edition plan for the steering committee (XLSX ready to print, or CSV). Planners get the whole
   * country, organizers their own province; viewers do not download it (leaders' movements in bulk).
   */
  @Get('editions/:editionId/export')
  @Roles(Role.CentralPlanner, Role.ProvincialOrganizer)
  @ApiProduces(XLSX, 'text/csv')
  @ApiOkResponse({
    description: 'A download: the XLSX workbook (`format=xlsx`, the default) or CSV in UTF-8 (`format=csv`).',
    headers: {
      'Content-Disposition': {
        description: 'attachment, with an ASCII `filename` (ke-hoach-ngay-hoi-<year>.<ext>) and the Vietnamese name as `filename*` (RFC 6266).',
        schema: { type: 'string' },
      },
    },
    content: { [XLSX]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiRefusals(404)
  async export(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Query() query: ExportQueryDto,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): Promise<void> {
    const download = await this.plans.prepare(editionId, query.format, actor);
    response.setHeader('Content-Type', download.contentType);
    response.setHeader('Content-Disposition', download.contentDisposition);
    response.setHeader('Cache-Control', 'no-store');
    try {
      await download.writeTo(response);
    } catch (error) {
      if (!response.headersSent) {
        response.removeHeader('Content-Disposition');
        throw error; // nothing written yet: an ordinary error answer
      }
      // The status line is gone already: cut the download short so the client sees a failure, not a
      // truncated file that looks complete.
      this.logger.error(error instanceof Error ? error.stack : String(error));
      response.destroy(error as Error);
    }
  }
}
