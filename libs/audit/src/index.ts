// Audit: the module and the service other modules record their changes with.
export { AuditModule } from './audit.module';
export { AuditService, recordAudit } from './audit.service';
