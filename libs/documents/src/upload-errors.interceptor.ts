import { BadRequestException, CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { DomainError } from '@app/common';
import { AppConfig } from '@app/config';
import { tooLargeMessage } from './document-rules';

/**
 * Put before multer's FileInterceptor: turns its refusals (English, generic) into the API's own, in
 * Vietnamese. Over the size limit multer stops reading and keeps nothing: 413 DOCUMENT_TOO_LARGE.
 */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof PayloadTooLargeException) {
          throw new DomainError(413, 'DOCUMENT_TOO_LARGE', tooLargeMessage(this.config.DOCUMENT_MAX_BYTES), { maxBytes: this.config.DOCUMENT_MAX_BYTES });
        }
        if (error instanceof BadRequestException && !(error instanceof DomainError)) {
          throw new DomainError(400, 'UPLOAD_MALFORMED', 'Biểu mẫu tải lên không hợp lệ: gửi một tệp trong trường “file” cùng loại và tên tài liệu.');
        }
        throw error;
      }),
    );
  }
}
