/** Every entity of the schema, in one list shared by the apps and the migration CLI. */
import { AuditEntry } from '@app/audit/audit-entry.entity';
import { User } from '@app/auth/user.entity';
import { Edition } from '@app/editions/edition.entity';
import { CalendarFeed, Invitation, InvitationMessage } from '@app/invitations/invitation.entities';
import { BudgetLine, ResourceBooking, SharedResource, TaskDependency, TaskTemplateItem, VenueTask } from '@app/logistics';
import { Leader, LeaderParticipation, LeaderUnavailability, VenueLeaderAssignment } from '@app/leaders/leader.entities';
import { Notification, NotificationGroupItem } from '@app/notifications/notification.entities';
import { PlanningRun } from '@app/planning/planning-run.entity';
import { ProgrammeItem, ProgrammeTemplateItem } from '@app/programmes/programme.entities';
import { FormerProvince, Province } from '@app/provinces/province.entity';
import { Reminder, ReminderPolicy } from '@app/reminders/reminder.entities';
import { Venue } from '@app/venues/venue.entity';

export const ENTITIES = [
  Province,
  FormerProvince,
  User,
  AuditEntry,
  Edition,
  Venue,
  ProgrammeItem,
  ProgrammeTemplateItem,
  Leader,
  LeaderUnavailability,
  LeaderParticipation,
  VenueLeaderAssignment,
  Invitation,
  InvitationMessage,
  CalendarFeed,
  Reminder,
  ReminderPolicy,
  TaskTemplateItem,
  VenueTask,
  TaskDependency,
  SharedResource,
  ResourceBooking,
  BudgetLine,
  PlanningRun,
  Notification,
  NotificationGroupItem,
];
