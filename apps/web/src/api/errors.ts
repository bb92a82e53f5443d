/**
 * The API's refusals as the console handles them: every `{ code, message, details }` body (the
 * document's ApiErrorBody; and the console's own refusals of what it cannot read, in the same shape)
 * becomes an ApiError.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A refusal the API answered: its body when it is one, else the status's own code. */
  static fromBody(status: number, body: unknown): ApiError {
    const refusal = asRecord(body);
    const code = asText(refusal?.code);
    const message = asText(refusal?.message);
    if (code === undefined || message === undefined) return new ApiError(status, `HTTP_${status}`, 'Lỗi hệ thống. Vui lòng thử lại sau.');
    return new ApiError(status, code, message, refusal?.details);
  }

  /** Validation failures by field (`VALIDATION_FAILED` details: `[{ field, messages }]`), e.g. `{ email: ['phải là địa chỉ e-mail hợp lệ'] }`. */
  get fieldErrors(): Record<string, string[]> {
    if (this.code !== 'VALIDATION_FAILED') return {};
    return Object.fromEntries(
      asRecords(this.details).flatMap((issue) => (typeof issue.field === 'string' ? [[issue.field, asTexts(issue.messages)] as const] : [])),
    );
  }

  /** One detail of a business refusal (the clashing item, the venues left outside…); read it with the `as…` readers. */
  detail(key: string): unknown {
    return asRecord(this.details)?.[key];
  }
}

// Free-form values (a refusal's details, whose shape depends on its code; an audit entry's changes):
// read as what they turn out to be, anything else reads as nothing.
export const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const asTexts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined;
export const asRecords = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map(asRecord).filter((item): item is Record<string, unknown> => item !== undefined) : [];

/** The fetch itself failed: no answer from the server at all. */
export const networkError = () => new ApiError(0, 'NETWORK', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
