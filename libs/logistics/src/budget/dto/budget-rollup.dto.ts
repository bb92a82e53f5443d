import type { BudgetTotals } from '../budget-rules';

/** Estimate against actual cost of a set of budget lines (amounts in whole đồng). */
export class BudgetTotalsView implements BudgetTotals {
  lines: number;
  linesWithActual: number;
  /** Dự toán: the estimate of every line. */
  planned: number;
  /** Thực chi: null while no line of the group has an actual cost. */
  actual: number | null;
  /** The estimate the actual cost is compared with (settled lines). */
  settledPlanned: number;
  /** Chênh lệch = actual − estimate, over settled lines; > 0 overspent, < 0 saved; null if none settled. */
  variance: number | null;
  /** variance / settledPlanned, in percent with one decimal; null when there is nothing to divide by. */
  variancePct: number | null;
  /** Share of the whole estimate already spent (0–1, three decimals); null when the estimate is 0. */
  spentShare: number | null;
}

/** The totals of a region, province, category, funding source or the whole edition. */
export class BudgetGroup extends BudgetTotalsView {
  /** The edition id, a region, a province code, a category or a funding source. */
  key: string;
  name: string;
  venues: number;
}

export class VenueBudget extends BudgetTotalsView {
  venueId: string;
  name: string;
  provinceCode: string;
}

/**
 * An edition's budget rolled up without the venues (organizers: their province only); each province's
 * venues are a page of their own (BudgetProvincePage). Read from the roll-up tables (issue 21).
 */
export class BudgetSummary {
  editionId: string;
  /** The variance rule, as applied (see budget-rules.ts). */
  rule: string;
  edition: BudgetGroup;
  regions: BudgetGroup[];
  provinces: BudgetGroup[];
  categories: BudgetGroup[];
  fundingSources: BudgetGroup[];
}

/** One province's page of the budget roll-up: its totals and each of its counted venues, by name. */
export class BudgetProvincePage {
  editionId: string;
  /** The province's totals, the same as its row in the summary. */
  province: BudgetGroup;
  venues: VenueBudget[];
}

/** An edition's budget rolled up with every venue (the plan export's budget sheet). */
export class BudgetRollup {
  editionId: string;
  /** The variance rule, as applied (see budget-rules.ts). */
  rule: string;
  edition: BudgetGroup;
  regions: BudgetGroup[];
  provinces: BudgetGroup[];
  venues: VenueBudget[];
  categories: BudgetGroup[];
  fundingSources: BudgetGroup[];
}
