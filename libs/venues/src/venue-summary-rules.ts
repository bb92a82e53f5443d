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

export interface VenuesInFigures {
  total: number;
  byStatus: StatusCount[];
  provinces: ProvinceSummary[];
  days: Array<{ date: string; count: number }>;
}

/** Per-status totals (largest first) and provinces (most venues first, then by code); a province's region as its venues have it. */
export function summariseVenues(rows: readonly ProvinceStatusRow[], days: Array<{ date: string; count: number }>): VenuesInFigures {
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
