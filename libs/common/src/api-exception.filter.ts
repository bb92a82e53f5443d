import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ApiErrorBody } from './api-error-body.dto';
import { DomainError } from './domain-error';

const HTTP_MESSAGES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Yêu cầu không hợp lệ.'],
  401: ['UNAUTHENTICATED', 'Bạn cần đăng nhập.'],
  403: ['FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.'],
  404: ['NOT_FOUND', 'Không tìm thấy tài nguyên được yêu cầu.'],
  405: ['METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.'],
  413: ['PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Định dạng dữ liệu không được hỗ trợ.'],
  429: ['TOO_MANY_REQUESTS', 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.'],
  503: ['SERVICE_UNAVAILABLE', 'Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau.'],
};

/** Postgres SQLSTATEs that are the client's doing, not a server fault. */
const PG_ERRORS: Record<string, [number, string, string]> = {
  '23505': [409, 'DUPLICATE', 'Dữ liệu trùng với một bản ghi đã có.'],
  '23502': [400, 'VALIDATION_FAILED', 'Thiếu giá trị bắt buộc.'],
  '23503': [422, 'REFERENCE_NOT_FOUND', 'Dữ liệu tham chiếu tới một bản ghi không tồn tại.'],
  '23514': [422, 'CONSTRAINT_VIOLATED', 'Dữ liệu vi phạm ràng buộc nghiệp vụ.'],
  '22P02': [400, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.'],
  // Last resort behind DTO bounds: a value PostgreSQL cannot hold is the client's, not a fault.
  '22003': [400, 'VALUE_OUT_OF_RANGE', 'Giá trị số vượt quá giới hạn cho phép.'],
  '22001': [400, 'VALUE_TOO_LONG', 'Giá trị quá dài.'],
  '22007': [400, 'BAD_REQUEST', 'Ngày giờ không hợp lệ.'],
  '22008': [400, 'BAD_REQUEST', 'Ngày giờ nằm ngoài phạm vi cho phép.'],
  '22021': [400, 'BAD_REQUEST', 'Dữ liệu chứa ký tự không hợp lệ.'],
  '2201W': [400, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.'],
  '2201X': [400, 'BAD_REQUEST', 'Yêu cầu không hợp lệ.'],
};

/**
 * Maps every error to `{ code, message, details }` with a Vietnamese message. Stack traces and SQL
 * never reach clients; unexpected errors are logged with their stack and answered as 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.toBody(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // Every refusal that says when to come back (login limit, held account) says it in the standard header too.
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (status === 429 && typeof retryAfter === 'number') response.setHeader('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    response.status(status).json(body);
  }

  toBody(exception: unknown): [number, ApiErrorBody] {
    if (exception instanceof DomainError) {
      return [exception.status, { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [code, message] = HTTP_MESSAGES[status] ?? (status >= 500 ? HTTP_MESSAGES[503] : HTTP_MESSAGES[400]);
      return [status, { code, message, details: detailsOf(exception) }];
    }
    if (exception instanceof QueryFailedError) {
      const driverError = exception.driverError as { code?: string; constraint?: string };
      const known = driverError.code ? PG_ERRORS[driverError.code] : undefined;
      if (known) {
        const [status, code, message] = known;
        return [status, { code, message, details: driverError.constraint ? { constraint: driverError.constraint } : undefined }];
      }
    }
    if (isConnectionError(exception)) {
      return [HttpStatus.SERVICE_UNAVAILABLE, { code: 'SERVICE_UNAVAILABLE', message: HTTP_MESSAGES[503][1] }];
    }
    return [HttpStatus.INTERNAL_SERVER_ERROR, { code: 'INTERNAL_ERROR', message: 'Lỗi hệ thống. Vui lòng thử lại sau.' }];
  }
}

/** What the client can act on: for a body over the limit (body-parser's error), the limit in bytes. */
function detailsOf(exception: HttpException): Record<string, unknown> | undefined {
  const cause = exception.cause as { type?: string; limit?: number } | undefined;
  if (cause?.type === 'entity.too.large' && typeof cause.limit === 'number') return { limitBytes: cause.limit };
  return undefined;
}

function isConnectionError(exception: unknown): boolean {
  const code = (exception as { code?: string } | null)?.code;
  const message = exception instanceof Error ? exception.message : '';
  return code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || /Connection is closed|Stream isn't writeable|enableOfflineQueue/.test(message);
}
