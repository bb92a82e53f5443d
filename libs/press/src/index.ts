// Press accreditation: the API module, the worker module and the pure statuses.
export { PressModule } from './press.module';
export { PressWorkerModule } from './press-worker.module';
export { ACCREDITATION_STATUS_NAMES, AccreditationStatus } from './press.enums';
export { ReconcilePressEmailsHandler } from './reconcile-press-emails.handler';
