/**
 * The overview's figures from grouped rows (pure, issue 18): one row per province, region and status
 * from the database become per-status totals and per-province summaries with their mean position.
 */
import type { Region } from '@app/provinces';
import type { VenueStatus } from './venue.enums';

export interface ProvinceStatusRow {
  provinceCode: string;
  region: Region;
  status: VenueStatus;
  count: number;
  latitudeSum: number;
  longitudeSum: number;
  south: number;
  north: number;
  west: number;
  east: number;
}

export interface StatusCount {
  status: VenueStatus;
  count: number;
}

export interface ProvinceSummary {
  provinceCode: string;
  region: Region;
  count: number;
  byStatus: StatusCount[];
  latitude: number;
  longitude: number;
  south: number;
  north: number;
  west: number;
  east: number;
}

/** A venue the calendar names on its day. */
export interface DayEntry {
  id: string;
  name: string;
  provinceCode: string;
  status: VenueStatus;
  startTime: string | null;
  endTime: string | null;
}

export interface DayFigures {
  date: string;
  count: number;
  venues: DayEntry[];
}

export interface VenuesInFigures {
  total: number;
  byStatus: StatusCount[];
  provinces: ProvinceSummary[];
  days: DayFigures[];
}

/** Names the calendar gives each day; it counts the rest ("+N điểm khác"), so a day never grows with the edition. */
export const CALENDAR_NAMES_PER_DAY = 3;

/**
 * Each day's count with the venues named on it, in the order given (the query ranks them by province
 * and name): at most `perDay` a day, whatever else came; a day without names gets an empty list.
 */
export function nameDays(
  days: ReadonlyArray<{ date: string; count: number }>,
  named: ReadonlyArray<DayEntry & { date: string }>,
  perDay = CALENDAR_NAMES_PER_DAY,
): DayFigures[] {
  const byDay = new Map<string, DayEntry[]>();
  for (const { date, ...entry } of named) {
    const entries = byDay.get(date) ?? [];
    if (entries.length < perDay) entries.push(entry);
    byDay.set(date, entries);
  }
  return days.map((day) => ({ date: day.date, count: day.count, venues: byDay.get(day.date) ?? [] }));
}

/** Per-status totals (largest first) and provinces (most venues first, then by code); a province's region as its venues have it. */
export function summariseVenues(rows: readonly ProvinceStatusRow[], days: DayFigures[]): VenuesInFigures {
  const byStatus = new Map<VenueStatus, number>();
  const provinces = new Map<string, ProvinceSummary & { latitudeSum: number; longitudeSum: number }>();
  for (const row of rows) {
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
    const key = `${row.provinceCode}/${row.region}`;
    const province = provinces.get(key) ?? {
      provinceCode: row.provinceCode,
      region: row.region,
      count: 0,
      byStatus: [],
      latitude: 0,
      longitude: 0,
      latitudeSum: 0,
      longitudeSum: 0,
      south: row.south,
      north: row.north,
      west: row.west,
      east: row.east,
    };
    province.count += row.count;
    province.byStatus.push({ status: row.status, count: row.count });
    province.latitudeSum += row.latitudeSum;
    province.longitudeSum += row.longitudeSum;
    province.south = Math.min(province.south, row.south);
    province.north = Math.max(province.north, row.north);
    province.west = Math.min(province.west, row.west);
    province.east = Math.max(province.east, row.east);
    provinces.set(key, province);
  }
  const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    byStatus: [...byStatus].map(([status, count]) => ({ status, count })).sort(byCount),
    provinces: [...provinces.values()]
      .map(({ latitudeSum, longitudeSum, ...province }) => ({
        ...province,
        byStatus: province.byStatus.sort(byCount),
        latitude: latitudeSum / province.count,
        longitude: longitudeSum / province.count,
      }))
      .sort((a, b) => byCount(a, b) || a.provinceCode.localeCompare(b.provinceCode)),
    days,
  };
}
