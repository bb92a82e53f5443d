import { checkPlan } from './check-plan';
import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import type { PlanningInstance } from './planning.types';
import { solvePlan } from './solve-plan';

const CA_MAU = { latitude: 9.1769, longitude: 105.1524, provinceCode: '96' };
const DIEN_BIEN = { latitude: 21.386, longitude: 103.023, provinceCode: '11' };

/**
 * Solves, checks the plan keeps every other rule and leaves exactly one venue uncovered, and returns its
 * explanation. `venueId` when the instance decides which venue it is; when two venues compete for one
 * leader either may lose.
 */
async function explanationFor(instance: PlanningInstance, venueId?: string) {
  const result = await solvePlan(instance);
  const violations = checkPlan(instance, result.plan);
  expect(violations.filter((v) => v.code !== 'VENUE_UNCOVERED' && v.code !== 'ACCOMPANYING_SHORT')).toEqual([]);
  const uncovered = violations.filter((v) => v.code === 'VENUE_UNCOVERED').map((v) => v.venueId);
  expect(result.explanations.map((e) => e.venueId)).toEqual(uncovered);
  expect(uncovered).toHaveLength(1);
  if (venueId) expect(uncovered).toEqual([venueId]);
  const explanation = result.explanations[0];
  expect(explanation.message).toContain(`"Điểm ${explanation.venueId}"`);
  return { explanation, uncovered, result };
}

describe('infeasible input: each hard rule in turn names the venue and the rule', () => {
  it('no leader of the required tier', async () => {
    const { explanation, uncovered, result } = await explanationFor(
      makeInstance({ venues: [makeVenue('A', { requiredTierRank: 1 })], leaders: [makeLeader('L', { tierRank: 2 })] }),
      'A',
    );
    expect(uncovered).toEqual(['A']);
    expect(explanation.code).toBe('NO_LEADER_OF_TIER');
    expect(explanation.message).toBe('Không có đồng chí lãnh đạo nào đủ cấp dự chính tại điểm "Điểm A" trong danh sách lãnh đạo của đợt.');
    expect(result.slacks).toContainEqual({ name: 'uncovered_A', value: 1 });
  });

  it('every qualified leader is busy on the candidate dates', async () => {
    const { explanation } = await explanationFor(
      makeInstance({ venues: [makeVenue('A')], leaders: [makeLeader('L', { availableDates: ['2027-08-18'] })] }),
      'A',
    );
    expect(explanation.code).toBe('QUALIFIED_UNAVAILABLE');
    expect(explanation.message).toContain('19/08/2027');
  });

  it('every qualified leader is banned from the venue', async () => {
    const { explanation } = await explanationFor(
      makeInstance({ venues: [makeVenue('A')], leaders: [makeLeader('L')], bans: [{ leaderId: 'L', venueId: 'A' }] }),
      'A',
    );
    expect(explanation.code).toBe('ALL_QUALIFIED_BANNED');
    expect(explanation.message).toContain('Lãnh đạo L');
  });

  it('no candidate date inside the edition window', async () => {
    const { explanation } = await explanationFor(
      makeInstance({ venues: [makeVenue('A', { candidateDates: ['2027-09-02'] })], leaders: [makeLeader('L')] }),
      'A',
    );
    expect(explanation.code).toBe('NO_DATE_IN_WINDOW');
  });

  it('maximum appearances per edition', async () => {
    const { explanation } = await explanationFor(
      makeInstance({ venues: [makeVenue('A', { candidateDates: ['2027-08-18'] }), makeVenue('B')], leaders: [makeLeader('L')] }),
    );
    expect(explanation.code).toBe('LEADER_MAX_APPEARANCES');
    expect(explanation.message).toContain('đồng chí Lãnh đạo L');
    expect(explanation.message).toContain('tối đa (1)');
  });

  it('one appearance a day', async () => {
    const { explanation } = await explanationFor(makeInstance({ venues: [makeVenue('A'), makeVenue('B')], leaders: [makeLeader('L', { maxAppearances: 2 })] }));
    expect(explanation.code).toBe('LEADER_SAME_DAY');
    expect(explanation.message).toContain('19/08/2027');
  });

  it('enough days to travel between two appearances', async () => {
    const { explanation } = await explanationFor(
      makeInstance({
        venues: [
          makeVenue('A', { ...DIEN_BIEN, accessHours: 4, candidateDates: ['2027-08-18'] }),
          makeVenue('B', { ...CA_MAU, accessHours: 4, candidateDates: ['2027-08-19'] }),
        ],
        leaders: [makeLeader('L', { maxAppearances: 2 })],
        settings: { travel: { dayBudgetHours: 8 } },
      }),
    );
    expect(explanation.code).toBe('LEADER_TRAVEL_TIME');
    expect(explanation.message).toContain(explanation.venueId === 'A' ? '"Điểm B"' : '"Điểm A"');
    expect(explanation.details.minDaysApart).toBe(2);
  });

  it('K top-tier leaders a day nationwide', async () => {
    const { explanation } = await explanationFor(
      makeInstance({
        venues: [makeVenue('A', { provinceCode: '11' }), makeVenue('B', { provinceCode: '96' })],
        leaders: [makeLeader('L1'), makeLeader('L2')],
        settings: { maxTopTierPerDay: 1 },
      }),
    );
    expect(explanation.code).toBe('CAPACITY_TOP_TIER_DAY');
    expect(explanation.message).toContain('tối đa 1 đồng chí lãnh đạo cấp cao');
  });

  it('one top-tier leader per province a day', async () => {
    const { explanation } = await explanationFor(
      makeInstance({
        venues: [makeVenue('A', { provinceCode: '11' }), makeVenue('B', { provinceCode: '11' })],
        leaders: [makeLeader('L1'), makeLeader('L2')],
        settings: { maxTopTierPerProvinceDay: 1 },
      }),
    );
    expect(explanation.code).toBe('CAPACITY_TOP_TIER_PROVINCE');
  });

  it('a pinned leader who is busy on every date of the venue', async () => {
    const { explanation } = await explanationFor(
      makeInstance({
        venues: [makeVenue('A')],
        leaders: [makeLeader('Pinned', { availableDates: ['2027-08-18'] }), makeLeader('Free')],
        leaderPins: [{ leaderId: 'Pinned', venueId: 'A' }],
      }),
      'A',
    );
    expect(explanation.code).toBe('PIN_LEADER_UNAVAILABLE');
    expect(explanation.message).toContain('Lãnh đạo Pinned');
  });

  it('a pinned leader below the venue’s tier, or also banned there', async () => {
    const tier = await explanationFor(
      makeInstance({ venues: [makeVenue('A')], leaders: [makeLeader('P', { tierRank: 3 })], leaderPins: [{ leaderId: 'P', venueId: 'A' }] }),
      'A',
    );
    expect(tier.explanation.code).toBe('PIN_LEADER_TIER');
    const banned = await explanationFor(
      makeInstance({
        venues: [makeVenue('A')],
        leaders: [makeLeader('P'), makeLeader('Q')],
        leaderPins: [{ leaderId: 'P', venueId: 'A' }],
        bans: [{ leaderId: 'P', venueId: 'A' }],
      }),
      'A',
    );
    expect(banned.explanation.code).toBe('PIN_LEADER_BANNED');
  });

  it('a leader pinned to more venues than their maximum', async () => {
    const result = await solvePlan(
      makeInstance({
        venues: [makeVenue('A', { candidateDates: ['2027-08-18'] }), makeVenue('B')],
        leaders: [makeLeader('P'), makeLeader('Q')],
        leaderPins: [
          { leaderId: 'P', venueId: 'A' },
          { leaderId: 'P', venueId: 'B' },
        ],
      }),
    );
    expect(result.explanations).toHaveLength(1);
    expect(result.explanations[0].code).toBe('PIN_OVER_MAX');
  });

  it('a date pin that is not one of the venue’s candidate dates, or outside the window', async () => {
    const notCandidate = await explanationFor(
      makeInstance({ venues: [makeVenue('A')], leaders: [makeLeader('L')], datePins: [{ venueId: 'A', date: '2027-08-17' }] }),
      'A',
    );
    expect(notCandidate.explanation.code).toBe('PIN_DATE_NOT_CANDIDATE');
    const outside = await explanationFor(
      makeInstance({
        venues: [makeVenue('A', { candidateDates: ['2027-08-19', '2027-08-20'] })],
        leaders: [makeLeader('L')],
        datePins: [{ venueId: 'A', date: '2027-08-20' }],
      }),
      'A',
    );
    expect(outside.explanation.code).toBe('PIN_DATE_OUTSIDE_WINDOW');
  });

  it('not enough accompanying leaders on the venue’s date', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { accompanying: 2 })],
      leaders: [makeLeader('Chief'), makeLeader('M1', { tierRank: 3 })],
    });
    const result = await solvePlan(instance);
    expect(result.venueDates).toEqual({ A: '2027-08-19' });
    expect(result.explanations).toEqual([
      expect.objectContaining({ venueId: 'A', code: 'ACCOMPANYING_NOT_ENOUGH_LEADERS', details: expect.objectContaining({ missing: 1 }) }),
    ]);
    expect(result.slacks).toContainEqual({ name: 'short_A', value: 1 });
    expect(checkPlan(instance, result.plan).map((v) => v.code)).toEqual(['ACCOMPANYING_SHORT']);
  });

  it('covers every coverable venue before any preference', async () => {
    // A would rather have its home-province leader, but B can have no one else: A takes the other.
    const result = await solvePlan(
      makeInstance({
        venues: [makeVenue('A', { provinceCode: '11', requiredTierRank: 1 }), makeVenue('B', { provinceCode: '96' })],
        leaders: [makeLeader('Home', { homeProvinceCode: '11' }), makeLeader('Low', { tierRank: 1, homeProvinceCode: '79' })],
        settings: { weights: { homeTies: 100 } },
      }),
    );
    expect(result.explanations).toEqual([]);
    expect(result.plan.assignments.map((a) => `${a.venueId}:${a.leaderId}`).sort()).toEqual(['A:Low', 'B:Home']);
    expect(result.objective.preferences.homeTies).toBe(200);
  });
});
