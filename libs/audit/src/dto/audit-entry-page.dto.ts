import { pageOf } from '@app/common/pagination';
import { AuditEntry } from '../audit-entry.entity';

export class AuditEntryPage extends pageOf(AuditEntry) {}
