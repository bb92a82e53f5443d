/**
 * The overview map's clustering rule (pure, issue 18), shared by the API and the console: venues are
 * grouped by a grid whose cells are a quarter of a 256 px web-mercator tile at the map's zoom (about
 * 64 px on screen). The API groups a large selection in SQL (`VenuesService.clusters`); a small one
 * comes whole with the overview's figures (`VenueSummary.points`) and the console groups it here, so
 * its map draws with the figures and follows every zoom without asking again.
 */
import type { VenueStatus } from './venue.enums';

/**
 * Below this many venues the overview's figures carry each venue's position (at most ~150 kB), so the
 * map needs no request of its own; from it on, the map shows each province's figures and then the
 * API's clusters of the view.
 */
export const SUMMARY_POINTS_BELOW = 1000;

/** Degrees of one clustering cell at a zoom level: a quarter of a 256 px web-mercator tile (≈ 64 px). */
export function clusterCellDegrees(zoom: number): number {
  return 360 / 2 ** zoom / 4;
}

/** A venue on the map (its status typed as the caller has it: the enum here, the API document's union in the console). */
export interface VenuePoint<Status = VenueStatus> {
  venueId: string;
  name: string;
  status: Status;
  latitude: number;
  longitude: number;
}

/** One marker: a single venue (its id, name and status) or a group of `count` venues at their mean position. */
export interface PointCluster<Status = VenueStatus> {
  latitude: number;
  longitude: number;
  count: number;
  venueId: string | null;
  name: string | null;
  status: Status | null;
}

/**
 * The venues grouped as the API's SQL groups them: one cluster per grid cell with its count and mean
 * position, the venue itself where a cell holds one; the largest first, then by position.
 */
export function clusterPoints<Status>(points: ReadonlyArray<VenuePoint<Status>>, zoom: number): Array<PointCluster<Status>> {
  const cell = clusterCellDegrees(zoom);
  const cells = new Map<string, { latitudeSum: number; longitudeSum: number; members: Array<VenuePoint<Status>> }>();
  for (const point of points) {
    const key = `${Math.floor(point.latitude / cell)},${Math.floor(point.longitude / cell)}`;
    const group = cells.get(key) ?? { latitudeSum: 0, longitudeSum: 0, members: [] };
    group.latitudeSum += point.latitude;
    group.longitudeSum += point.longitude;
    group.members.push(point);
    cells.set(key, group);
  }
  return [...cells.values()]
    .map(({ latitudeSum, longitudeSum, members }) => {
      const lone = members.length === 1 ? members[0] : null;
      return {
        latitude: latitudeSum / members.length,
        longitude: longitudeSum / members.length,
        count: members.length,
        venueId: lone?.venueId ?? null,
        name: lone?.name ?? null,
        status: lone?.status ?? null,
      };
    })
    .sort((a, b) => b.count - a.count || a.latitude - b.latitude || a.longitude - b.longitude);
}
