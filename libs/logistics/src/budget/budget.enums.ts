/**
 * A budget line's codes and their Vietnamese names. Pure (no decorators, no Node imports): the console
 * imports it as `@shared/logistics/src/budget/budget.enums`.
 */

export enum BudgetCategory {
  Security = 'security',
  Reception = 'reception',
  StageSoundDecor = 'stage_sound_decor',
  Transport = 'transport',
  Medical = 'medical',
  Gifts = 'gifts',
  Awards = 'awards',
  Performances = 'performances',
  Press = 'press',
  Other = 'other',
}

export const BUDGET_CATEGORY_NAMES: Record<BudgetCategory, string> = {
  [BudgetCategory.Security]: 'An ninh, bảo vệ',
  [BudgetCategory.Reception]: 'Lễ tân, đón tiếp đại biểu',
  [BudgetCategory.StageSoundDecor]: 'Sân khấu – âm thanh – khánh tiết',
  [BudgetCategory.Transport]: 'Phương tiện, đưa đón',
  [BudgetCategory.Medical]: 'Y tế',
  [BudgetCategory.Gifts]: 'Quà tặng',
  [BudgetCategory.Awards]: 'Khen thưởng',
  [BudgetCategory.Performances]: 'Văn nghệ',
  [BudgetCategory.Press]: 'Báo chí, tuyên truyền',
  [BudgetCategory.Other]: 'Chi khác',
};

export enum FundingSource {
  CentralBudget = 'central_budget',
  ProvincialBudget = 'provincial_budget',
  Socialized = 'socialized',
  Other = 'other',
}

export const FUNDING_SOURCE_NAMES: Record<FundingSource, string> = {
  [FundingSource.CentralBudget]: 'Ngân sách Trung ương',
  [FundingSource.ProvincialBudget]: 'Ngân sách địa phương',
  [FundingSource.Socialized]: 'Xã hội hóa',
  [FundingSource.Other]: 'Nguồn khác',
};
