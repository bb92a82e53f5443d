import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { addDays, type IsoDate } from '@app/common';
import { createDataSource } from '@app/database';
import { classifyReadiness, type ReadinessFacts, readinessStatusSql } from '../libs/logistics/src/readiness/readiness-rules';
import { TEST_ENV } from './test-env';

/**
 * The readiness rule lives twice: classifyReadiness (one venue, the export, the venues listed on the
 * dashboard) and readinessStatusSql (the dashboard's counts, in PostgreSQL). Both must classify every
 * venue alike: generated facts, classified both ways, by the real database.
 */
describe('The readiness rule in SQL', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await createDataSource({ DATABASE_URL: TEST_ENV.DATABASE_URL }).initialize();
  });
  afterAll(() => dataSource.destroy());

  const statusesInSql = async (cases: { facts: ReadinessFacts; today: IsoDate }[]): Promise<string[]> => {
    const column = (pick: (facts: ReadinessFacts, today: IsoDate) => unknown) => cases.map(({ facts, today }) => pick(facts, today));
    const rows: { status: string }[] = await dataSource.query(
      `SELECT ${readinessStatusSql({
        totalWeight: 'c.total_weight',
        doneWeight: 'c.done_weight',
        overdue: 'c.overdue',
        longOverdue: 'c.long_overdue',
        blocked: 'c.blocked',
        venueDate: 'c.venue_date',
        today: 'c.today',
      })} AS status
         FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::date[], $7::date[]) WITH ORDINALITY
              AS c(total_weight, done_weight, overdue, long_overdue, blocked, venue_date, today, n)
        ORDER BY c.n`,
      [
        column((facts) => facts.totalWeight),
        column((facts) => facts.doneWeight),
        column((facts) => facts.overdue),
        column((facts) => facts.longOverdue),
        column((facts) => facts.blocked),
        column((facts) => facts.venueDate),
        column((_facts, today) => today),
      ],
    );
    return rows.map((row) => row.status);
  };

  const expectSameAnswers = async (cases: { facts: ReadinessFacts; today: IsoDate }[]) => {
    const inSql = await statusesInSql(cases);
    const mismatches = cases
      .map((example, index) => ({ ...example, ts: classifyReadiness(example.facts, example.today).status, sql: inSql[index] }))
      .filter((example) => example.ts !== example.sql);
    expect(mismatches).toEqual([]);
    return new Set(inSql);
  };

  it('classifies generated venues as classifyReadiness does', async () => {
    const fact = fc
      .record({
        totalWeight: fc.integer({ min: 0, max: 60 }),
        doneNumerator: fc.integer({ min: 0, max: 1000 }),
        overdue: fc.integer({ min: 0, max: 4 }),
        longOverdueShare: fc.integer({ min: 0, max: 4 }),
        blocked: fc.integer({ min: 0, max: 3 }),
        daysLeft: fc.option(fc.integer({ min: -6, max: 10 }), { freq: 6 }),
        today: fc.constantFrom<IsoDate>('2027-07-01', '2027-08-15', '2027-12-31', '2028-02-28'),
      })
      .map(({ totalWeight, doneNumerator, overdue, longOverdueShare, blocked, daysLeft, today }) => ({
        today,
        facts: {
          totalWeight,
          doneWeight: Math.floor((totalWeight * doneNumerator) / 1000),
          tasks: totalWeight,
          overdue,
          longOverdue: Math.min(overdue, longOverdueShare),
          blocked,
          venueDate: daysLeft === null ? null : addDays(today, daysLeft),
        },
      }));
    const cases = fc.sample(fact, { numRuns: 5000, seed: 20270819 });
    // Every level, each by each of its reasons, among the generated venues.
    expect(await expectSameAnswers(cases)).toEqual(new Set(['late', 'at_risk', 'on_track']));
  });

  it('draws the 90% line and the 3 days where classifyReadiness does, up to int4 weights', async () => {
    const today = '2027-08-16';
    const base: ReadinessFacts = { totalWeight: 10, doneWeight: 9, tasks: 10, overdue: 0, longOverdue: 0, blocked: 0, venueDate: addDays(today, 3) };
    const cases = [
      { ...base }, // exactly 90%, 3 days away: on track
      { ...base, doneWeight: 8 },
      { ...base, venueDate: addDays(today, 4), doneWeight: 0 },
      { ...base, venueDate: addDays(today, -1), doneWeight: 8 }, // the festival's day has passed
      { ...base, totalWeight: 0, doneWeight: 0 }, // no tasks: done
      { ...base, totalWeight: 1_000_000, doneWeight: 899_999 },
      { ...base, totalWeight: 1_000_000, doneWeight: 900_000 },
      { ...base, totalWeight: 2_000_000_000, doneWeight: 1_799_999_999 },
      { ...base, totalWeight: 2_000_000_000, doneWeight: 1_800_000_000 },
      { ...base, totalWeight: 2_147_483_647, doneWeight: 1_932_735_282 }, // 0.8999999998…
      { ...base, totalWeight: 2_147_483_647, doneWeight: 1_932_735_283 },
      { ...base, venueDate: null, doneWeight: 0, overdue: 1 },
      { ...base, venueDate: null, doneWeight: 0, blocked: 1 },
      { ...base, venueDate: null, overdue: 2, longOverdue: 1 },
    ].map((facts) => ({ facts, today }));
    const levels = cases.map(({ facts }) => classifyReadiness(facts, today).status);
    expect(levels).toEqual([
      'on_track',
      'late',
      'on_track',
      'late',
      'on_track',
      'late',
      'on_track',
      'late',
      'on_track',
      'late',
      'on_track',
      'at_risk',
      'at_risk',
      'late',
    ]);
    await expectSameAnswers(cases);
  });
});
