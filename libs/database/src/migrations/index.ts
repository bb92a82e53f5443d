/** Every migration in order. Listed explicitly so the bundled apps carry them (no glob at run time). */
import { InitialSchema1795685248536 } from './1795685248536-initial-schema';
import { SeedProvinces1795685300000 } from './1795685300000-seed-provinces';
import { Invitations1795686374422 } from './1795686374422-invitations';
import { Reminders1795688544512 } from './1795688544512-reminders';
import { Logistics1795690403450 } from './1795690403450-logistics';
import { OrganizerReminders1795700000000 } from './1795700000000-organizer-reminders';
import { Resources1795700100000 } from './1795700100000-resources';
import { Budget1795700200000 } from './1795700200000-budget';
import { Planning1795700300000 } from './1795700300000-planning';
import { LeaderBase1795707835042 } from './1795707835042-leader-base';
import { ScrubAuditSecrets1795800000000 } from './1795800000000-scrub-audit-secrets';
import { InvitationLetters1795910000000 } from './1795910000000-invitation-letters';
import { SubstitutionAndReplies1795920000000 } from './1795920000000-substitution-and-replies';
import { AccountSessions1795940000000 } from './1795940000000-account-sessions';
import { AuditAppendOnly1795940100000 } from './1795940100000-audit-append-only';
import { TaskOwnerForeignKey1795940200000 } from './1795940200000-task-owner-foreign-key';
import { CalendarFeedTokens1795950000000 } from './1795950000000-calendar-feed-tokens';
import { VenueChangeProposals1795950100000 } from './1795950100000-venue-change-proposals';
import { Notifications1795970000000 } from './1795970000000-notifications';
import { InvitationNotificationKinds1796010000000 } from './1796010000000-invitation-notification-kinds';
import { NotificationEmails1796020000000 } from './1796020000000-notification-emails';
import { InvitationUpdateCoalescing1796040000000 } from './1796040000000-invitation-update-coalescing';
import { AuditEntityIdIndex1796050000000 } from './1796050000000-audit-entity-id-index';
import { FoldedSearch1796060000000 } from './1796060000000-folded-search';
import { Protocol1796090000000 } from './1796090000000-protocol';
import { VenueResults1796180000000 } from './1796180000000-venue-results';
import { NotificationGroupCounts1796210000000 } from './1796210000000-notification-group-counts';
import { VenueDayStates1796220000000 } from './1796220000000-venue-day-states';
import { VenueDocuments1796230000000 } from './1796230000000-venue-documents';
import { PressAccreditations1796230100000 } from './1796230100000-press-accreditations';
import { PlanningRunCancelled1796240000000 } from './1796240000000-planning-run-cancelled';
import { TaskRollups1796270000000 } from './1796270000000-task-rollups';
import { BudgetRollups1796270000001 } from './1796270000001-budget-rollups';
import { SpeakersAndGreeters1796280000000 } from './1796280000000-speakers-and-greeters';
import { VenueDayOrderIndex1796310000000 } from './1796310000000-venue-day-order-index';
import { ReadinessRollupVenueFacts1796420000000 } from './1796420000000-readiness-rollup-venue-facts';
import { TaskRollupLocks1796460000000 } from './1796460000000-task-rollup-locks';
import { ReminderMomentKey1796470000000 } from './1796470000000-reminder-moment-key';

export const MIGRATIONS = [
  InitialSchema1795685248536,
  SeedProvinces1795685300000,
  Invitations1795686374422,
  Reminders1795688544512,
  Logistics1795690403450,
  OrganizerReminders1795700000000,
  Resources1795700100000,
  Budget1795700200000,
  Planning1795700300000,
  LeaderBase1795707835042,
  ScrubAuditSecrets1795800000000,
  InvitationLetters1795910000000,
  SubstitutionAndReplies1795920000000,
  AccountSessions1795940000000,
  AuditAppendOnly1795940100000,
  TaskOwnerForeignKey1795940200000,
  CalendarFeedTokens1795950000000,
  VenueChangeProposals1795950100000,
  Notifications1795970000000,
  InvitationNotificationKinds1796010000000,
  NotificationEmails1796020000000,
  InvitationUpdateCoalescing1796040000000,
  AuditEntityIdIndex1796050000000,
  FoldedSearch1796060000000,
  Protocol1796090000000,
  VenueResults1796180000000,
  NotificationGroupCounts1796210000000,
  VenueDayStates1796220000000,
  VenueDocuments1796230000000,
  PressAccreditations1796230100000,
  PlanningRunCancelled1796240000000,
  TaskRollups1796270000000,
  BudgetRollups1796270000001,
  SpeakersAndGreeters1796280000000,
  VenueDayOrderIndex1796310000000,
  ReadinessRollupVenueFacts1796420000000,
  TaskRollupLocks1796460000000,
  ReminderMomentKey1796470000000,
];
