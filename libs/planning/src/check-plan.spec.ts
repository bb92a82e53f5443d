import { checkPlan, ViolationCode } from './check-plan';
import { greedyPlan } from './greedy';
import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import type { PlanAssignment, PlanningInstance } from './planning.types';

const chief = (venueId: string, leaderId: string, date = '2027-08-19'): PlanAssignment => ({ venueId, leaderId, date, role: 'chief_guest' });
const codes = (instance: PlanningInstance, assignments: PlanAssignment[]): ViolationCode[] =>
  checkPlan(instance, { assignments }).map((violation) => violation.code);

const CA_MAU = { latitude: 9.1769, longitude: 105.1524, provinceCode: '96', accessHours: 4 };
const DIEN_BIEN = { latitude: 21.386, longitude: 103.023, provinceCode: '11', accessHours: 4 };

describe('checkPlan', () => {
  const base = makeInstance({ venues: [makeVenue('A'), makeVenue('B', { provinceCode: '11' })], leaders: [makeLeader('L1'), makeLeader('L2')] });

  it('accepts a plan that keeps every rule', () => {
    expect(codes(base, [chief('A', 'L1'), chief('B', 'L2')])).toEqual([]);
  });

  it('reports a venue without chief guest and a venue with two', () => {
    expect(codes(base, [chief('A', 'L1'), { ...chief('A', 'L2') }])).toEqual(['VENUE_MULTIPLE_CHIEFS', 'VENUE_UNCOVERED']);
  });

  it('reports dates that are not candidates or outside the window, and leaders who are busy', () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { candidateDates: ['2027-08-19', '2027-09-02'] })],
      leaders: [makeLeader('L', { availableDates: ['2027-08-19'] })],
    });
    expect(codes(instance, [chief('A', 'L', '2027-08-18')])).toEqual(['DATE_NOT_CANDIDATE', 'LEADER_UNAVAILABLE']);
    expect(codes(instance, [chief('A', 'L', '2027-09-02')])).toEqual(['DATE_OUTSIDE_WINDOW', 'LEADER_UNAVAILABLE']);
  });

  it('reports a chief guest below the venue’s tier and a ban', () => {
    const instance = makeInstance({ venues: [makeVenue('A')], leaders: [makeLeader('L', { tierRank: 2 })], bans: [{ leaderId: 'L', venueId: 'A' }] });
    expect(codes(instance, [chief('A', 'L')])).toEqual(['TIER_TOO_LOW', 'BAN_VIOLATED']);
  });

  it('reports same-day, over-maximum and too-close appearances', () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { ...DIEN_BIEN, candidateDates: ['2027-08-18', '2027-08-19'] }), makeVenue('B', { ...CA_MAU, candidateDates: ['2027-08-19'] })],
      leaders: [makeLeader('Once'), makeLeader('Twice', { maxAppearances: 2 })],
      settings: { travel: { dayBudgetHours: 8 } },
    });
    expect(codes(instance, [chief('A', 'Once', '2027-08-18'), chief('B', 'Once')])).toEqual(['LEADER_MAX_APPEARANCES', 'LEADER_TRAVEL_TIME']);
    expect(codes(instance, [chief('A', 'Twice'), chief('B', 'Twice')])).toEqual(['LEADER_SAME_DAY']);
    expect(codes(instance, [chief('A', 'Twice', '2027-08-18'), chief('B', 'Twice')])).toEqual(['LEADER_TRAVEL_TIME']);
  });

  it('reports protection capacity nationwide and per province', () => {
    const instance = makeInstance({
      venues: [makeVenue('A'), makeVenue('B')],
      leaders: [makeLeader('L1'), makeLeader('L2')],
      settings: { maxTopTierPerDay: 1, maxTopTierPerProvinceDay: 1 },
    });
    expect(codes(instance, [chief('A', 'L1'), chief('B', 'L2')])).toEqual(['CAPACITY_TOP_TIER_DAY', 'CAPACITY_TOP_TIER_PROVINCE']);
  });

  it('reports broken pins and accompanying counts', () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { candidateDates: ['2027-08-18', '2027-08-19'], accompanying: 1 })],
      leaders: [makeLeader('L1'), makeLeader('L2'), makeLeader('L3')],
      leaderPins: [
        { leaderId: 'L1', venueId: 'A' },
        { leaderId: 'L3', venueId: 'A', role: 'accompanying' },
      ],
      datePins: [{ venueId: 'A', date: '2027-08-18' }],
    });
    expect(codes(instance, [chief('A', 'L2')])).toEqual(['PIN_DATE_VIOLATED', 'PIN_LEADER_VIOLATED', 'PIN_LEADER_VIOLATED', 'ACCOMPANYING_SHORT']);
    expect(
      codes(instance, [
        chief('A', 'L1', '2027-08-18'),
        { venueId: 'A', leaderId: 'L3', date: '2027-08-18', role: 'accompanying' },
        { venueId: 'A', leaderId: 'L2', date: '2027-08-19', role: 'accompanying' },
      ]),
    ).toEqual(['VENUE_DATE_MISMATCH', 'PIN_DATE_VIOLATED', 'ACCOMPANYING_EXCESS']);
  });

  it('reports unknown venues and leaders', () => {
    expect(codes(base, [chief('A', 'L1'), chief('B', 'L2'), chief('Z', 'L1'), chief('A', 'Nobody')])).toEqual(['UNKNOWN_VENUE', 'UNKNOWN_LEADER']);
  });
});

describe('greedyPlan', () => {
  it('keeps every hard rule', () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { provinceCode: '11', requiredTierRank: 1 }), makeVenue('B', { provinceCode: '11', requiredTierRank: 1 })],
      leaders: [makeLeader('Home', { homeProvinceCode: '11' }), makeLeader('Far', { tierRank: 1, homeProvinceCode: '79' })],
      settings: { weights: { homeTies: 1 } },
    });
    const plan = greedyPlan(instance);
    expect(checkPlan(instance, plan)).toEqual([]);
    expect(plan.assignments).toHaveLength(2);
  });
});
