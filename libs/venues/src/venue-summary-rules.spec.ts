import { Region } from '@app/provinces';
import { VenueStatus } from './venue.enums';
import { summariseVenues } from './venue-summary-rules';

const row = (provinceCode: string, status: VenueStatus, count: number, latitude: number, longitude: number) => ({
  provinceCode,
  region: Region.TayBac,
  status,
  count,
  latitudeSum: latitude * count,
  longitudeSum: longitude * count,
  south: latitude - 1,
  north: latitude + 1,
  west: longitude - 1,
  east: longitude + 1,
});

describe('summariseVenues', () => {
  it('adds statuses up per province and overall, with the mean position and the bounding box of all its rows', () => {
    const figures = summariseVenues(
      [row('12', VenueStatus.Nominated, 3, 22, 103), row('12', VenueStatus.Scheduled, 1, 26, 107), row('79', VenueStatus.Scheduled, 5, 10.8, 106.7)],
      [{ date: '2027-08-12', count: 6 }],
    );
    expect(figures.total).toBe(9);
    expect(figures.byStatus).toEqual([
      { status: VenueStatus.Scheduled, count: 6 },
      { status: VenueStatus.Nominated, count: 3 },
    ]);
    expect(figures.provinces.map((province) => [province.provinceCode, province.count])).toEqual([
      ['79', 5],
      ['12', 4],
    ]);
    const laiChau = figures.provinces[1];
    expect(laiChau.latitude).toBeCloseTo(23, 9); // (3 × 22 + 26) / 4
    expect(laiChau.longitude).toBeCloseTo(104, 9);
    expect([laiChau.south, laiChau.north, laiChau.west, laiChau.east]).toEqual([21, 27, 102, 108]);
    expect(laiChau.byStatus).toEqual([
      { status: VenueStatus.Nominated, count: 3 },
      { status: VenueStatus.Scheduled, count: 1 },
    ]);
    expect(figures.days).toEqual([{ date: '2027-08-12', count: 6 }]);
  });

  it('says nothing of an empty selection', () => {
    expect(summariseVenues([], [])).toEqual({ total: 0, byStatus: [], provinces: [], days: [] });
  });
});
