/** Every entity of the schema, in one list shared by the apps and the migration CLI. */
import { AuditEntry } from '@app/audit/audit-entry.entity';
import { User } from '@app/auth/user.entity';
import { VenueDocument, VenueDocumentContent, VenueDocumentVersion } from '@app/documents/document.entities';
import { Edition } from '@app/editions/edition.entity';
import { CalendarFeed, Invitation, InvitationMessage, InvitationReply } from '@app/invitations/invitation.entities';
import { InvitationLetterCounter, InvitationLetterSettings } from '@app/invitations/letter/letter.entities';
import { BudgetLine } from '@app/logistics/budget/budget.entities';
import { BudgetRollupRow, VenueBudgetRollup } from '@app/logistics/budget/budget-rollup.entities';
import { VenueTaskRollup } from '@app/logistics/readiness/task-rollup.entity';
import { ResourceBooking, SharedResource } from '@app/logistics/resources/resource.entities';
import { TaskDependency, TaskTemplateItem, VenueTask } from '@app/logistics/tasks/task.entities';
import { Leader, LeaderParticipation, LeaderUnavailability, VenueLeaderAssignment } from '@app/leaders/leader.entities';
import { Notification, NotificationEmail, NotificationGroup, NotificationGroupItem, NotificationPreference } from '@app/notifications/notification.entities';
import { PlanningRun } from '@app/planning/planning-run.entity';
import { ProgrammeItem, ProgrammeTemplateItem } from '@app/programmes/programme.entities';
import { PressAccreditation } from '@app/press/press-accreditation.entity';
import { CheckIn, PrecedenceOverrideRow, SeatingPlan, VenueGuest } from '@app/protocol/protocol.entities';
import { Greeter, SpeakingAssignment } from '@app/protocol/protocol-roles.entities';
import { FormerProvince, Province } from '@app/provinces/province.entity';
import { VenueResult } from '@app/results/venue-result.entity';
import { VenueDayState } from '@app/day-board/venue-day-state.entity';
import { Reminder, ReminderPolicy } from '@app/reminders/reminder.entities';
import { VenueChangeProposal } from '@app/venues/change-proposals/venue-change-proposal.entity';
import { Venue } from '@app/venues/venue.entity';

export const ENTITIES = [
  Province,
  FormerProvince,
  User,
  AuditEntry,
  Edition,
  Venue,
  VenueChangeProposal,
  ProgrammeItem,
  ProgrammeTemplateItem,
  Leader,
  LeaderUnavailability,
  LeaderParticipation,
  VenueLeaderAssignment,
  Invitation,
  InvitationMessage,
  InvitationReply,
  CalendarFeed,
  InvitationLetterSettings,
  InvitationLetterCounter,
  Reminder,
  ReminderPolicy,
  TaskTemplateItem,
  VenueTask,
  TaskDependency,
  SharedResource,
  ResourceBooking,
  BudgetLine,
  VenueTaskRollup,
  VenueBudgetRollup,
  BudgetRollupRow,
  PlanningRun,
  Notification,
  NotificationGroupItem,
  NotificationGroup,
  NotificationPreference,
  NotificationEmail,
  VenueGuest,
  PrecedenceOverrideRow,
  SeatingPlan,
  CheckIn,
  SpeakingAssignment,
  Greeter,
  VenueResult,
  VenueDocument,
  VenueDocumentVersion,
  VenueDocumentContent,
  PressAccreditation,
  VenueDayState,
];
