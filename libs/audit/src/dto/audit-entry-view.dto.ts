import { AuditEntry } from '../audit-entry.entity';

/** An audit entry as the log shows it: the stored entry plus the names people know its ids by. */
export class AuditEntryView extends AuditEntry {
  /** The account's full name (as it is now), or "Hệ thống" for changes made by the system. */
  actorName: string;

  /** The changed record's name, title or description, as the log last recorded it; null when the log never recorded one. */
  subjectName: string | null;

  /** Names of the ids found in `changes` (a leader, a venue, a prerequisite task…), where the log knows them. */
  names: Record<string, string>;
}
