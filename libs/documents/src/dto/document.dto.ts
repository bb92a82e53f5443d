import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { DocumentKind } from '../documents.enums';

/** The form fields of an upload (multipart/form-data, with the file in the part `file`). */
export class UploadDocumentDto {
  @ApiProperty({ enum: DocumentKind, enumName: 'DocumentKind', description: 'Loại tài liệu' })
  @IsEnum(DocumentKind)
  kind: DocumentKind;

  @ApiProperty({ description: 'Tên tài liệu; tải lên lại cùng loại và tên thêm một phiên bản', example: 'Kịch bản chương trình' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;
}

/** The upload request as OpenAPI describes it: the form fields and the file. */
export class UploadDocumentForm extends UploadDocumentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Tệp tải lên; loại được nhận dạng từ nội dung' })
  file: unknown;
}

export class DocumentVersionView {
  number: number;
  fileName: string;
  /** Recognised from the content when it was uploaded. */
  mediaType: string;
  sizeBytes: number;
  uploadedAt: Date;
  uploadedByName: string | null;
}

export class VenueDocumentView {
  id: string;
  @ApiProperty({ enum: DocumentKind, enumName: 'DocumentKind' })
  kind: DocumentKind;
  kindName: string;
  title: string;
  latestVersion: number;
  /** Newest first. */
  versions: DocumentVersionView[];
}

export class VenueDocumentsView {
  venueId: string;
  /** Whether the caller may upload (their province, or a planner; the venue not closed). */
  canUpload: boolean;
  /** The size limit in bytes. */
  maxBytes: number;
  /** The media types accepted (by content). */
  allowedTypes: string[];
  documents: VenueDocumentView[];
}
