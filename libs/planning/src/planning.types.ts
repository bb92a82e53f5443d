/**
 * The planning problem as plain data: who may be chief guest (or accompany) where and when. Nothing
 * here knows about Nest, TypeORM or HTTP; the service builds a `PlanningInstance` from the database
 * and the solver, checker, greedy baseline and explanations all read only this shape.
 */
import type { IsoDate } from '@app/common';
import type { Region } from '@app/provinces';
import type { AreaFlag } from '@app/venues';

/** Same values as the `assignment_role` enum of `venue_leader_assignments`. */
export type PlanRole = 'chief_guest' | 'accompanying';

export interface PlanningVenue {
  id: string;
  name: string;
  provinceCode: string;
  region: Region;
  areaFlags: readonly AreaFlag[];
  /**
   * Lowest rank the chief guest may hold, as a tier rank (0 = the highest tier, e.g. Politburo; larger is
   * lower). A leader qualifies when `leader.tierRank <= requiredTierRank`.
   */
  requiredTierRank: number;
  /** Dates the province proposes; only those inside the edition window are ever used. */
  candidateDates: readonly IsoDate[];
  latitude: number;
  longitude: number;
  /** Hours from the nearest airport or main road to the venue (border posts, islands); default 0. */
  accessHours?: number;
  /** Accompanying leaders the venue asks for besides the chief guest (N); default 0. */
  accompanying?: number;
  /** Lowest rank an accompanying leader may hold; default: any rank. */
  accompanyingTierRank?: number;
}

export interface PlanningLeader {
  id: string;
  name: string;
  /** 0 = the highest tier; see `PlanningVenue.requiredTierRank`. */
  tierRank: number;
  homeProvinceCode: string | null;
  /** Provinces the leader has other ties to (worked there, steering-committee area). */
  tieProvinceCodes?: readonly string[];
  baseLatitude: number;
  baseLongitude: number;
  /** Every date the leader can attend; dates outside the window are ignored. */
  availableDates: readonly IsoDate[];
  /** Appearances per edition, chief or accompanying; default 1. */
  maxAppearances?: number;
  preferredDates?: readonly IsoDate[];
}

/**
 * Planner-tunable weights. Each preference costs between 0 and about 1 per assignment (or per venue
 * over the daily target, for spread) before it is multiplied by its weight; 0 switches it off.
 */
export interface PlanningWeights {
  /** Chief or accompanying leader not from the venue's province (0.5 when only tied to it). */
  homeTies: number;
  /** Assignment on a date the leader did not prefer (only for leaders who gave preferred dates). */
  preferredDate: number;
  /** Lower-tier chief guest at a venue in a priority region or with area flags. */
  priorityArea: number;
  /** Each venue beyond the fair daily share on one date (doubled beyond twice the share). */
  spread: number;
  /** Distance from the leader's base, per 1,000 km. */
  travel: number;
}

export interface TravelSettings {
  /** Average road speed, km/h, applied to the great-circle distance times `roadFactor`. */
  roadKmh: number;
  roadFactor: number;
  /** Flight: fixed overhead (to and from airports) plus great-circle distance at `flightKmh`. */
  flightKmh: number;
  flightOverheadHours: number;
  /** Hours of travel a leader can do in one day; two appearances need ceil(hours / budget) days between them. */
  dayBudgetHours: number;
}

export interface PlanningSettings {
  windowStart: IsoDate;
  windowEnd: IsoDate;
  /** Leaders with `tierRank <= topTierMaxRank` need close protection and count against the caps below. */
  topTierMaxRank: number;
  /** K: top-tier appearances on one day nationwide. */
  maxTopTierPerDay: number;
  /** Top-tier appearances in one province on one day. */
  maxTopTierPerProvinceDay: number;
  travel: TravelSettings;
  weights: PlanningWeights;
  /** Solver wall-clock limit per solve, seconds. */
  timeLimitSeconds: number;
  /** Relative MIP gap at which HiGHS may stop (1e-6 ≈ proven optimum). */
  mipRelGap: number;
}

/** A leader fixed to a venue (as chief guest unless said otherwise). */
export interface LeaderPin {
  leaderId: string;
  venueId: string;
  role?: PlanRole;
}

/** A venue fixed to a date. */
export interface DatePin {
  venueId: string;
  date: IsoDate;
}

/** A leader who must never attend a venue. */
export interface Ban {
  leaderId: string;
  venueId: string;
}

export interface PlanAssignment {
  venueId: string;
  leaderId: string;
  date: IsoDate;
  role: PlanRole;
}

/**
 * An assignment of the plan in force; `fixed` ones are only changed when no other plan exists. `date` is
 * null while the venue has no date yet (the leader is kept, the date is free).
 */
export interface CurrentAssignment extends Omit<PlanAssignment, 'date'> {
  date: IsoDate | null;
  fixed?: 'locked' | 'accepted';
}

export interface PlanningInstance {
  venues: readonly PlanningVenue[];
  leaders: readonly PlanningLeader[];
  settings: PlanningSettings;
  leaderPins?: readonly LeaderPin[];
  datePins?: readonly DatePin[];
  bans?: readonly Ban[];
  /** The plan in force, for repair; without it the solver plans from scratch. */
  current?: readonly CurrentAssignment[];
}

export interface Plan {
  assignments: PlanAssignment[];
}

/** Weighted preference costs; their sum is what the solver minimises once every venue it can cover is covered. */
export interface PreferenceCosts {
  homeTies: number;
  preferredDate: number;
  priorityArea: number;
  spread: number;
  travel: number;
}

export interface ObjectiveBreakdown {
  /** Sum of `preferences`. */
  preferenceTotal: number;
  preferences: PreferenceCosts;
  /** Per venue: its assignments' costs and its share of its date's spread cost. */
  perVenue: Record<string, PreferenceCosts & { total: number }>;
  uncoveredVenues: number;
  missingAccompanying: number;
}

/** Why a venue (or its accompanying leaders) could not be covered, for planners. */
export interface Explanation {
  venueId: string;
  /** Machine code, e.g. `NO_LEADER_OF_TIER`, `CAPACITY_TOP_TIER_DAY`, `PIN_LEADER_UNAVAILABLE`. */
  code: string;
  /** Vietnamese, with the names of the venue, leaders and dates involved. */
  message: string;
  details: Record<string, unknown>;
}

export interface SlackUse {
  name: string;
  value: number;
}

export type SolveStatus = 'optimal' | 'time_limit';

export interface PlanningResult {
  status: SolveStatus;
  plan: Plan;
  /** Date of each covered venue (the date of its chief guest). */
  venueDates: Record<string, IsoDate>;
  objective: ObjectiveBreakdown;
  /** Venues without a chief guest, or short of accompanying leaders, each with the rule that blocks it. */
  explanations: Explanation[];
  /** Named slack variables with a non-zero value (`uncovered_*`, `short_*`, `changed_*`, `relax_*`…). */
  slacks: SlackUse[];
  stats: SolveStats;
}

export interface SolveStats {
  triples: number;
  columns: number;
  rows: number;
  solves: number;
  seconds: number;
  /** The solver's lexicographic objective (penalties weighted, plus preferences). */
  objective: number;
  /** The LP-relaxation bound of that objective; (objective − bound) / objective is the proven gap (−Infinity if the LP did not solve). */
  bound: number;
}
