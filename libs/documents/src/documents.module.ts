import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { VenuesModule } from '@app/venues';
import { VenueDocument, VenueDocumentContent, VenueDocumentVersion } from './document.entities';
import { DocumentStorage } from './document-storage';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { UploadErrorsInterceptor } from './upload-errors.interceptor';

/**
 * Venues' documents (issue 20): kịch bản, phương án an ninh, dự toán, ảnh — uploaded with a size and a
 * type limit (the type recognised from the content), versions kept, for the venue's province and
 * planners only, the bytes in PostgreSQL or a directory (DOCUMENT_STORAGE). Owns venue_documents,
 * venue_document_versions and venue_document_contents; reads venues through their library.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([VenueDocument, VenueDocumentVersion, VenueDocumentContent]),
    VenuesModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // In memory (no dest): the content is checked before anything is kept. Names are UTF-8, as browsers send them.
        limits: { fileSize: config.DOCUMENT_MAX_BYTES, files: 1, fields: 10, fieldSize: 10_000 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentStorage, UploadErrorsInterceptor],
})
export class DocumentsModule {}
