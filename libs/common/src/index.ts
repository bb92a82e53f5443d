// Common: shared building blocks: errors and the API error body, columns, time, validation, pagination, transactions, locking, SQL, bulk inserts, secrets, the audit log, the notifier port, the console's links, pass codes and their QR codes, the request id, the Prometheus registry and group commit (MicroBatch).
export { ApiErrorBody } from './api-error-body.dto';
export { ApiExceptionFilter } from './api-exception.filter';
export { ApiRefusals } from './api-refusals';
export { AUDIT_ACTIONS } from './audit-action.enums';
export type { AuditAction } from './audit-action.enums';
export { AuditLog } from './audit-log';
export type { AuditActor, AuditRecord } from './audit-log';
export { insertMissing } from './bulk-insert';
export { CONSOLE_LINKS } from './console-links';
export { CreatedAt, UpdatedAt, Version, numberTransformer } from './columns';
export {
  BusinessRuleError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationFailedError,
  VersionRequiredError,
  assertVersion,
  requireVersion,
} from './domain-error';
export { startEventStream } from './event-stream';
export { hydrate } from './hydrate';
export { lockForUpdate } from './locking';
export { HTTP_LOGGER, LOG_DESTINATION, LoggingModule } from './logging.module';
export { redactUrl } from './log-redaction';
export { logFieldsMixin, runWithLogFields } from './log-fields';
export { MicroBatch } from './micro-batch';
export type { MicroBatchOptions } from './micro-batch';
export { DURATION_BUCKETS, MetricsModule, MetricsRegistry, metricsScrapeAllowed } from './metrics';
export { REQUEST_ID_HEADER, bindRequestId, currentRequestId, isWellFormedRequestId, runWithRequestId } from './request-context';
export { Notifier } from './notifier';
export type { NotificationCause } from './notifier';
export { PageQueryDto, pageOf, toPage } from './pagination';
export { invitationAttendeeKey, normalisePassCode, passCode, passQrModules, passQrPng } from './pass-codes';
export type { Page } from './pagination';
export { sameSecret } from './secrets';
export { preparedRows, queryRows } from './sql';
export { foldedMatch, foldedSearchPattern } from './folded-search';
export { renderPrintPdf } from './print-pdf';
export type { PrintSection, PrintSheet } from './print-pdf';
export {
  FESTIVAL_TIME_ZONE,
  addDays,
  daysBetween,
  formatVietnameseDate,
  instantToLocalDate,
  instantToLocalTime,
  localToInstant,
  minutesOfDay,
  timeOfMinutes,
  todayInFestivalZone,
} from './time';
export type { IsoDate, LocalTime } from './time';
export { AfterCommit, TransactionalChecks, TransactionalEvent, inTransaction } from './transaction';
export { createValidationPipe, toValidationIssues } from './validation';
export { IsIsoDate, IsLocalTime, OptionalNotNull } from './validators';
