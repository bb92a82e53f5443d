/**
 * The planner-tunable preferences: their default weights and Vietnamese names. A pure file (no
 * imports), so the web console's planning board shows the same defaults and names the solver uses.
 */
export const DEFAULT_WEIGHTS = { homeTies: 3, preferredDate: 2, priorityArea: 4, spread: 2, travel: 1 } as const;

export type PreferenceName = keyof typeof DEFAULT_WEIGHTS;

export const PREFERENCE_NAMES: Record<PreferenceName, string> = {
  homeTies: 'Gắn bó với địa phương',
  preferredDate: 'Ngày lãnh đạo mong muốn',
  priorityArea: 'Ưu tiên địa bàn khó khăn',
  spread: 'Dàn đều theo ngày',
  travel: 'Quãng đường di chuyển',
};

/** Defaults of the top-tier caps (close protection): K a day nationwide, and per province a day. */
export const DEFAULT_TOP_TIER_CAPS = { maxTopTierPerDay: 3, maxTopTierPerProvinceDay: 1 } as const;
