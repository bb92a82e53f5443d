import type { IsoDate } from '@app/common';
import type { VenueReadiness } from '../readiness-rules';
import type { Readiness } from '../readiness.enums';

/** How far a venue's preparation is, by the readiness rule of task-rules.ts. */
export class VenueReadinessView implements VenueReadiness {
  /** Share of the work (by task weight) done, 0–1 with three decimals; 1 for a venue without tasks. */
  doneShare: number;
  tasks: number;
  /** Open tasks past their deadline. */
  overdue: number;
  blocked: number;
  status: Readiness;
}

/** Readiness of a group of venues (the edition, a region, a province). */
export class DashboardGroup {
  /** The edition id, a region or a province code. */
  key: string;
  name: string;
  venues: number;
  onTrack: number;
  atRisk: number;
  late: number;
  /** Share of the group's work (by task weight) done, 0–1 with three decimals. */
  doneShare: number;
  overdue: number;
  blocked: number;
}

export class VenueAtRisk extends VenueReadinessView {
  venueId: string;
  name: string;
  provinceCode: string;
  date: IsoDate | null;
}

/** The readiness dashboard of an edition (organizers: their province only). */
export class Dashboard {
  editionId: string;
  /** The day the figures were computed for (Asia/Ho_Chi_Minh). */
  today: IsoDate;
  /** The readiness rule, as applied (see task-rules.ts). */
  rule: string;
  edition: DashboardGroup;
  regions: DashboardGroup[];
  provinces: DashboardGroup[];
  /** Venues late or at risk, in all; the list below shows the most urgent VENUES_AT_RISK_SHOWN (late first, then by date). */
  venuesAtRiskTotal: number;
  venuesAtRisk: VenueAtRisk[];
}
