import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import type { AppConfig } from '@app/config';
import { planInstance } from './plan-instance';
import type { CurrentAssignment } from './planning.types';
import { storedResultOf } from './stored-result';
import { PART, SolverThreads } from './solver-threads';

// Starts a real solver thread (under ts-node: seconds, a minute or more on a loaded machine).
jest.setTimeout(600_000);

describe('solver threads', () => {
  const threads = new SolverThreads({ PLANNING_THREADS: 1, PLANNING_THREAD_NICE: 0, PLANNING_THREADS_AT_START: false } as AppConfig);
  afterAll(() => threads.onModuleDestroy());

  it('plans an instance sent in parts (longer lists than one message takes) as it plans the whole, and answers with its stored proposal', async () => {
    // 24 provinces of 25 venues and 25 officials each: more venues, leaders and current assignments than PART
    // (three dates: room for every venue under the top-tier cap of 10 a day).
    const provinces = Array.from({ length: 24 }, (_, p) => String(p + 1).padStart(2, '0'));
    const venues = provinces.flatMap((code) =>
      Array.from({ length: 25 }, (_, v) => makeVenue(`v-${code}-${v}`, { provinceCode: code, candidateDates: ['2027-08-17', '2027-08-18', '2027-08-19'] })),
    );
    const leaders = provinces.flatMap((code) => Array.from({ length: 25 }, (_, l) => makeLeader(`l-${code}-${l}`, { homeProvinceCode: code })));
    const current: CurrentAssignment[] = venues.map((venue, index) => ({
      venueId: venue.id,
      leaderId: leaders[index].id,
      role: 'chief_guest',
      date: '2027-08-19',
      ...(index % 7 === 0 ? { fixed: 'locked' as const } : {}),
    }));
    const instance = makeInstance({ venues, leaders, current });
    expect(Math.min(venues.length, leaders.length, current.length)).toBeGreaterThan(PART);

    const progress: string[] = [];
    const options = { mode: 'repair' as const, startTime: '08:00', endTime: '10:30' };
    const solved = await threads.plan(
      instance,
      { byProvince: true, result: options },
      {
        onProgress: (done, total) => {
          progress.push(`${done}/${total}`);
          return Promise.resolve();
        },
      },
    );

    const expected = storedResultOf(instance, await planInstance(instance, { mode: 'repair', byProvince: true }), options);
    const stored = JSON.parse(solved.resultJson) as typeof expected;
    const timeless = <T extends { stats: { seconds: number } }>(result: T) => ({ ...result, stats: { ...result.stats, seconds: 0 } });
    expect(timeless(stored)).toEqual(timeless(expected));
    // Every venue of every part planned: covered (more than one part's worth), or counted as uncovered.
    expect(stored.assignments.length).toBeGreaterThan(PART);
    expect(stored.assignments.length + stored.objective.uncoveredVenues).toBe(venues.length);
    expect(solved.assignments).toBe(stored.assignments.length);
    expect(progress).toEqual(provinces.map((_, index) => `${index + 1}/${provinces.length}`));
  });
});
