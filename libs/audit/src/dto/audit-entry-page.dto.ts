import { pageOf } from '@app/common';
import { AuditEntry } from '../audit-entry.entity';

export class AuditEntryPage extends pageOf(AuditEntry) {}
