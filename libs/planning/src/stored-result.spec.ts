import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import { planInstance } from './plan-instance';
import { storedResultOf } from './stored-result';

describe("a run's stored proposal", () => {
  const instance = makeInstance({
    venues: [makeVenue('lc-1', { provinceCode: '12' }), makeVenue('dl-1', { provinceCode: '66' })],
    leaders: [makeLeader('lc-a', { homeProvinceCode: '12' }), makeLeader('dl-a', { homeProvinceCode: '66' })],
  });

  it("names each assignment after the instance's venue and leader, and keeps the outcome's figures", async () => {
    const planned = await planInstance(instance, { mode: 'fresh', byProvince: true });
    const stored = storedResultOf(instance, planned, { mode: 'fresh', startTime: '08:00' });
    expect(stored.assignments).toHaveLength(planned.outcome.plan.assignments.length);
    expect(stored.assignments.length).toBeGreaterThan(0);
    for (const assignment of stored.assignments) {
      expect(assignment.venueName).toBe(instance.venues.find((venue) => venue.id === assignment.venueId)!.name);
      expect(assignment.leaderName).toBe(instance.leaders.find((leader) => leader.id === assignment.leaderId)!.name);
    }
    expect(stored).toMatchObject({
      mode: 'fresh',
      solverStatus: planned.outcome.status,
      provinces: 2,
      startTime: '08:00',
      endTime: '11:00',
      venueDates: planned.outcome.venueDates,
      summary: planned.outcome.summary,
    });
    expect(stored).not.toHaveProperty('plan');
    expect(stored).not.toHaveProperty('status');
    // What the thread sends is its JSON: it reads back the same.
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });

  it('says null provinces for one national solve', async () => {
    const planned = await planInstance(instance, { mode: 'fresh', byProvince: false });
    expect(storedResultOf(instance, planned, { mode: 'repair' })).toMatchObject({ provinces: null, mode: 'repair', startTime: '07:30' });
  });
});
