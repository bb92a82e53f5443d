import { pageOf } from '@app/common';
import { AuditEntryView } from './audit-entry-view.dto';

export class AuditEntryPage extends pageOf(AuditEntryView) {}
