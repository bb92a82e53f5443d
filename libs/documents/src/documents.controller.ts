import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';
import { type Actor, CurrentActor, Writers } from '@app/auth';
import { ApiErrorBody, ApiRefusals } from '@app/common';
import { UploadDocumentDto, UploadDocumentForm, VenueDocumentsView, VenueDocumentView } from './dto/document.dto';
import { DocumentsService, type UploadedContent } from './documents.service';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('venues/:venueId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** The venue's documents with every version, newest first: its province's organizers and planners only. */
  @Get()
  @ApiRefusals(403, 404)
  list(@Param('venueId', ParseUUIDPipe) venueId: string, @CurrentActor() actor: Actor): Promise<VenueDocumentsView> {
    return this.documents.list(venueId, actor);
  }

  /**
   * Uploads a document, or a new version of the one of the same kind and title. The type is recognised
   * from the content (not the name or Content-Type): 415 when not allowed, 413 over the size limit —
   * nothing is stored either way.
   */
  @Post()
  @Writers()
  @UseInterceptors(UploadErrorsInterceptor, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentForm })
  @ApiRefusals(403, 404, 409, 422)
  @ApiResponse({ status: 413, description: 'DOCUMENT_TOO_LARGE: over DOCUMENT_MAX_BYTES; nothing stored.', type: ApiErrorBody })
  @ApiResponse({
    status: 415,
    description: 'DOCUMENT_TYPE_REFUSED or DOCUMENT_TYPE_UNKNOWN: the content is not an allowed type; nothing stored.',
    type: ApiErrorBody,
  })
  upload(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Body() input: UploadDocumentDto,
    @UploadedFile() file: UploadedContent | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<VenueDocumentView> {
    return this.documents.upload(venueId, input, file, actor);
  }

  /** One version of a document, under the name it was uploaded with (RFC 6266/8187 Content-Disposition). */
  @Get(':documentId/versions/:number')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({
    description: "The file, with the type recognised at upload and `Content-Disposition: attachment; filename*=UTF-8''…` (the Vietnamese name).",
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiRefusals(403, 404)
  async download(
    @Param('venueId', ParseUUIDPipe) venueId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('number', ParseIntPipe) number: number,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.documents.download(venueId, documentId, number, actor);
    response.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(file.content, { type: file.mediaType, length: file.content.length, disposition: contentDisposition(file.fileName) });
  }
}
