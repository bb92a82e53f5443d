import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, PlannersOnly } from '@app/auth';
import { ApiRefusals } from '@app/common';
import { LetterSettingsDto, LetterSettingsView } from './dto/letter-settings.dto';
import { LetterDownloadService } from './letter-download.service';
import { LetterSettingsService } from './letter-settings.service';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class LettersController {
  constructor(
    private readonly settings: LetterSettingsService,
    private readonly downloads: LetterDownloadService,
  ) {}

  /** The edition's giấy mời letterhead, signer and Nơi nhận (the defaults until saved), and how many letters it has issued. */
  @Get('editions/:editionId/letter-settings')
  @PlannersOnly()
  @ApiRefusals(404)
  getSettings(@Param('editionId', ParseUUIDPipe) editionId: string): Promise<LetterSettingsView> {
    return this.settings.get(editionId);
  }

  /** Replaces the settings; letters issued from now on print them (each letter keeps its number and date). */
  @Put('editions/:editionId/letter-settings')
  @PlannersOnly()
  @ApiRefusals(404, 409, 422)
  putSettings(
    @Param('editionId', ParseUUIDPipe) editionId: string,
    @Body() input: LetterSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<LetterSettingsView> {
    return this.settings.update(editionId, input, actor);
  }

  /** The invitation's giấy mời as sent (PDF). Planners and viewers; organizers for their own province's venues. */
  @Get('invitations/:id/letter.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The giấy mời, `giay-moi-so-<N>.pdf`.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiRefusals(403, 404, 409, 422)
  async letter(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const { filename, content } = await this.downloads.pdf(id, actor);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `inline; filename="${filename}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(content);
  }
}
