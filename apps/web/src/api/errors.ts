/**
 * The API's refusals as the console handles them: every `{ code, message, details }` body (and the
 * console's own refusals of what it cannot read, in the same shape) becomes an ApiError.
 */
import type { components } from './schema';

/** One field's reasons, as `VALIDATION_FAILED` details list them. */
export interface FieldIssue {
  field: string;
  messages: string[];
}

type ApiErrorBody = components['schemas']['ApiErrorBody'];

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
    const refusal = isApiErrorBody(body) ? body : undefined;
    return new ApiError(status, refusal?.code ?? `HTTP_${status}`, refusal?.message ?? 'Lỗi hệ thống. Vui lòng thử lại sau.', refusal?.details);
  }

  /** Validation failures by field (`VALIDATION_FAILED` details), e.g. `{ email: ['phải là địa chỉ e-mail hợp lệ'] }`. */
  get fieldErrors(): Record<string, string[]> {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return {};
    return Object.fromEntries(this.details.filter(isFieldIssue).map((issue) => [issue.field, issue.messages]));
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

function isApiErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).code === 'string' && typeof (body as ApiErrorBody).message === 'string';
}

function isFieldIssue(issue: unknown): issue is FieldIssue {
  return typeof issue === 'object' && issue !== null && typeof (issue as FieldIssue).field === 'string' && Array.isArray((issue as FieldIssue).messages);
}
