import { VenueStatus } from './venue.enums';
import { clusterCellDegrees, clusterPoints, type VenuePoint } from './venue-cluster-rules';

const point = (venueId: string, latitude: number, longitude: number, status = VenueStatus.Scheduled): VenuePoint => ({
  venueId,
  name: `Điểm ${venueId}`,
  status,
  latitude,
  longitude,
});

describe('clusterCellDegrees', () => {
  it('is a quarter of a tile: 360° / 2^zoom / 4', () => {
    expect(clusterCellDegrees(0)).toBe(90);
    expect(clusterCellDegrees(5)).toBe(2.8125);
    expect(clusterCellDegrees(16)).toBeCloseTo(0.001373, 6);
  });
});

describe('clusterPoints', () => {
  // Lai Châu's three venues within a few km, Hồ Chí Minh City's one far south.
  const points = [point('a', 22.39, 103.45), point('b', 22.41, 103.47), point('c', 22.4, 103.5), point('d', 10.78, 106.7, VenueStatus.Approved)];

  it('groups the venues of one cell at their mean position, the largest group first, and keeps a lone venue as itself', () => {
    const clusters = clusterPoints(points, 5);
    expect(clusters).toHaveLength(2);
    expect(clusters[0]).toEqual({
      latitude: expect.closeTo(22.4, 9),
      longitude: expect.closeTo(103.4733333, 6),
      count: 3,
      venueId: null,
      name: null,
      status: null,
    });
    expect(clusters[1]).toEqual({ latitude: 10.78, longitude: 106.7, count: 1, venueId: 'd', name: 'Điểm d', status: VenueStatus.Approved });
  });

  it('shows every venue once the cells are smaller than the gaps between them', () => {
    const clusters = clusterPoints(points, 16);
    expect(clusters.map((cluster) => cluster.venueId)).toEqual(['d', 'a', 'c', 'b']); // one each: by latitude, then longitude
    expect(clusters.every((cluster) => cluster.count === 1)).toBe(true);
  });

  it('cuts the grid at multiples of the cell, as the SQL floor() does, negative coordinates included', () => {
    const cell = clusterCellDegrees(8);
    const clusters = clusterPoints([point('w', -0.1 * cell, 0.5 * cell), point('e', 0.1 * cell, 0.5 * cell), point('f', 0.9 * cell, 0.9 * cell)], 8);
    expect(clusters.map((cluster) => cluster.count)).toEqual([2, 1]);
    expect(clusters[1].venueId).toBe('w');
  });

  it('gives nothing for no venues', () => {
    expect(clusterPoints([], 5)).toEqual([]);
  });
});
