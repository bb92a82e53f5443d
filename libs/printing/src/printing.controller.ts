import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { VenueSheetQueryDto } from './dto/venue-sheet.dto';
import { VenueSheetService } from './venue-sheet.service';

@ApiTags('printing')
@ApiBearerAuth()
@Controller()
export class PrintingController {
  constructor(private readonly sheets: VenueSheetService) {}

  /** A venue's programme, checklist and guest list as PDF: whoever may read the venue, with the parts they may read. */
  @Get('venues/:id/sheet.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The sheet, `diem-to-chuc-<id>.pdf`.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiRefusals(403, 404)
  async sheet(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VenueSheetQueryDto,
    @CurrentActor() actor: Actor,
    @Res() response: Response,
  ): Promise<void> {
    const { filename, content } = await this.sheets.pdf(id, query.parts, actor);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(content);
  }
}
