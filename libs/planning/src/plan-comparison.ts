/**
 * The planning board's side-by-side view: for every venue a run planned, the plan in force (what the
 * run started from) next to the proposal, and whether accepting would change it. Pure: names come in
 * as maps, so the service does the lookups and this stays testable without a database.
 */
import type { IsoDate } from '@app/common';
import type { PlanningBaseline } from './planning-run.entity';
import type { PlanAssignment, PlanRole } from './planning.types';

export interface LeaderRef {
  id: string;
  name: string;
}

export interface VenuePlan {
  date: IsoDate | null;
  chiefGuest: LeaderRef | null;
  accompanying: LeaderRef[];
}

export interface PlanComparisonRow {
  venueId: string;
  venueName: string;
  provinceCode: string;
  current: VenuePlan;
  proposed: VenuePlan;
  /** Accepting the proposal would change this venue's date or leaders. */
  changed: boolean;
}

export interface ComparisonNames {
  venues: ReadonlyMap<string, { name: string; provinceCode: string }>;
  leaders: ReadonlyMap<string, string>;
}

type RoleAssignment = { venueId: string; leaderId: string; role: PlanRole };

/** Assignments grouped by venue once (a commune-tier run has thousands of venues). */
function byVenue(assignments: readonly RoleAssignment[]): Map<string, RoleAssignment[]> {
  const grouped = new Map<string, RoleAssignment[]>();
  for (const assignment of assignments) {
    const list = grouped.get(assignment.venueId);
    if (list) list.push(assignment);
    else grouped.set(assignment.venueId, [assignment]);
  }
  return grouped;
}

function planOf(date: IsoDate | null, here: readonly RoleAssignment[], leaders: ReadonlyMap<string, string>): VenuePlan {
  const ref = (leaderId: string): LeaderRef => ({ id: leaderId, name: leaders.get(leaderId) ?? leaderId });
  const chief = here.find((assignment) => assignment.role === 'chief_guest');
  return {
    date,
    chiefGuest: chief ? ref(chief.leaderId) : null,
    accompanying: here
      .filter((assignment) => assignment.role === 'accompanying')
      .map((assignment) => ref(assignment.leaderId))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}

function samePlan(a: VenuePlan, b: VenuePlan): boolean {
  const people = (plan: VenuePlan) => [plan.chiefGuest?.id ?? '', ...plan.accompanying.map((leader) => leader.id).sort()].join(',');
  return a.date === b.date && people(a) === people(b);
}

/**
 * One row per venue the run planned, ordered by the proposed date (venues left without one last),
 * then province and name. A venue the proposal leaves uncovered keeps its current date on acceptance,
 * so its proposed date is shown as the current one.
 */
export function comparePlans(
  baseline: PlanningBaseline,
  proposal: { assignments: readonly PlanAssignment[]; venueDates: Readonly<Record<string, IsoDate>> },
  names: ComparisonNames,
): PlanComparisonRow[] {
  const currentByVenue = byVenue(baseline.assignments);
  const proposedByVenue = byVenue(proposal.assignments);
  const rows = Object.entries(baseline.venueDates).map(([venueId, currentDate]): PlanComparisonRow => {
    const venue = names.venues.get(venueId);
    const current = planOf(currentDate, currentByVenue.get(venueId) ?? [], names.leaders);
    const proposed = planOf(proposal.venueDates[venueId] ?? currentDate, proposedByVenue.get(venueId) ?? [], names.leaders);
    return { venueId, venueName: venue?.name ?? venueId, provinceCode: venue?.provinceCode ?? '', current, proposed, changed: !samePlan(current, proposed) };
  });
  return rows.sort(
    (a, b) =>
      (a.proposed.date ?? '9999').localeCompare(b.proposed.date ?? '9999') ||
      a.provinceCode.localeCompare(b.provinceCode) ||
      a.venueName.localeCompare(b.venueName, 'vi'),
  );
}
