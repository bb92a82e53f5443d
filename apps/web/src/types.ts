/** The API's shapes as the console uses them (see /docs/openapi.json). */
import type { VenueStatus, VenueTier } from '@shared/venues/src/venue.enums';
import type { Region } from '@shared/provinces/src/region';

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
}

export interface Edition {
  id: string;
  year: number;
  theme: string;
  windowStart: string;
  windowEnd: string;
  nationalDay: string;
  status: string;
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
  role: 'chief_guest' | 'accompanying';
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
