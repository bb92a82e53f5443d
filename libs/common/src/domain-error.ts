/**
 * Errors are part of the API: every refusal has a machine code, a Vietnamese message for people and
 * optional details. Services throw these; the exception filter turns them into `{ code, message, details }`.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string | number) {
    super(404, 'NOT_FOUND', `Không tìm thấy ${what}.`, { id });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này.', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

/** The client edited a stale copy: `version` no longer matches the stored row. */
export class VersionConflictError extends DomainError {
  constructor(expected: number, actual: number) {
    super(409, 'VERSION_CONFLICT', 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại rồi thử lại.', {
      expectedVersion: expected,
      currentVersion: actual,
    });
  }
}

/** A well-formed request that breaks a business rule (overlap, outside window, wrong state…). */
export class BusinessRuleError extends DomainError {
  constructor(code: string, message: string, details?: unknown, status = 422) {
    super(status, code, message, details);
  }
}

/** A request whose shape is wrong (unknown field, bad date, bad enum). */
export class ValidationFailedError extends DomainError {
  constructor(details: ValidationIssue[]) {
    super(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', details);
  }
}

export interface ValidationIssue {
  field: string;
  messages: string[];
}

/**
 * A change that would overwrite or remove an editable aggregate without saying which version the client
 * saw (428 Precondition Required, RFC 6585): the answer to a stale version is 409, to none at all this.
 */
export class VersionRequiredError extends DomainError {
  constructor(field = 'version') {
    super(428, 'VERSION_REQUIRED', 'Thiếu phiên bản dữ liệu đã đọc; vui lòng tải lại rồi thử lại để không ghi đè thay đổi của người khác.', { field });
  }
}

/** The client's version, or VersionRequiredError when it sent none. */
export function requireVersion<T extends number | string>(version: T | undefined, field = 'version'): T {
  if (version === undefined) throw new VersionRequiredError(field);
  return version;
}

/** Fails with VersionConflictError unless the client's version is the stored one. */
export function assertVersion(expected: number, actual: number): void {
  if (expected !== actual) throw new VersionConflictError(expected, actual);
}
