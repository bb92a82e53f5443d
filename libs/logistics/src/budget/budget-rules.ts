/** Budget rules as plain functions: how estimates and actual costs add up. */

/** What a roll-up is computed from; SQL sums them per venue, province, region, edition. */
export interface BudgetSums {
  lines: number;
  /** Lines whose actual cost is recorded (settled). */
  linesWithActual: number;
  /** Estimate of every line. */
  planned: number;
  /** Estimate of the settled lines only. */
  settledPlanned: number;
  /** Actual cost of the settled lines. */
  actual: number;
}

export interface BudgetTotals {
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

/**
 * The variance rule, written down once. A line without an actual cost is not yet settled: it says
 * nothing about over- or under-spending, so comparing the actual total with the whole estimate would
 * show every unsettled line as a saving. Variance therefore compares like with like — the actual cost
 * of the settled lines against the estimate of those same lines — and `spentShare` (actual ÷ whole
 * estimate) tells how far through the budget the spending is. A settled line of 0 đ counts as settled.
 */
export const BUDGET_VARIANCE_RULE =
  'Chênh lệch = thực chi − dự toán, chỉ tính trên các khoản đã có thực chi (khoản chưa quyết toán không được coi là tiết kiệm); ' +
  'tỷ lệ chênh lệch = chênh lệch ÷ dự toán của các khoản đó; tỷ lệ đã chi = thực chi ÷ tổng dự toán.';

export function budgetTotals(sums: BudgetSums): BudgetTotals {
  const settled = sums.linesWithActual > 0;
  const variance = settled ? sums.actual - sums.settledPlanned : null;
  return {
    lines: sums.lines,
    linesWithActual: sums.linesWithActual,
    planned: sums.planned,
    actual: settled ? sums.actual : null,
    settledPlanned: sums.settledPlanned,
    variance,
    variancePct: variance === null || sums.settledPlanned === 0 ? null : Math.round((variance / sums.settledPlanned) * 1000) / 10,
    spentShare: sums.planned === 0 ? null : Math.round((sums.actual / sums.planned) * 1000) / 1000,
  };
}
