import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { type IsoDate, pageOf } from '@app/common';
import { VenueTier } from '@app/venues';
import type { LeaderRef, PlanComparisonRow, VenuePlan } from '../plan-comparison';
import { PlanningRunStatus } from '../planning-run.entity';
import type { Explanation, ObjectiveBreakdown, PlanRole, PreferenceCosts, SlackUse } from '../planning.types';
import type { ProposedAssignment } from '../stored-result';
import type { AssignmentChange, ChangeKind } from '../repair';

/*
 * What a planner sees of a planning run, as classes the OpenAPI document describes. The planning
 * domain keeps its plain interfaces (planning.types.ts, repair.ts, plan-comparison.ts); each class
 * here implements the interface it shows, so the two cannot drift apart.
 */

export class RunProgress {
  /** Sub-problems solved so far (provinces, or 1 for a national run). */
  done: number;
  total: number;
}

export class ProposedAssignmentView implements ProposedAssignment {
  venueId: string;
  venueName: string;
  leaderId: string;
  leaderName: string;
  date: IsoDate;
  role: PlanRole;
}

/** Weighted preference costs; their sum is what the solver minimises once every venue it can cover is covered. */
export class PreferenceCostsView implements PreferenceCosts {
  homeTies: number;
  preferredDate: number;
  priorityArea: number;
  spread: number;
  travel: number;
}

/** A venue's assignments' costs and its share of its date's spread cost. */
export class VenueCosts extends PreferenceCostsView {
  total: number;
}

@ApiExtraModels(VenueCosts)
export class ObjectiveBreakdownView implements ObjectiveBreakdown {
  /** Sum of `preferences`. */
  preferenceTotal: number;
  preferences: PreferenceCostsView;
  /** Per venue id. */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(VenueCosts) }, description: 'Costs per venue id.' })
  perVenue: Record<string, VenueCosts>;
  uncoveredVenues: number;
  missingAccompanying: number;
}

/** Why a venue (or its accompanying leaders) could not be covered, for planners. */
export class ExplanationView implements Explanation {
  venueId: string;
  /** Machine code, e.g. `NO_LEADER_OF_TIER`, `CAPACITY_TOP_TIER_DAY`, `PIN_LEADER_UNAVAILABLE`. */
  code: string;
  /** Vietnamese, with the names of the venue, leaders and dates involved. */
  message: string;
  details: Record<string, unknown>;
}

/** A named slack variable of the model with a non-zero value (`uncovered_*`, `short_*`, `changed_*`, `relax_*`…). */
export class SlackUseView implements SlackUse {
  name: string;
  value: number;
}

export class SolveStatsView {
  triples: number;
  columns: number;
  rows: number;
  solves: number;
  seconds: number;
  /** The solver's lexicographic objective (penalties weighted, plus preferences). */
  objective: number;
  /** The LP-relaxation bound of that objective; null when the LP did not solve. */
  bound: number | null;
}

export class AssignmentChangeBefore {
  date: IsoDate | null;
}

export class AssignmentChangeAfter {
  leaderId: string | null;
  date: IsoDate | null;
}

/** An assignment of the plan in force that the proposal changes. */
export class AssignmentChangeView implements AssignmentChange {
  kind: ChangeKind;
  venueId: string;
  /** leader_replaced: the leader who no longer holds the role; date_moved: the venue's chief guest before. */
  leaderId: string;
  role: PlanRole;
  before: AssignmentChangeBefore;
  /** leader_replaced: the new holder of the role (chief guest) or null; date_moved: the new date, or null if uncovered. */
  after: AssignmentChangeAfter;
  fixed?: 'locked' | 'accepted';
  /** Why keeping it was impossible, when the change was forced by the new data. */
  forcedBy?: string;
}

export class LeaderRefView implements LeaderRef {
  id: string;
  name: string;
}

export class VenuePlanView implements VenuePlan {
  date: IsoDate | null;
  chiefGuest: LeaderRefView | null;
  accompanying: LeaderRefView[];
}

/** One venue of the planning board: the plan in force next to the proposal. */
export class PlanComparisonRowView implements PlanComparisonRow {
  venueId: string;
  venueName: string;
  provinceCode: string;
  current: VenuePlanView;
  proposed: VenuePlanView;
  /** Accepting the proposal would change this venue's date or leaders. */
  changed: boolean;
}

/**
 * What a planner sees of a run: its state and progress, then (once solved) the proposal, why venues
 * stay uncovered, and what it changes.
 */
export class PlanningRunView {
  id: string;
  editionId: string;
  status: PlanningRunStatus;
  progress: RunProgress;
  failure: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  /** Once solved: every planned venue, the plan in force next to the proposal (the planning board). */
  comparison?: PlanComparisonRowView[];
  /** Once solved: repair of the plan in force, or a plan from scratch. */
  mode?: 'fresh' | 'repair';
  /** Once solved: `optimal`, or `time_limit` when the solver stopped at its time limit. */
  solverStatus?: string;
  assignments?: ProposedAssignmentView[];
  /** Provinces planned one by one (tiers below central), or null for one national instance. */
  provinces?: number | null;
  /** Date of each covered venue (the date of its chief guest), by venue id. */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Date of each covered venue (the date of its chief guest), by venue id.',
  })
  venueDates?: Record<string, IsoDate>;
  objective?: ObjectiveBreakdownView;
  /** Venues without a chief guest, or short of accompanying leaders, each with the rule that blocks it. */
  explanations?: ExplanationView[];
  slacks?: SlackUseView[];
  stats?: SolveStatsView;
  /** Assignments of the plan in force the proposal changes. */
  changes?: AssignmentChangeView[];
  /** Fixed (locked or accepted) assignments the proposal had to change. */
  brokenFixed?: AssignmentChangeView[];
  /** Vietnamese summary for planners. */
  summary?: string;
}

/** A run in the list of an edition's runs: its state and headline figures, not the proposal. */
export class PlanningRunSummary {
  id: string;
  status: PlanningRunStatus;
  progress: RunProgress;
  venueTier: VenueTier;
  mode: 'fresh' | 'repair' | null;
  summary: string | null;
  uncoveredVenues: number | null;
  /** How many assignments of the plan in force the proposal changes. */
  changes: number | null;
  failure: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
}

export class PlanningRunSummaryPage extends pageOf(PlanningRunSummary) {}
