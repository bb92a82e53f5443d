import { Region } from '@app/provinces';
import { VenueStatus, VenueTier } from '@app/venues';
import { buildEditionReport, compareReports, type ReportFacts, type ReportVenue, resultRefusal } from './result-rules';

describe('resultRefusal', () => {
  it('allows a scheduled or held venue from its day on', () => {
    expect(resultRefusal({ status: VenueStatus.Scheduled, scheduledDate: '2027-08-19' }, '2027-08-19')).toBeNull();
    expect(resultRefusal({ status: VenueStatus.Held, scheduledDate: '2027-08-19' }, '2027-09-02')).toBeNull();
  });

  it('refuses before the day, naming the day', () => {
    expect(resultRefusal({ status: VenueStatus.Scheduled, scheduledDate: '2027-08-19' }, '2027-08-18')).toEqual({
      code: 'RESULT_BEFORE_DAY',
      message: 'Chỉ ghi kết quả từ ngày tổ chức (19/08/2027) trở đi.',
    });
  });

  it('refuses a venue that did not take place or has no date', () => {
    for (const status of [VenueStatus.Nominated, VenueStatus.Approved, VenueStatus.Cancelled, VenueStatus.Rejected]) {
      expect(resultRefusal({ status, scheduledDate: '2027-08-01' }, '2027-08-19')?.code).toBe('VENUE_NOT_HELD');
    }
    expect(resultRefusal({ status: VenueStatus.Scheduled, scheduledDate: null }, '2027-08-19')?.code).toBe('RESULT_BEFORE_DAY');
  });
});

describe('buildEditionReport', () => {
  const venue = (id: string, provinceCode: string, region: Region, tier: VenueTier, status: VenueStatus): ReportVenue => ({
    id,
    provinceCode,
    region,
    tier,
    status,
  });
  const venues = [
    venue('a', '12', Region.TayBac, VenueTier.Central, VenueStatus.Held),
    venue('b', '12', Region.TayBac, VenueTier.Commune, VenueStatus.Scheduled),
    venue('c', '12', Region.TayBac, VenueTier.Central, VenueStatus.Cancelled),
    venue('d', '66', Region.TayNguyen, VenueTier.Central, VenueStatus.Scheduled),
  ];
  const facts: ReportFacts = {
    venues,
    results: new Map([
      ['a', { attendance: 1200, awardedCollectives: 3, awardedIndividuals: 10 }],
      ['c', { attendance: 999, awardedCollectives: 9, awardedIndividuals: 9 }], // a cancelled venue's result counts nothing
    ]),
    venuesWithLeader: new Set(['a', 'c']),
    budget: new Map([
      ['a', { plannedVnd: 100_000_000, actualVnd: 90_000_000 }],
      ['b', { plannedVnd: 20_000_000, actualVnd: 0 }],
      ['c', { plannedVnd: 50_000_000, actualVnd: 0 }],
      ['zz', { plannedVnd: 1, actualVnd: 1 }], // a venue outside the report
    ]),
    tasks: new Map([
      ['a', { tasks: 10, doneOnTime: 8 }],
      ['d', { tasks: 10, doneOnTime: 2 }],
    ]),
    provinceNames: new Map([
      ['12', 'Lai Châu'],
      ['66', 'Đắk Lắk'],
    ]),
  };

  it('sums each province, leaving cancelled venues out of every figure but their count', () => {
    const report = buildEditionReport(facts);
    expect(report.provinces.map((line) => line.name)).toEqual(['Đắk Lắk', 'Lai Châu']); // Vietnamese order
    const laiChau = report.provinces[1];
    expect(laiChau).toMatchObject({
      key: '12',
      venues: 2,
      held: 1,
      cancelled: 1,
      reported: 1,
      attendance: 1200,
      awardedCollectives: 3,
      awardedIndividuals: 10,
      centralVenues: 1,
      centralVenuesWithLeader: 1,
      leaderCoverage: 1,
      budgetPlannedVnd: 120_000_000,
      budgetActualVnd: 90_000_000,
      budgetPerVenueVnd: 60_000_000,
      tasks: 10,
      tasksOnTime: 8,
      onTimeRate: 0.8,
    });
    expect(report.provinces[0]).toMatchObject({
      venues: 1,
      centralVenues: 1,
      centralVenuesWithLeader: 0,
      leaderCoverage: 0,
      budgetPerVenueVnd: 0,
      onTimeRate: 0.2,
    });
  });

  it('gives all eight regions in order, empty ones with no ratios, and a total equal to the provinces’ sum', () => {
    const report = buildEditionReport(facts);
    expect(report.regions).toHaveLength(8);
    expect(report.regions[0]).toMatchObject({ key: Region.TayBac, name: 'Tây Bắc', venues: 2 });
    const empty = report.regions.find((line) => line.key === String(Region.DongNamBo))!;
    expect(empty).toMatchObject({ venues: 0, leaderCoverage: null, budgetPerVenueVnd: null, onTimeRate: null });
    expect(report.total).toMatchObject({ key: 'total', name: 'Toàn quốc', venues: 3, cancelled: 1, tasks: 20, tasksOnTime: 10, onTimeRate: 0.5 });
    for (const field of ['venues', 'attendance', 'budgetPlannedVnd', 'tasks', 'centralVenues'] as const) {
      expect(report.provinces.reduce((sum, line) => sum + line[field], 0)).toBe(report.total[field]);
      expect(report.regions.reduce((sum, line) => sum + line[field], 0)).toBe(report.total[field]);
    }
  });

  it('names an organizer’s total after the province', () => {
    expect(buildEditionReport({ ...facts, venues: venues.slice(0, 3) }, 'Lai Châu').total.name).toBe('Lai Châu');
  });

  it('lines two editions up region by region, then the totals', () => {
    const first = buildEditionReport(facts);
    const second = buildEditionReport({ ...facts, venues: venues.slice(3) });
    const lines = compareReports(first, second);
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatchObject({ key: Region.TayBac, first: { venues: 2 }, second: { venues: 0 } });
    expect(lines[8]).toMatchObject({ key: 'total', name: 'Toàn quốc', first: { venues: 3 }, second: { venues: 1 } });
  });
});
