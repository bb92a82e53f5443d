/**
 * Commune festivals are planned province by province: each province's venues with its own officials
 * (the leaders whose home province it is), as independent sub-problems. Splitting and merging are
 * plain functions, tested without a solver.
 */
import type { PlanningInstance, PlanningResult, PreferenceCosts } from './planning.types';
import type { AssignmentChange } from './repair';

/** What one solve (fresh or repair) gives: the result and how it differs from the plan in force. */
export type PlanOutcome = PlanningResult & { changes: AssignmentChange[]; brokenFixed: AssignmentChange[]; summary: string };

/** One instance per province that has venues, keyed by province code (in code order). */
export function splitByProvince(instance: PlanningInstance): Record<string, PlanningInstance> {
  const codes = [...new Set(instance.venues.map((venue) => venue.provinceCode))].sort();
  return Object.fromEntries(
    codes.map((code) => {
      const venues = instance.venues.filter((venue) => venue.provinceCode === code);
      const ids = new Set(venues.map((venue) => venue.id));
      const here = <T extends { venueId: string }>(items: readonly T[] | undefined) => (items ?? []).filter((item) => ids.has(item.venueId));
      return [
        code,
        {
          venues,
          leaders: instance.leaders.filter((leader) => leader.homeProvinceCode === code),
          settings: instance.settings,
          leaderPins: here(instance.leaderPins),
          datePins: here(instance.datePins),
          bans: here(instance.bans),
          current: here(instance.current),
        },
      ];
    }),
  );
}

const sumCosts = (items: PreferenceCosts[]): PreferenceCosts => ({
  homeTies: items.reduce((sum, item) => sum + item.homeTies, 0),
  preferredDate: items.reduce((sum, item) => sum + item.preferredDate, 0),
  priorityArea: items.reduce((sum, item) => sum + item.priorityArea, 0),
  spread: items.reduce((sum, item) => sum + item.spread, 0),
  travel: items.reduce((sum, item) => sum + item.travel, 0),
});

/** The provinces' outcomes as one: plans, dates, explanations and changes joined; costs and sizes summed. */
export function mergeOutcomes(outcomes: readonly PlanOutcome[]): PlanOutcome {
  const changes = outcomes.flatMap((outcome) => outcome.changes);
  const uncovered = outcomes.reduce((sum, outcome) => sum + outcome.objective.uncoveredVenues, 0);
  const assignments = outcomes.flatMap((outcome) => outcome.plan.assignments);
  const preferences = sumCosts(outcomes.map((outcome) => outcome.objective.preferences));
  return {
    status: outcomes.every((outcome) => outcome.status === 'optimal') ? 'optimal' : 'time_limit',
    plan: { assignments },
    venueDates: Object.fromEntries(outcomes.flatMap((outcome) => Object.entries(outcome.venueDates))),
    objective: {
      preferenceTotal: outcomes.reduce((sum, outcome) => sum + outcome.objective.preferenceTotal, 0),
      preferences,
      perVenue: Object.fromEntries(outcomes.flatMap((outcome) => Object.entries(outcome.objective.perVenue))),
      uncoveredVenues: uncovered,
      missingAccompanying: outcomes.reduce((sum, outcome) => sum + outcome.objective.missingAccompanying, 0),
    },
    explanations: outcomes.flatMap((outcome) => outcome.explanations),
    slacks: outcomes.flatMap((outcome) => outcome.slacks),
    changes,
    brokenFixed: outcomes.flatMap((outcome) => outcome.brokenFixed),
    summary: `${outcomes.length} tỉnh, thành phố: ${assignments.length} phân công, ${changes.length} thay đổi so với kế hoạch hiện hành, ${uncovered} điểm chưa có người dự.`,
    stats: {
      triples: outcomes.reduce((sum, outcome) => sum + outcome.stats.triples, 0),
      columns: outcomes.reduce((sum, outcome) => sum + outcome.stats.columns, 0),
      rows: outcomes.reduce((sum, outcome) => sum + outcome.stats.rows, 0),
      solves: outcomes.reduce((sum, outcome) => sum + outcome.stats.solves, 0),
      seconds: outcomes.reduce((sum, outcome) => sum + outcome.stats.seconds, 0),
      objective: outcomes.reduce((sum, outcome) => sum + outcome.stats.objective, 0),
      bound: outcomes.reduce((sum, outcome) => sum + outcome.stats.bound, 0),
    },
  };
}
