/** The planning API's shapes as the planning board uses them (see libs/planning: PlanningRunView, PlanningRunSummary). */
import type { PreferenceName } from '@shared/planning/src/planning-weights';
import type { RankTier } from '@shared/leaders/src/rank-tier';
import type { VenueTier } from '@shared/venues/src/venue.enums';

export type PlanningRunStatus = 'queued' | 'solving' | 'failed' | 'proposed' | 'accepted' | 'superseded';
export type PlanRole = 'chief_guest' | 'accompanying';

export interface LeaderRef {
  id: string;
  name: string;
}

export interface VenuePlan {
  date: string | null;
  chiefGuest: LeaderRef | null;
  accompanying: LeaderRef[];
}

export interface PlanComparisonRow {
  venueId: string;
  venueName: string;
  provinceCode: string;
  current: VenuePlan;
  proposed: VenuePlan;
  changed: boolean;
}

export type PreferenceCosts = Record<PreferenceName, number>;

export interface PlanningRun {
  id: string;
  editionId: string;
  status: PlanningRunStatus;
  progress: { done: number; total: number };
  failure: string | null;
  createdAt: string;
  acceptedAt: string | null;
  mode?: 'fresh' | 'repair';
  solverStatus?: string;
  summary?: string;
  provinces?: number | null;
  objective?: {
    preferenceTotal: number;
    preferences: PreferenceCosts;
    perVenue: Record<string, PreferenceCosts & { total: number }>;
    uncoveredVenues: number;
    missingAccompanying: number;
  };
  explanations?: { venueId: string; code: string; message: string }[];
  changes?: { kind: string; venueId: string; forcedBy?: string }[];
  brokenFixed?: { venueId: string }[];
  stats?: { seconds: number; triples: number };
  comparison?: PlanComparisonRow[];
}

export interface PlanningRunSummary {
  id: string;
  status: PlanningRunStatus;
  progress: { done: number; total: number };
  venueTier: VenueTier;
  mode: 'fresh' | 'repair' | null;
  summary: string | null;
  uncoveredVenues: number | null;
  changes: number | null;
  failure: string | null;
  createdAt: string;
  acceptedAt: string | null;
}

/** The request body of POST /editions/:id/planning-runs (CreatePlanningRunDto). */
export interface PlanningRunRequest {
  venueTier?: VenueTier;
  defaultRequiredTier?: RankTier;
  fresh?: boolean;
  weights?: Partial<Record<PreferenceName, number | string>>;
  maxTopTierPerDay?: number | string;
  maxTopTierPerProvinceDay?: number | string;
  leaderPins?: { leaderId: string; venueId: string; role: PlanRole }[];
  datePins?: { venueId: string; date: string }[];
  bans?: { leaderId: string; venueId: string }[];
}

/** A leader taking part in the edition, as the pins and bans lists offer them. */
export interface Participant {
  id: string;
  fullName: string;
  rankTier: RankTier;
  title: string;
}
