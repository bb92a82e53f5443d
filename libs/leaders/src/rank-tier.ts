/**
 * Leaders' rank tiers and their Vietnamese names: a pure file (no decorators, no Node imports), so the
 * web console reads the same definitions as the API.
 */

export enum RankTier {
  Politburo = 'politburo',
  Secretariat = 'secretariat',
  CentralCommittee = 'central_committee',
  Ministerial = 'ministerial',
  Provincial = 'provincial',
  Other = 'other',
}

export const RANK_TIER_ORDER: readonly RankTier[] = Object.values(RankTier);

export const RANK_TIER_NAMES: Record<RankTier, string> = {
  [RankTier.Politburo]: 'Ủy viên Bộ Chính trị',
  [RankTier.Secretariat]: 'Bí thư Trung ương Đảng',
  [RankTier.CentralCommittee]: 'Ủy viên Trung ương Đảng',
  [RankTier.Ministerial]: 'Lãnh đạo cấp bộ',
  [RankTier.Provincial]: 'Lãnh đạo cấp tỉnh',
  [RankTier.Other]: 'Khác',
};

/** The lowest rank a chief guest at a central festival point may hold (ministers and above). */
export const CENTRAL_CHIEF_GUEST_MIN_TIER = RankTier.Ministerial;
