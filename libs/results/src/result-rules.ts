/**
 * Results after the festival day (issue 20): when a venue may record its result, and how an edition's
 * report and the comparison of two editions are summed. Pure: the service gives the facts.
 */
import { formatVietnameseDate, type IsoDate } from '@app/common';
import { Region, REGION_NAMES } from '@app/provinces';
import { VenueStatus, VenueTier } from '@app/venues';

export interface ResultRefusal {
  code: 'VENUE_NOT_HELD' | 'RESULT_BEFORE_DAY';
  message: string;
}

/**
 * A result is recorded from the venue's day on, for a venue that took place (scheduled, or marked held).
 * Returns why not, or null when it may be recorded.
 */
export function resultRefusal(venue: { status: VenueStatus; scheduledDate: IsoDate | null }, today: IsoDate): ResultRefusal | null {
  if (venue.status !== VenueStatus.Scheduled && venue.status !== VenueStatus.Held) {
    return { code: 'VENUE_NOT_HELD', message: 'Chỉ ghi kết quả cho điểm tổ chức đã được xếp lịch hoặc đã tổ chức.' };
  }
  if (!venue.scheduledDate || venue.scheduledDate > today) {
    const day = venue.scheduledDate ? ` (${formatVietnameseDate(venue.scheduledDate)})` : '';
    return { code: 'RESULT_BEFORE_DAY', message: `Chỉ ghi kết quả từ ngày tổ chức${day} trở đi.` };
  }
  return null;
}

export interface ReportVenue {
  id: string;
  provinceCode: string;
  region: Region;
  tier: VenueTier;
  status: VenueStatus;
}

export interface ReportResult {
  attendance: number;
  awardedCollectives: number;
  awardedIndividuals: number;
}

export interface ReportFacts {
  venues: readonly ReportVenue[];
  results: ReadonlyMap<string, ReportResult>;
  /** Venues where at least one invited leader accepted. */
  venuesWithLeader: ReadonlySet<string>;
  budget: ReadonlyMap<string, { plannedVnd: number; actualVnd: number }>;
  tasks: ReadonlyMap<string, { tasks: number; doneOnTime: number }>;
  provinceNames: ReadonlyMap<string, string>;
}

export interface ReportLine {
  /** A province code, a region code, or "total". */
  key: string;
  name: string;
  /** Venues that were part of the festival (cancelled ones apart). */
  venues: number;
  held: number;
  cancelled: number;
  /** Venues whose result is recorded. */
  reported: number;
  attendance: number;
  awardedCollectives: number;
  awardedIndividuals: number;
  centralVenues: number;
  centralVenuesWithLeader: number;
  /** Share of central venues a leader attended (accepted); null without central venues. */
  leaderCoverage: number | null;
  budgetPlannedVnd: number;
  budgetActualVnd: number;
  /** Planned budget per venue; null without venues. */
  budgetPerVenueVnd: number | null;
  tasks: number;
  tasksOnTime: number;
  /** Share of tasks done by their deadline; null without tasks. */
  onTimeRate: number | null;
}

export interface EditionReport {
  provinces: ReportLine[];
  regions: ReportLine[];
  total: ReportLine;
}

type Tally = Omit<ReportLine, 'leaderCoverage' | 'budgetPerVenueVnd' | 'onTimeRate'>;

function emptyTally(key: string, name: string): Tally {
  return {
    key,
    name,
    venues: 0,
    held: 0,
    cancelled: 0,
    reported: 0,
    attendance: 0,
    awardedCollectives: 0,
    awardedIndividuals: 0,
    centralVenues: 0,
    centralVenuesWithLeader: 0,
    budgetPlannedVnd: 0,
    budgetActualVnd: 0,
    tasks: 0,
    tasksOnTime: 0,
  };
}

function add(tally: Tally, venue: ReportVenue, facts: ReportFacts): void {
  if (venue.status === VenueStatus.Cancelled) {
    tally.cancelled += 1;
    return;
  }
  tally.venues += 1;
  if (venue.status === VenueStatus.Held) tally.held += 1;
  const result = facts.results.get(venue.id);
  if (result) {
    tally.reported += 1;
    tally.attendance += result.attendance;
    tally.awardedCollectives += result.awardedCollectives;
    tally.awardedIndividuals += result.awardedIndividuals;
  }
  if (venue.tier === VenueTier.Central) {
    tally.centralVenues += 1;
    if (facts.venuesWithLeader.has(venue.id)) tally.centralVenuesWithLeader += 1;
  }
  const budget = facts.budget.get(venue.id);
  if (budget) {
    tally.budgetPlannedVnd += budget.plannedVnd;
    tally.budgetActualVnd += budget.actualVnd;
  }
  const tasks = facts.tasks.get(venue.id);
  if (tasks) {
    tally.tasks += tasks.tasks;
    tally.tasksOnTime += tasks.doneOnTime;
  }
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function finish(tally: Tally): ReportLine {
  return {
    ...tally,
    leaderCoverage: ratio(tally.centralVenuesWithLeader, tally.centralVenues),
    budgetPerVenueVnd: tally.venues === 0 ? null : Math.round(tally.budgetPlannedVnd / tally.venues),
    onTimeRate: ratio(tally.tasksOnTime, tally.tasks),
  };
}

export const TOTAL_NAME = 'Toàn quốc';

/**
 * The edition's report: one line per province that has venues (by name), one per region (all eight, in
 * the regions' order, so two editions line up), and the total. Cancelled venues are counted apart and
 * count in no other figure; budgets and tasks of venues outside the report are ignored.
 */
export function buildEditionReport(facts: ReportFacts, totalName: string = TOTAL_NAME): EditionReport {
  const provinces = new Map<string, Tally>();
  const regions = new Map<Region, Tally>(Object.values(Region).map((region) => [region, emptyTally(region, REGION_NAMES[region])]));
  const total = emptyTally('total', totalName);
  for (const venue of facts.venues) {
    let province = provinces.get(venue.provinceCode);
    if (!province) {
      province = emptyTally(venue.provinceCode, facts.provinceNames.get(venue.provinceCode) ?? venue.provinceCode);
      provinces.set(venue.provinceCode, province);
    }
    add(province, venue, facts);
    add(regions.get(venue.region)!, venue, facts);
    add(total, venue, facts);
  }
  return {
    provinces: [...provinces.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map(finish),
    regions: [...regions.values()].map(finish),
    total: finish(total),
  };
}

export interface ComparisonLine {
  key: string;
  name: string;
  first: ReportLine;
  second: ReportLine;
}

/** Two editions side by side, region by region, then the totals. */
export function compareReports(first: EditionReport, second: EditionReport): ComparisonLine[] {
  const lines = first.regions.map((line, index) => ({ key: line.key, name: line.name, first: line, second: second.regions[index] }));
  lines.push({ key: 'total', name: TOTAL_NAME, first: first.total, second: second.total });
  return lines;
}
