import { Region } from '@app/provinces/region';
import { AreaFlag } from '@app/venues/venue.enums';
import { buildCandidates } from './candidates';
import { checkPlan } from './check-plan';
import { loadHighs } from './highs';
import { buildModel, lpRelaxationBound, outOfReach, runHighs, RunOutcome, slackKeys, solveModel } from './model';
import { evaluatePlan } from './objective';
import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import { minDaysApart } from './planning-rules';
import type { PlanningResult } from './planning.types';
import { solvePlan } from './solve-plan';
import { nationalInstance } from '../../../bench/solver-instances';

const chiefOf = (result: PlanningResult, venueId: string) => result.plan.assignments.find((a) => a.venueId === venueId && a.role === 'chief_guest')?.leaderId;

const CA_MAU = { latitude: 9.1769, longitude: 105.1524 };
const DIEN_BIEN = { latitude: 21.386, longitude: 103.023 };

describe('solvePlan on hand-checked instances', () => {
  it('gives each venue its home-province leader when home ties are weighted', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { provinceCode: '11' }), makeVenue('B', { provinceCode: '96' })],
      leaders: [makeLeader('L96', { homeProvinceCode: '96' }), makeLeader('L11', { homeProvinceCode: '11' })],
      settings: { weights: { homeTies: 3 } },
    });
    const result = await solvePlan(instance);
    expect(result.status).toBe('optimal');
    expect(chiefOf(result, 'A')).toBe('L11');
    expect(chiefOf(result, 'B')).toBe('L96');
    expect(result.objective.preferenceTotal).toBe(0);
    expect(result.explanations).toEqual([]);
  });

  it('counts ties to a province as half a home province', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { provinceCode: '11' })],
      leaders: [makeLeader('Far', { homeProvinceCode: '79' }), makeLeader('Tied', { homeProvinceCode: '79', tieProvinceCodes: ['11'] })],
      settings: { weights: { homeTies: 4 } },
    });
    const result = await solvePlan(instance);
    expect(chiefOf(result, 'A')).toBe('Tied');
    expect(result.objective.preferences.homeTies).toBe(2);
  });

  it('takes the leader’s preferred date among the venue’s candidates', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { candidateDates: ['2027-08-17', '2027-08-18', '2027-08-19'] })],
      leaders: [makeLeader('L', { preferredDates: ['2027-08-18'] })],
      settings: { weights: { preferredDate: 2 } },
    });
    const result = await solvePlan(instance);
    expect(result.venueDates).toEqual({ A: '2027-08-18' });
    expect(result.objective.preferenceTotal).toBe(0);
  });

  it('sends the highest tier to the priority-region venue with area flags', async () => {
    const instance = makeInstance({
      venues: [
        makeVenue('Delta', { requiredTierRank: 2 }),
        makeVenue('Border', { requiredTierRank: 2, region: Region.TayBac, areaFlags: [AreaFlag.BienGioi, AreaFlag.DanTocThieuSo] }),
      ],
      leaders: [makeLeader('Top', { tierRank: 0 }), makeLeader('Third', { tierRank: 2 })],
      settings: { weights: { priorityArea: 5 } },
    });
    const result = await solvePlan(instance);
    expect(chiefOf(result, 'Border')).toBe('Top');
    expect(chiefOf(result, 'Delta')).toBe('Third');
    expect(result.objective.preferences.priorityArea).toBe(0);
  });

  it('spreads venues over their candidate dates instead of piling them on 19 August', async () => {
    const dates = ['2027-08-18', '2027-08-19'];
    const instance = makeInstance({
      venues: ['A', 'B', 'C', 'D'].map((id) => makeVenue(id, { candidateDates: dates })),
      leaders: ['1', '2', '3', '4'].map((id) => makeLeader(id)),
      settings: { weights: { spread: 1 } },
    });
    const result = await solvePlan(instance);
    const perDay = Object.values(result.venueDates).reduce<Record<string, number>>((count, date) => ({ ...count, [date]: (count[date] ?? 0) + 1 }), {});
    expect(perDay).toEqual({ '2027-08-18': 2, '2027-08-19': 2 });
    expect(result.objective.preferences.spread).toBe(0);
  });

  it('charges spread once per venue beyond the daily share, twice beyond twice the share', async () => {
    const instance = makeInstance({
      venues: ['A', 'B', 'C', 'D', 'E', 'F'].map((id) => makeVenue(id, { candidateDates: id === 'F' ? ['2027-08-18'] : ['2027-08-19'] })),
      leaders: ['1', '2', '3', '4', '5', '6'].map((id) => makeLeader(id)),
      settings: { weights: { spread: 1 } },
    });
    // Target = ceil(6 venues / 2 dates) = 3; 5 on the 19th: 2 over the target, none over twice it.
    const result = await solvePlan(instance);
    expect(result.objective.preferences.spread).toBe(2);
  });

  it('prefers the leader based nearest to the venue when travel is weighted', async () => {
    const instance = makeInstance({
      venues: [makeVenue('South', { provinceCode: '96', ...CA_MAU })],
      leaders: [makeLeader('North'), makeLeader('Near', { baseLatitude: 10.03, baseLongitude: 105.78 })],
      settings: { weights: { travel: 1 } },
    });
    const result = await solvePlan(instance);
    expect(chiefOf(result, 'South')).toBe('Near');
    expect(result.objective.preferences.travel).toBeGreaterThan(0);
    expect(result.objective.preferences.travel).toBeLessThan(0.2);
  });

  it('puts accompanying leaders on the chief guest’s date, within their tier', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { candidateDates: ['2027-08-18', '2027-08-19'], accompanying: 2, accompanyingTierRank: 3 })],
      leaders: [
        makeLeader('Chief', { availableDates: ['2027-08-19'] }),
        makeLeader('M1', { tierRank: 3 }),
        makeLeader('M2', { tierRank: 3 }),
        makeLeader('Low', { tierRank: 5 }),
      ],
    });
    const result = await solvePlan(instance);
    expect(result.venueDates).toEqual({ A: '2027-08-19' });
    const accompanying = result.plan.assignments.filter((a) => a.role === 'accompanying');
    expect(accompanying.map((a) => a.leaderId).sort()).toEqual(['M1', 'M2']);
    expect(accompanying.every((a) => a.date === '2027-08-19')).toBe(true);
    expect(checkPlan(instance, result.plan)).toEqual([]);
  });

  it('lets a leader with two appearances attend far-apart venues only with enough days to travel', async () => {
    const settings = { travel: { dayBudgetHours: 8 } };
    const north = makeVenue('North', { provinceCode: '11', ...DIEN_BIEN, accessHours: 4, candidateDates: ['2027-08-15'] });
    const south = makeVenue('South', { provinceCode: '96', ...CA_MAU, accessHours: 4, candidateDates: ['2027-08-16', '2027-08-18'] });
    const instance = makeInstance({ venues: [north, south], leaders: [makeLeader('L', { maxAppearances: 2 })], settings });
    expect(minDaysApart(north, south, instance.settings)).toBe(2);
    const result = await solvePlan(instance);
    expect(result.venueDates).toEqual({ North: '2027-08-15', South: '2027-08-18' });
    expect(checkPlan(instance, result.plan)).toEqual([]);
  });

  it('keeps pins and bans even when they cost preferences', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { provinceCode: '11', candidateDates: ['2027-08-18', '2027-08-19'] }), makeVenue('B', { provinceCode: '96' })],
      leaders: [makeLeader('L11', { homeProvinceCode: '11' }), makeLeader('L96', { homeProvinceCode: '96' }), makeLeader('Other', { homeProvinceCode: '01' })],
      leaderPins: [{ leaderId: 'L96', venueId: 'A' }],
      datePins: [{ venueId: 'A', date: '2027-08-18' }],
      bans: [{ leaderId: 'L11', venueId: 'B' }],
      settings: { weights: { homeTies: 3 } },
    });
    const result = await solvePlan(instance);
    expect(chiefOf(result, 'A')).toBe('L96');
    expect(result.venueDates.A).toBe('2027-08-18');
    expect(chiefOf(result, 'B')).toBe('Other');
    expect(checkPlan(instance, result.plan)).toEqual([]);
  });

  it('plans nothing, without failing, when there is no venue to plan (HiGHS sees an empty model)', async () => {
    const result = await solvePlan(makeInstance({ venues: [], leaders: [makeLeader('1')] }));
    expect(result).toMatchObject({ status: 'optimal', plan: { assignments: [] }, venueDates: {}, explanations: [] });
    expect(result.objective.uncoveredVenues).toBe(0);
  });

  it('reports an objective breakdown that matches re-evaluating the plan and the solver’s objective', async () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { provinceCode: '11', region: Region.TayBac, candidateDates: ['2027-08-18', '2027-08-19'] }), makeVenue('B'), makeVenue('C')],
      leaders: [makeLeader('1', { tierRank: 1, preferredDates: ['2027-08-18'] }), makeLeader('2'), makeLeader('3', { homeProvinceCode: '11' })],
      settings: { weights: { homeTies: 1, preferredDate: 1, priorityArea: 1, spread: 1, travel: 1 } },
    });
    instance.venues.forEach((venue) => Object.assign(venue, { requiredTierRank: 1 }));
    const highs = await loadHighs();
    const built = buildModel(buildCandidates(instance));
    const solved = solveModel(highs, built);
    const result = await solvePlan(instance);
    expect(result.objective).toEqual(evaluatePlan(instance, result.plan));
    expect(result.objective.preferenceTotal).toBeCloseTo(solved.objective, 5);
    expect(lpRelaxationBound(highs, built)).toBeLessThanOrEqual(solved.objective + 1e-6);
  });
});

describe('reduced-cost fixing (the MIP on the candidates within reach of the LP bound)', () => {
  // A generated national instance (bench/solver-instances.ts, one of bench/solver's ten seeds) whose LP
  // relaxation is fractional: its bound is 0.13% under the optimum, so the staged solve needs a MIP.
  const built = buildModel(buildCandidates(nationalInstance(20302495)));
  const { model } = built;
  let relaxed: RunOutcome;
  let full: RunOutcome;
  beforeAll(async () => {
    const highs = await loadHighs();
    relaxed = runHighs(highs, model.toModelData('lexicographic', { relaxIntegrality: true }), {
      timeLimitSeconds: 60,
      mipRelGap: 1e-4,
      presolve: false,
      reducedCosts: true,
    });
    full = runHighs(highs, model.toModelData('lexicographic'), { timeLimitSeconds: 60, mipRelGap: 0, mipAbsGap: 1e-6 });
  });

  it('drops no column of an optimal plan, and most of the others', () => {
    expect(relaxed.status).toBe('optimal');
    expect(full.status).toBe('optimal');
    const gap = full.objective - relaxed.objective;
    expect(gap).toBeGreaterThan(0.01);
    // Every plan within `gap` of the bound (the optimum among them) keeps all its columns…
    const beyond = outOfReach(model, relaxed, gap);
    const chosen = [...full.values].filter(([name, value]) => name.startsWith('x') && value > 0.5).map(([name]) => name);
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.filter((name) => beyond.has(name))).toEqual([]);
    // …while the MIP left to solve is a fraction of the model.
    const binaries = [...model.columns.values()].filter((column) => column.kind === 'binary').length;
    expect(beyond.size).toBeGreaterThan(binaries / 2);
    // A reach short of the gap leaves out some column of that optimum (fixing is not a no-op here).
    const short = outOfReach(model, relaxed, 0);
    expect(chosen.some((name) => short.has(name))).toBe(true);
  });

  it('proves the same optimum as one HiGHS MIP on the whole model', async () => {
    const staged = solveModel(await loadHighs(), built);
    expect(staged.status).toBe('optimal');
    expect(staged.objective).toBeCloseTo(full.objective, 4);
    expect(staged.bound).toBeLessThan(staged.objective - 0.01);
  });
});

describe('model size', () => {
  it('prunes candidates by tier, availability, bans, pins and window before building rows', () => {
    const instance = makeInstance({
      venues: [makeVenue('A', { requiredTierRank: 1, candidateDates: ['2027-08-18', '2027-08-19', '2027-09-02'] })],
      leaders: [
        makeLeader('Ok', { tierRank: 1 }),
        makeLeader('Low', { tierRank: 2 }),
        makeLeader('Busy', { availableDates: ['2027-08-13'] }),
        makeLeader('Banned'),
        makeLeader('HalfBusy', { availableDates: ['2027-08-19'] }),
      ],
      bans: [{ leaderId: 'Banned', venueId: 'A' }],
    });
    const set = buildCandidates(instance);
    expect(set.candidates.map((c) => `${instance.leaders[c.leader].id}@${c.date}`).sort()).toEqual(['HalfBusy@2027-08-19', 'Ok@2027-08-18', 'Ok@2027-08-19']);
  });

  it('writes same-day and travel rows only for leaders who may appear twice', () => {
    const venues = Array.from({ length: 6 }, (_, i) =>
      makeVenue(`V${i}`, { latitude: 9 + i * 2.5, longitude: 105, accessHours: 3, candidateDates: ['2027-08-17', '2027-08-18', '2027-08-19'] }),
    );
    const once = buildModel(buildCandidates(makeInstance({ venues, leaders: [makeLeader('L')] })));
    expect(once.model.rows.filter((row) => row.family === 'day' || row.family === 'travel')).toEqual([]);
    const twice = buildModel(buildCandidates(makeInstance({ venues, leaders: [makeLeader('L', { maxAppearances: 2 })] })));
    expect(twice.model.rows.filter((row) => row.family === 'day')).toHaveLength(3);
    // One travel row per (venue, day) cell and later day inside its widest gap: at most 18 cells × 2.
    const travel = twice.model.rows.filter((row) => row.family === 'travel');
    expect(travel.length).toBeGreaterThan(0);
    expect(travel.length).toBeLessThanOrEqual(18 * 2);
  });

  it('names slack columns after venue ids, LP-safe and unique', () => {
    expect(slackKeys(['3f2a-77', '3f2a_77', 'Điểm 1'])).toEqual(['3f2a_77', '3f2a_77_1', '_i_m_1']);
  });
});
