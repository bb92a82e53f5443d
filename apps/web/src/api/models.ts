/**
 * The API's shapes under the names the console uses: every one an alias of a schema of the generated
 * document (./schema.d.ts, `npm run openapi`), none written by hand. Codes (statuses, roles, parts…)
 * are the API's enums from its pure `*.enums.ts` files (`@shared/…`, see ../codes.ts); a field's own
 * type (`Task['status']`) names the document's literal union where one is needed.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type LoginAnswer = Schemas['AccessTokenDto'];
/** Who is logged in, as the login answered. */
export type User = Schemas['LoginUser'];
/** An account as planners manage it (`/api/users`). */
export type Account = Schemas['UserView'];

export type Edition = Schemas['Edition'];
export type ReminderPolicy = Schemas['ReminderPolicyView'];
export type LetterSettings = Schemas['LetterSettingsView'];
export type TaskTemplate = Schemas['TaskTemplateView'];
export type TaskTemplateLine = Schemas['TaskTemplateLine'];

export type Venue = Schemas['VenueView'];
export type ProgrammeItem = Schemas['ProgrammeItem'];
export type Task = Schemas['TaskView'];
export type TaskUpdate = Schemas['UpdateTaskDto'];
export type BudgetLine = Schemas['BudgetLine'];

/** A leader as the register lists them: planners get the whole record (see `isWholeLeader`), others who they are. */
export type LeaderView = Schemas['LeaderView'];
/** A leader as the picker on a venue offers them: appearances used / allowed, free that day or why not. */
export type LeaderOption = Schemas['LeaderOptionView'];
/** A leader's whole record: contacts, preferences, availability. */
export type Leader = Schemas['Leader'];
export type LeaderParticipation = Schemas['LeaderParticipation'];
export type VenueLeader = Schemas['VenueLeaderView'];

export type Invitation = Schemas['InvitationSummary'];
export type InvitationDetail = Schemas['InvitationView'];
export type InvitationHistoryEntry = Schemas['InvitationHistoryEntry'];
/** An invitation to a venue as organizers see it: the answer, never a contact. */
export type VenueInvitationAnswer = Schemas['VenueInvitationAnswer'];

export type DashboardGroup = Schemas['DashboardGroup'];
export type Readiness = Schemas['VenueAtRisk']['status'];
export type BudgetGroup = Schemas['BudgetGroup'];
export type AuditEntry = Schemas['AuditEntryView'];

export type PlanningRun = Schemas['PlanningRunView'];
export type LeaderPin = Schemas['LeaderPinDto'];
export type LeaderBan = Schemas['LeaderVenueDto'];
export type VenuePlan = Schemas['VenuePlanView'];

/** Planners get every field of a leader's record; this tells the whole record from the public part. */
export function isWholeLeader(leader: LeaderView): leader is Leader {
  return (
    leader.officeEmail !== undefined &&
    leader.officePhone !== undefined &&
    leader.homeProvinceCode !== undefined &&
    leader.baseProvinceCode !== undefined &&
    leader.preferredDates !== undefined &&
    leader.unavailability !== undefined &&
    leader.active !== undefined &&
    leader.createdAt !== undefined &&
    leader.updatedAt !== undefined &&
    leader.version !== undefined
  );
}

/** An organizer's proposal to move a central venue (place or time), which a planner applies or rejects. */
export type VenueChangeProposal = Schemas['VenueChangeProposal'];
/** One entry of my inbox (`/api/notifications`); `seq` is also the live stream's event id. */
export type Notification = Schemas['NotificationView'];
/** My notification e-mail preferences (`/api/notifications/preferences`): the daily digest and the kinds e-mailed at once. */
export type NotificationPreferences = Schemas['NotificationPreferencesView'];

/** A venue's protocol (lễ tân): order of precedence, seating plan, what no longer agrees. */
export type Protocol = Schemas['ProtocolView'];
export type PrecedenceEntry = Schemas['PrecedenceEntryView'];
export type Seat = Schemas['SeatView'];
export type GuestList = Schemas['GuestListView'];
export type CheckInResult = Schemas['CheckInResultView'];
/** The programme's speaking slots with their speakers, each central delegate's greeter, what no longer agrees. */
export type ProtocolRoles = Schemas['ProtocolRolesView'];
export type SpeakingSlot = Schemas['SpeakingSlotView'];
export type DelegateGreeter = Schemas['DelegateGreeterView'];

export type VenueResult = Schemas['VenueResultView'];
export type EditionReport = Schemas['EditionReportView'];
export type ReportLine = Schemas['ReportLineView'];
export type EditionComparison = Schemas['EditionComparisonView'];

/** A venue's documents (kịch bản, phương án an ninh, dự toán, ảnh) with their versions. */
export type VenueDocuments = Schemas['VenueDocumentsView'];
export type VenueDocument = Schemas['VenueDocumentView'];
export type DocumentVersion = Schemas['DocumentVersionView'];

/** Press accreditation: what the public form shows of a venue, and a venue's requests for organizers. */
export type PressVenue = Schemas['PressVenueView'];
export type PressAccreditation = Schemas['PressAccreditationView'];
export type PressAccreditationList = Schemas['PressAccreditationListView'];
/** The festival day's live board (issue 20). */
export type DayBoard = Schemas['DayBoardView'];
export type DayBoardEntry = Schemas['DayBoardEntryView'];
export type VenueDayState = Schemas['VenueDayStateView'];
export type DayStateName = Schemas['DayState'];
