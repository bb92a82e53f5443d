import { BUDGET_CATEGORY_NAMES, BudgetCategory, FUNDING_SOURCE_NAMES, FundingSource } from './budget.enums';
import { budgetTotals } from './budget-rules';
import { MAX_VND, vndOf, vndTransformer } from './money';

describe('budget rules', () => {
  it('compares actual cost with the estimate of the settled lines only', () => {
    // Two lines: 30 tr settled at 32 tr; 20 tr not settled yet.
    const totals = budgetTotals({ lines: 2, linesWithActual: 1, planned: 50_000_000, settledPlanned: 30_000_000, actual: 32_000_000 });
    expect(totals).toEqual({
      lines: 2,
      linesWithActual: 1,
      planned: 50_000_000,
      actual: 32_000_000,
      settledPlanned: 30_000_000,
      variance: 2_000_000, // overspent on what is settled, not "18 tr saved"
      variancePct: 6.7,
      spentShare: 0.64,
    });
  });

  it('has no actual and no variance while nothing is settled, and a saving shows negative', () => {
    expect(budgetTotals({ lines: 3, linesWithActual: 0, planned: 10_000_000, settledPlanned: 0, actual: 0 })).toMatchObject({
      actual: null,
      variance: null,
      variancePct: null,
      spentShare: 0,
    });
    expect(budgetTotals({ lines: 1, linesWithActual: 1, planned: 8_000_000, settledPlanned: 8_000_000, actual: 6_000_000 })).toMatchObject({
      variance: -2_000_000,
      variancePct: -25,
      spentShare: 0.75,
    });
  });

  it('counts a line settled at 0 đ, and leaves percentages undefined against a 0 đ estimate', () => {
    expect(budgetTotals({ lines: 1, linesWithActual: 1, planned: 5_000_000, settledPlanned: 5_000_000, actual: 0 })).toMatchObject({
      actual: 0,
      variance: -5_000_000,
      variancePct: -100,
    });
    // An expense nobody planned for: the variance is the whole amount, its percentage has no base.
    expect(budgetTotals({ lines: 1, linesWithActual: 1, planned: 0, settledPlanned: 0, actual: 1_500_000 })).toMatchObject({
      variance: 1_500_000,
      variancePct: null,
      spentShare: null,
    });
    expect(budgetTotals({ lines: 0, linesWithActual: 0, planned: 0, settledPlanned: 0, actual: 0 })).toMatchObject({
      planned: 0,
      actual: null,
      spentShare: null,
    });
  });

  it('reads pg numerics as exact numbers of đồng and refuses what a number cannot hold', () => {
    expect(vndOf('45000000')).toBe(45_000_000);
    expect(vndOf(String(MAX_VND))).toBe(MAX_VND);
    expect(vndOf(null)).toBeNull();
    expect(vndTransformer.from('0')).toBe(0);
    expect(() => vndOf('9007199254740993')).toThrow(RangeError);
    expect(Number.isSafeInteger(MAX_VND * 9)).toBe(true); // nine lines at the cap still add up exactly
  });

  it('names every category and funding source in Vietnamese', () => {
    for (const category of Object.values(BudgetCategory)) expect(BUDGET_CATEGORY_NAMES[category]).toMatch(/\p{L}/u);
    for (const source of Object.values(FundingSource)) expect(FUNDING_SOURCE_NAMES[source]).toMatch(/\p{L}/u);
    expect(BUDGET_CATEGORY_NAMES[BudgetCategory.StageSoundDecor]).toBe('Sân khấu – âm thanh – khánh tiết');
    expect(FUNDING_SOURCE_NAMES[FundingSource.Socialized]).toBe('Xã hội hóa');
  });
});
