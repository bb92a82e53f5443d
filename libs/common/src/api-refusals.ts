import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiErrorBody } from './api-error-body.dto';

/** The refusals an operation documents besides the default error, with what each usually means. */
const REFUSALS = {
  401: 'INVALID_CREDENTIALS (login), or UNAUTHENTICATED: no valid access token.',
  403: 'PROVINCE_SCOPE (another province), PLANNER_ONLY or FORBIDDEN (role).',
  404: 'NOT_FOUND: the item, or one it refers to, does not exist.',
  409: 'VERSION_CONFLICT (a stale `version`: reload and retry) or a clash with the current state (e.g. ALREADY_ASSIGNED, RESOURCE_OVERLAP).',
  410: 'GONE: the link was valid once and has expired (e.g. FEED_EXPIRED, a calendar feed past its edition).',
  422: 'A business rule refuses it (outside the edition window, wrong workflow step, closed edition…); `details` says which.',
  428: 'VERSION_REQUIRED: the change replaces or removes something editable and must say which `version` (or `revision`) it read.',
  429: 'Too many attempts: `details.retryAfterSeconds` says when to try again.',
} as const;

export type Refusal = keyof typeof REFUSALS;

/** Errors are JSON whatever the operation produces when it succeeds (a spreadsheet, a calendar…). */
const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorBody) } } };

/**
 * Documents an operation's specific refusals, each as the one error body (`ApiErrorBody`):
 * `@ApiRefusals(404, 409, 422)`. Every other status is covered by the document's default response.
 */
export function ApiRefusals(...statuses: Refusal[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, description: REFUSALS[status], content: ERROR_CONTENT })));
}
