import { Region } from '@app/provinces';
import { VenueStatus } from './venue.enums';
import { CALENDAR_NAMES_PER_DAY, nameDays, summariseVenues } from './venue-summary-rules';

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
      [{ date: '2027-08-12', count: 6, venues: [] }],
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
    expect(figures.days).toEqual([{ date: '2027-08-12', count: 6, venues: [] }]);
  });

  it('says nothing of an empty selection', () => {
    expect(summariseVenues([], [])).toEqual({ total: 0, byStatus: [], provinces: [], days: [] });
  });
});

describe('nameDays', () => {
  const entry = (date: string, name: string) => ({
    date,
    id: `id-${name}`,
    name,
    provinceCode: '12',
    status: VenueStatus.Scheduled,
    startTime: '07:30',
    endTime: '11:30',
  });

  it('gives each day at most its few names, in the order given, and its whole count', () => {
    const named = ['A', 'B', 'C', 'D'].map((name) => entry('2027-08-12', name)).concat(entry('2027-08-13', 'E'));
    const days = nameDays(
      [
        { date: '2027-08-12', count: 1200 },
        { date: '2027-08-13', count: 1 },
        { date: '2027-08-14', count: 5 },
      ],
      named,
    );
    expect(CALENDAR_NAMES_PER_DAY).toBe(3);
    expect(days.map((day) => [day.date, day.count, day.venues.map((venue) => venue.name)])).toEqual([
      ['2027-08-12', 1200, ['A', 'B', 'C']],
      ['2027-08-13', 1, ['E']],
      ['2027-08-14', 5, []],
    ]);
    expect(days[1].venues[0]).toEqual({ id: 'id-E', name: 'E', provinceCode: '12', status: VenueStatus.Scheduled, startTime: '07:30', endTime: '11:30' });
  });

  it('names no day it has no count for', () => {
    expect(nameDays([], [entry('2027-08-12', 'A')])).toEqual([]);
  });
});
