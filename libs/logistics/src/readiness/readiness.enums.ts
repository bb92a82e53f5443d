/**
 * A venue's readiness and its Vietnamese names. Pure (no decorators, no Node imports): the console
 * imports it as `@shared/logistics/src/readiness/readiness.enums`. The rule that decides it:
 * readiness-rules.ts.
 */

export type Readiness = 'on_track' | 'at_risk' | 'late';

/** From the best to the worst. */
export const READINESS_LEVELS: readonly Readiness[] = ['on_track', 'at_risk', 'late'];

export const READINESS_NAMES: Record<Readiness, string> = {
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ',
  late: 'Chậm',
};
