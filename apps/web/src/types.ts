/** The API's shapes as the console uses them (see /docs/openapi.json). */
import type { VenueStatus, VenueTier } from '@shared/venues/src/venue.enums';
import type { Region } from '@shared/provinces/src/region';
import type { RankTier } from '@shared/leaders/src/rank-tier';
import type { EditionStatus } from '@shared/editions/src/edition-status';

export type Role = 'central_planner' | 'provincial_organizer' | 'viewer';

export interface User {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  provinceCode: string | null;
}

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: User;
}

export interface ConsoleSettings {
  mapTileUrl: string;
  mapTileAttribution: string;
  timeZone: string;
}

export interface Province {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  defaultRegion: Region;
}

export interface Edition {
  id: string;
  year: number;
  theme: string;
  windowStart: string;
  windowEnd: string;
  nationalDay: string;
  status: EditionStatus;
  version: number;
}

export interface Venue {
  id: string;
  editionId: string;
  name: string;
  tier: VenueTier;
  coHost: string | null;
  provinceCode: string;
  communeName: string;
  hamletName: string | null;
  hostKind: string;
  address: string;
  latitude: number;
  longitude: number;
  region: Region;
  areaFlags: string[];
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  expectedAttendance: number;
  candidateDates: string[];
  status: VenueStatus;
  statusReason: string | null;
  scheduledDate: string | null;
  startTime: string | null;
  endTime: string | null;
  version: number;
}

/**
 * What POST /api/venues and PATCH /api/venues/:id accept (an edit sends only what changed). `null`
 * empties an optional field; numbers the user typed badly go as typed, so the API's message shows.
 */
export interface VenueInput {
  name?: string;
  tier?: VenueTier;
  coHost?: string | null;
  provinceCode?: string;
  communeName?: string;
  hamletName?: string | null;
  hostKind?: string | null;
  address?: string;
  latitude?: number | string | null;
  longitude?: number | string | null;
  region?: Region;
  areaFlags?: string[];
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  expectedAttendance?: number | string | null;
  candidateDates?: string[];
}

export type AssignmentRole = 'chief_guest' | 'accompanying';

/** A leader as planners see them (GET /api/leaders): contacts, preferences and availability included. */
export interface Leader {
  id: string;
  fullName: string;
  position: string;
  rankTier: RankTier;
  organisation: string;
  officeEmail: string;
  officePhone: string | null;
  homeProvinceCode: string | null;
  /** Where the leader works and travels from; null = Hà Nội. */
  baseProvinceCode: string | null;
  preferredDates: string[];
  unavailability: Array<{ startDate: string; endDate: string; reason: string | null }>;
  active: boolean;
  version: number;
}

/** A leader's part in an edition (GET /api/editions/:id/leaders): the title used that year. */
export interface LeaderParticipation {
  leaderId: string;
  title: string;
  maxAppearances: number;
}

/** A leader assigned to a venue (GET /api/venues/:id/leaders), the chief guest first. */
export interface VenueLeader {
  leaderId: string;
  fullName: string;
  title: string;
  rankTier: RankTier;
  role: AssignmentRole;
}

export type ProgrammePart = 'ceremony' | 'festivities';

export interface ProgrammeItem {
  id: string;
  venueId: string;
  part: ProgrammePart;
  title: string;
  startTime: string;
  endTime: string;
  presenter: string | null;
  notes: string | null;
  version: number;
}

export type TaskStatus = 'todo' | 'in_progress' | 'blocked' | 'done';

export interface Task {
  id: string;
  title: string;
  responsibleUnit: string;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: TaskStatus;
  blockedReason: string | null;
  doneAt: string | null;
  weight: number;
  prerequisiteIds: string[];
  version: number;
}

export interface BudgetLine {
  id: string;
  category: string;
  description: string;
  plannedVnd: number;
  actualVnd: number | null;
  fundingSource: string;
  notes: string | null;
  version: number;
}

export type InvitationStatus = 'draft' | 'queued' | 'sent' | 'accepted' | 'declined' | 'substitute_proposed' | 'withdrawn';

export interface Invitation {
  id: string;
  editionId: string;
  venueId: string;
  leaderId: string | null;
  delegateName: string;
  delegateTitle: string | null;
  delegateEmail: string;
  role: AssignmentRole;
  status: InvitationStatus;
  sequence: number;
  answeredAt: string | null;
  answeredVia: 'rsvp' | 'calendar' | 'planner' | null;
  substitute: { name: string; position: string; contact: string } | null;
  withdrawnReason: string | null;
  createdAt: string;
  version: number;
}

export interface InvitationDetail extends Invitation {
  messages: Array<{ id: string; kind: string; method: string; sequence: number; status: string; attempts: number; lastError: string | null; sentAt: string | null }>;
}

export interface ComposedMessage {
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  method: 'REQUEST' | 'CANCEL';
  ics: string;
}

export type Readiness = 'on_track' | 'at_risk' | 'late';

export interface DashboardGroup {
  key: string;
  name: string;
  venues: number;
  onTrack: number;
  atRisk: number;
  late: number;
  doneShare: number;
  overdue: number;
  blocked: number;
}

export interface Dashboard {
  editionId: string;
  today: string;
  rule: string;
  edition: DashboardGroup;
  regions: DashboardGroup[];
  provinces: DashboardGroup[];
  venuesAtRiskTotal: number;
  venuesAtRisk: Array<{ venueId: string; name: string; provinceCode: string; date: string | null; doneShare: number; tasks: number; overdue: number; blocked: number; status: Readiness }>;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string;
  entityType: string;
  entityId: string;
  action: 'create' | 'update' | 'transition' | 'delete';
  changes: Record<string, { before: unknown; after: unknown }>;
  note: string | null;
}

/** One line of an edition's task template (GET/PUT /api/editions/:id/task-template). */
export interface TaskTemplateLine {
  code: string;
  title: string;
  responsibleUnit: string;
  /** Days from the venue date: −30 is D-30. */
  offsetDays: number;
  weight: number;
  /** Codes of the lines that must be done first. */
  dependsOn: string[];
}

export interface TaskTemplate {
  editionId: string;
  /** True while the edition uses the built-in checklist (nothing saved for it yet). */
  isDefault: boolean;
  /** Identifies the content read; saving over a template changed since is refused (409 VERSION_CONFLICT). */
  revision: string;
  items: TaskTemplateLine[];
}

/** An edition's reminder policy (GET/PUT /api/editions/:id/reminder-policy), offsets largest first. */
export interface ReminderPolicy {
  editionId: string;
  /** Minutes before a delegate's event. */
  delegateOffsetsMinutes: number[];
  /** Days before a logistics task's deadline (08:00 local; 0 = on the day). */
  taskOffsetsDays: number[];
  /** Days before a venue's festival day (08:00 local). */
  venueOffsetsDays: number[];
  /** Hours after a task's deadline before it goes to the province (N), then the centre (2N); 0 = never. */
  escalationHours: number;
  /** True while the edition uses the built-in policy (nothing saved for it yet). */
  isDefault: boolean;
  version: number | null;
}

/** Budget totals of a group of lines (GET /api/editions/:id/budget; see budget-rules.ts). */
export interface BudgetTotals {
  lines: number;
  linesWithActual: number;
  planned: number;
  actual: number | null;
  settledPlanned: number;
  /** Actual − estimate over the settled lines: > 0 overspent, < 0 saved. */
  variance: number | null;
  variancePct: number | null;
  spentShare: number | null;
}

export interface BudgetGroup extends BudgetTotals {
  key: string;
  name: string;
  venues: number;
}

export interface BudgetRollup {
  editionId: string;
  rule: string;
  edition: BudgetGroup;
  regions: BudgetGroup[];
  provinces: BudgetGroup[];
  venues: Array<BudgetTotals & { venueId: string; name: string; provinceCode: string }>;
  categories: BudgetGroup[];
  fundingSources: BudgetGroup[];
}
