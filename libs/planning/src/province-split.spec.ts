import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import { planInstance } from './plan-instance';
import { splitByProvince } from './province-split';

describe('planning province by province', () => {
  const instance = makeInstance({
    venues: [makeVenue('lc-1', { provinceCode: '12' }), makeVenue('lc-2', { provinceCode: '12' }), makeVenue('dl-1', { provinceCode: '66' })],
    leaders: [
      makeLeader('lc-a', { homeProvinceCode: '12' }),
      makeLeader('lc-b', { homeProvinceCode: '12' }),
      makeLeader('dl-a', { homeProvinceCode: '66' }),
      makeLeader('hn', { homeProvinceCode: '01' }),
    ],
  });

  it('gives each province its own venues and its own officials (and only the pins, bans and plan about them)', () => {
    const parts = splitByProvince({
      ...instance,
      bans: [
        { leaderId: 'lc-a', venueId: 'lc-1' },
        { leaderId: 'dl-a', venueId: 'dl-1' },
      ],
    });
    expect(Object.keys(parts)).toEqual(['12', '66']);
    expect(parts['12'].venues.map((venue) => venue.id)).toEqual(['lc-1', 'lc-2']);
    expect(parts['12'].leaders.map((leader) => leader.id)).toEqual(['lc-a', 'lc-b']);
    expect(parts['12'].bans).toEqual([{ leaderId: 'lc-a', venueId: 'lc-1' }]);
    expect(parts['66'].leaders.map((leader) => leader.id)).toEqual(['dl-a']);
  });

  it("merges the provinces' outcomes into one plan with summed costs and sizes", async () => {
    const progress: string[] = [];
    const { outcome: merged, provinces } = await planInstance(instance, {
      mode: 'fresh',
      byProvince: true,
      onProgress: (done, total) => {
        progress.push(`${done}/${total}`);
        return Promise.resolve();
      },
    });
    expect(progress).toEqual(['1/2', '2/2']);
    expect(Object.keys(provinces!)).toEqual(['12', '66']);
    const outcomes = Object.values(provinces!);
    const holder = new Map(merged.plan.assignments.map((a) => [a.venueId, a.leaderId]));
    expect(merged.plan.assignments).toHaveLength(3);
    expect(holder.get('dl-1')).toBe('dl-a'); // Đắk Lắk's venue gets Đắk Lắk's official, never Hà Nội's
    expect(new Set([holder.get('lc-1'), holder.get('lc-2')])).toEqual(new Set(['lc-a', 'lc-b']));
    expect(Object.keys(merged.venueDates).sort()).toEqual(['dl-1', 'lc-1', 'lc-2']);
    expect(merged.objective.uncoveredVenues).toBe(0);
    expect(merged.objective.preferenceTotal).toBeCloseTo(outcomes[0].objective.preferenceTotal + outcomes[1].objective.preferenceTotal, 9);
    expect(merged.stats.triples).toBe(outcomes[0].stats.triples + outcomes[1].stats.triples);
    expect(merged.status).toBe('optimal');
    expect(merged.summary).toBe('2 tỉnh, thành phố: 3 phân công, 0 thay đổi so với kế hoạch hiện hành, 0 điểm chưa có người dự.');
  });
});
