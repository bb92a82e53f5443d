/**
 * Property tests: on random small instances, every plan the solver, the repair and the greedy baseline
 * return keeps all hard rules (by the independent `checkPlan`), every uncovered venue is explained, and
 * on instances small enough to enumerate, the solver's and the repair's optima equal brute force; on medium
 * ones the staged solve reaches the same optimum as one full HiGHS MIP.
 */
import fc from 'fast-check';
import { Region } from '@app/provinces/region';
import { AreaFlag } from '@app/venues/venue.enums';
import { buildCandidates } from './candidates';
import { checkPlan, Violation } from './check-plan';
import { greedyPlan } from './greedy';
import { loadHighs } from './highs';
import { buildModel, runHighs, solveModel } from './model';
import { evaluatePlan } from './objective';
import { makeInstance, makeLeader, makeVenue } from '@test/utils/planning-factories';
import type { CurrentAssignment, Plan, PlanAssignment, PlanningInstance } from './planning.types';
import { repairPlan } from './repair';
import { solvePlan } from './solve-plan';

const DATES = ['2027-08-16', '2027-08-17', '2027-08-18', '2027-08-19'];
const PLACES = [
  { provinceCode: '01', latitude: 21.0285, longitude: 105.8542, region: Region.DongBangSongHong },
  { provinceCode: '11', latitude: 21.386, longitude: 103.023, region: Region.TayBac },
  { provinceCode: '96', latitude: 9.1769, longitude: 105.1524, region: Region.TayNamBo },
];
const SOFT: ReadonlySet<string> = new Set(['VENUE_UNCOVERED', 'ACCOMPANYING_SHORT']);
const hard = (violations: Violation[]) => violations.filter((violation) => !SOFT.has(violation.code));

interface Shape {
  maxVenues: number;
  maxLeaders: number;
  dates: readonly string[];
  accompanying: boolean;
}

function instanceArbitrary(shape: Shape): fc.Arbitrary<PlanningInstance> {
  const venue = fc.record({
    place: fc.nat({ max: PLACES.length - 1 }),
    flags: fc.subarray([AreaFlag.BienGioi, AreaFlag.HaiDao]),
    requiredTierRank: fc.integer({ min: 0, max: 2 }),
    candidateDates: fc.subarray([...shape.dates, '2027-08-20'], { minLength: 1 }),
    accessHours: fc.integer({ min: 0, max: 6 }),
    accompanying: shape.accompanying ? fc.integer({ min: 0, max: 2 }) : fc.constant(0),
    accompanyingTierRank: fc.integer({ min: 1, max: 3 }),
  });
  const leader = fc.record({
    tierRank: fc.integer({ min: 0, max: 3 }),
    home: fc.nat({ max: PLACES.length }),
    ties: fc.subarray(
      PLACES.map((place) => place.provinceCode),
      { maxLength: 1 },
    ),
    base: fc.nat({ max: PLACES.length - 1 }),
    availableDates: fc.subarray([...shape.dates]),
    maxAppearances: fc.integer({ min: 1, max: 2 }),
    preferredDates: fc.subarray([...shape.dates], { maxLength: 2 }),
  });
  const index = fc.nat({ max: 99 });
  return fc
    .record({
      venues: fc.array(venue, { minLength: 1, maxLength: shape.maxVenues }),
      leaders: fc.array(leader, { minLength: 1, maxLength: shape.maxLeaders }),
      maxTopTierPerDay: fc.integer({ min: 1, max: 3 }),
      maxTopTierPerProvinceDay: fc.integer({ min: 1, max: 2 }),
      dayBudgetHours: fc.integer({ min: 6, max: 12 }),
      weights: fc.record({
        homeTies: fc.integer({ min: 0, max: 3 }),
        preferredDate: fc.integer({ min: 0, max: 3 }),
        priorityArea: fc.integer({ min: 0, max: 3 }),
        spread: fc.integer({ min: 0, max: 3 }),
        travel: fc.integer({ min: 0, max: 3 }),
      }),
      chiefPins: fc.array(fc.tuple(index, index), { maxLength: 1 }),
      accompanyingPins: shape.accompanying ? fc.array(fc.tuple(index, index), { maxLength: 1 }) : fc.constant<[number, number][]>([]),
      datePins: fc.array(fc.tuple(index, index), { maxLength: 1 }),
      bans: fc.array(fc.tuple(index, index), { maxLength: 2 }),
    })
    .map((raw) => {
      const venues = raw.venues.map((v, i) =>
        makeVenue(`V${i}`, {
          ...PLACES[v.place],
          areaFlags: v.flags,
          requiredTierRank: v.requiredTierRank,
          candidateDates: v.candidateDates,
          accessHours: v.accessHours,
          accompanying: v.accompanying,
          accompanyingTierRank: v.accompanyingTierRank,
        }),
      );
      const leaders = raw.leaders.map((l, i) =>
        makeLeader(`L${i}`, {
          tierRank: l.tierRank,
          homeProvinceCode: PLACES[l.home]?.provinceCode ?? null,
          tieProvinceCodes: l.ties,
          baseLatitude: PLACES[l.base].latitude,
          baseLongitude: PLACES[l.base].longitude,
          availableDates: l.availableDates,
          maxAppearances: l.maxAppearances,
          preferredDates: l.preferredDates,
        }),
      );
      const venueAt = (i: number) => venues[i % venues.length].id;
      const leaderAt = (i: number) => leaders[i % leaders.length].id;
      return makeInstance({
        venues,
        leaders,
        leaderPins: [
          ...raw.chiefPins.map(([l, v]) => ({ leaderId: leaderAt(l), venueId: venueAt(v) })),
          ...raw.accompanyingPins.map(([l, v]) => ({ leaderId: leaderAt(l), venueId: venueAt(v), role: 'accompanying' as const })),
        ],
        datePins: raw.datePins.map(([v, d]) => ({ venueId: venueAt(v), date: shape.dates[d % shape.dates.length] })),
        bans: raw.bans.map(([l, v]) => ({ leaderId: leaderAt(l), venueId: venueAt(v) })),
        settings: {
          maxTopTierPerDay: raw.maxTopTierPerDay,
          maxTopTierPerProvinceDay: raw.maxTopTierPerProvinceDay,
          travel: { dayBudgetHours: raw.dayBudgetHours },
          weights: raw.weights,
        },
      });
    });
}

/** Every chief-guest plan (no accompanying leaders) over raw leaders × candidate dates, kept if it breaks no hard rule. */
function* feasibleChiefPlans(instance: PlanningInstance): Generator<Plan> {
  const options = instance.venues.map((venue) => [
    undefined,
    ...instance.leaders.flatMap((leader) =>
      venue.candidateDates.map((date): PlanAssignment => ({ venueId: venue.id, leaderId: leader.id, date, role: 'chief_guest' })),
    ),
  ]);
  const pick = new Array<number>(options.length).fill(0);
  for (;;) {
    const plan = { assignments: pick.map((p, v) => options[v][p]).filter((a): a is PlanAssignment => !!a) };
    if (!hard(checkPlan(instance, plan)).length) yield plan;
    let v = 0;
    while (v < pick.length && ++pick[v] === options[v].length) pick[v++] = 0;
    if (v === pick.length) return;
  }
}

const uncoveredOf = (instance: PlanningInstance, plan: Plan) => checkPlan(instance, plan).filter((v) => v.code === 'VENUE_UNCOVERED').length;

describe('every plan keeps every hard rule', () => {
  it('solver and greedy: violations are only the uncovered venues and missing accompanying leaders, each explained', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary({ maxVenues: 5, maxLeaders: 5, dates: DATES, accompanying: true }), async (instance) => {
        const result = await solvePlan(instance);
        const violations = checkPlan(instance, result.plan);
        expect(hard(violations)).toEqual([]);
        const soft = violations.map((v) => `${v.code}:${v.venueId}`).sort();
        const explained = result.explanations
          .map((e) => `${e.code.startsWith('ACCOMPANYING_') ? 'ACCOMPANYING_SHORT' : 'VENUE_UNCOVERED'}:${e.venueId}`)
          .sort();
        expect(explained).toEqual(soft);
        for (const explanation of result.explanations) expect(explanation.message).toMatch(/^[^\n]+[.)]$/);

        const greedy = greedyPlan(instance);
        expect(hard(checkPlan(instance, greedy))).toEqual([]);
        const baseline = evaluatePlan(instance, greedy);
        const lexicographic = (o: typeof baseline) => [o.uncoveredVenues, o.missingAccompanying, o.preferenceTotal];
        const [u1, m1, p1] = lexicographic(result.objective);
        const [u2, m2, p2] = lexicographic(baseline);
        expect(u1 < u2 || (u1 === u2 && (m1 < m2 || (m1 === m2 && p1 <= p2 + 1e-6)))).toBe(true);
      }),
      { numRuns: 60, seed: 20270819 },
    );
  });
});

describe('optimality against brute force', () => {
  const tiny: Shape = { maxVenues: 3, maxLeaders: 3, dates: DATES.slice(1), accompanying: false };

  it('the solver covers as many venues as possible, then minimises the preference costs', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary(tiny), async (instance) => {
        let best = { uncovered: Infinity, preferences: Infinity };
        for (const plan of feasibleChiefPlans(instance)) {
          const uncovered = uncoveredOf(instance, plan);
          const preferences = evaluatePlan(instance, plan).preferenceTotal;
          if (uncovered < best.uncovered || (uncovered === best.uncovered && preferences < best.preferences)) best = { uncovered, preferences };
        }
        const result = await solvePlan(instance);
        expect(result.objective.uncoveredVenues).toBe(best.uncovered);
        expect(result.objective.preferenceTotal).toBeCloseTo(best.preferences, 4);
      }),
      { numRuns: 60, seed: 19082027 },
    );
  });

  it('the repair keeps fixed assignments whenever possible, then changes the fewest', async () => {
    const withCurrent = instanceArbitrary(tiny).chain((instance) =>
      fc
        .record({
          plan: fc.constant(instance),
          fixed: fc.array(fc.constantFrom<CurrentAssignment['fixed'] | undefined>(undefined, 'locked', 'accepted'), { minLength: 3, maxLength: 3 }),
          dropLeader: fc.nat({ max: 9 }),
          dropDate: fc.nat({ max: 9 }),
        })
        .map((raw) => raw),
    );
    await fc.assert(
      fc.asyncProperty(withCurrent, async ({ plan: instance, fixed, dropLeader, dropDate }) => {
        // The plan in force: a fresh optimum; then one leader loses one date.
        const fresh = await solvePlan(instance);
        const current: CurrentAssignment[] = fresh.plan.assignments.map((a, i) => ({ ...a, ...(fixed[i % 3] ? { fixed: fixed[i % 3] } : {}) }));
        const leaders = instance.leaders.map((leader, i) =>
          i === dropLeader % instance.leaders.length ? { ...leader, availableDates: leader.availableDates.filter((_, d) => d !== dropDate % 3) } : leader,
        );
        const changed: PlanningInstance = { ...instance, leaders, current };
        const result = await repairPlan(changed);
        expect(hard(checkPlan(changed, result.plan))).toEqual([]);

        let best = [Infinity, Infinity, Infinity];
        for (const plan of feasibleChiefPlans(changed)) {
          const score = [uncoveredOf(changed, plan), ...changeCounts(current, plan)];
          if (score[0] < best[0] || (score[0] === best[0] && (score[1] < best[1] || (score[1] === best[1] && score[2] < best[2])))) best = score;
        }
        expect([result.objective.uncoveredVenues, result.brokenFixed.length, result.changes.length]).toEqual(best);
      }),
      { numRuns: 40, seed: 2027 },
    );
  });
});

describe('the staged solve (LP, rounding, dive, neighbourhood MIP) against one full MIP', () => {
  it('reaches the same optimum as HiGHS on the whole model, and LP text and sparse arrays are the same model', async () => {
    const highs = await loadHighs();
    const medium: Shape = { maxVenues: 8, maxLeaders: 8, dates: DATES, accompanying: true };
    fc.assert(
      fc.property(instanceArbitrary(medium), (instance) => {
        const built = buildModel(buildCandidates(instance));
        const staged = solveModel(highs, built);
        const full = runHighs(highs, built.model.toModelData('lexicographic'), { timeLimitSeconds: 20, mipRelGap: 1e-9 });
        expect(full.status).toBe('optimal');
        expect(staged.objective).toBeCloseTo(full.objective, 4);
        expect(staged.bound).toBeLessThanOrEqual(full.objective + 1e-6);
        const text = runHighs(highs, built.model.toLp('lexicographic'), { timeLimitSeconds: 20, mipRelGap: 1e-9 });
        expect(text.objective).toBeCloseTo(full.objective, 6);
      }),
      { numRuns: 80, seed: 9 },
    );
  });
});

/** [fixed changes, all changes] of `plan` against `current`, counted as repair reports them. */
function changeCounts(current: readonly CurrentAssignment[], plan: Plan): [number, number] {
  const holds = new Set(plan.assignments.map((a) => `${a.venueId}|${a.leaderId}|${a.role}`));
  const dates = new Map(plan.assignments.filter((a) => a.role === 'chief_guest').map((a) => [a.venueId, a.date]));
  const fixedVenues = new Set(current.filter((a) => a.fixed).map((a) => a.venueId));
  let fixed = 0;
  let all = 0;
  for (const assignment of current) {
    if (holds.has(`${assignment.venueId}|${assignment.leaderId}|${assignment.role}`)) continue;
    all++;
    if (assignment.fixed) fixed++;
  }
  for (const assignment of current.filter((a) => a.role === 'chief_guest')) {
    if (dates.get(assignment.venueId) === assignment.date) continue;
    all++;
    if (fixedVenues.has(assignment.venueId)) fixed++;
  }
  return [fixed, all];
}
