/**
 * The assignment model, written as CPLEX LP text and solved by HiGHS (WebAssembly).
 *
 * Sets. V venues; L leaders; for each venue v its usable dates D(v) (candidate dates inside the
 * window, or its pinned date); C the pruned candidates c = (leader l, venue v, date d, role), built by
 * `buildCandidates`: a chief candidate needs tier(l) ≤ requiredTier(v), an accompanying one
 * tier(l) ≤ accompanyingTier(v); l available on d; l not banned at v; for a venue with a chief pin
 * only the pinned leader is a chief candidate.
 *
 * Variables.
 *   x_c ∈ {0,1}               one per candidate (named x<index>)
 *   uncovered_<venue> ∈ {0,1} the venue gets no chief guest (named slack, reported)
 *   short_<venue> ∈ [0,N(v)]  accompanying leaders missing at a venue asking for N(v) (named slack)
 *   spread1_<d>, spread2_<d> ≥ 0  venues on date d beyond T and beyond 2T, T = ceil(|V| / usable dates)
 *   held_<v>_<d> ∈ [0,1]       venue v held on d (defined only where accompanying leaders are needed)
 *
 * Constraints (every one is a hard rule; rows are only written where they can bind).
 *   cover(v):        Σ_{chief c at v} x_c + uncovered_v = 1                      exactly one chief guest
 *   acc(v):          Σ_{acc c at v} x_c + short_v + N(v)·uncovered_v = N(v)
 *   helddef(v,d):    Σ_{chief c at v,d} x_c − held_{v,d} = 0          (venues with accompanying only)
 *   acclink(c):      x_c + x_c' − held_{v,d} ≤ 0  for each accompanying c at v,d, c' the same leader's
 *                    chief candidate there (if any)   accompany on the chief's date, never one's own
 *   accdate(v,d):    Σ_{acc c at v,d} x_c − N(v)·held_{v,d} ≤ 0
 *   accpin(l,v):     Σ_{acc c of l at v} x_c + uncovered_v = 1                   accompanying pin holds
 *   max(l):          Σ_{c of l} x_c ≤ max(l)                                       appearances per edition
 *   day(l,d):        Σ_{c of l on d} x_c ≤ 1                          (only if max(l) ≥ 2) one a day
 *   travel(l,v,d,d'): Σ_{c of l at v on d} x_c + Σ_{c of l at v' on d', gap(v,v') > d'−d} x_c ≤ 1
 *                    for d < d' < d + G, G the largest gap from v (only if max(l) ≥ 2)
 *   capday(d):       Σ_{top-tier c on d} x_c ≤ K                                  protection, nationwide
 *   capprov(p,d):    Σ_{top-tier c in province p on d} x_c ≤ maxTopTierPerProvinceDay
 *   spread(d):       Σ_{chief c on d} x_c − spread1_d ≤ T,   … − spread2_d ≤ 2T
 *
 * Travel stays linear in |C|. gap(v,v') = max(1, ceil(travel hours / daily budget)). A travel row is
 * a clique: the leader at v on d conflicts with every v' on d' that is too far for d'−d days, and the
 * v' on d' conflict with each other (one appearance a day). One row per (leader, venue, date) cell
 * and later day d' inside the largest gap G from v, written only when some v' is too far: at most
 * |C|·(G−1) rows, with G = 1–3 for the distances and budgets of Vietnam. Pairs at least G days apart
 * need no row; pairs on the same day are covered by day(l,d).
 *
 * Objective, lexicographic through integer weights computed from the instance:
 *   uncovered ≫ broken locks (repair) ≫ missing accompanying ≫ changes (repair) ≫ preferences
 * with preferences = Σ cost_c x_c + w_spread·Σ_d (spread1_d + spread2_d); each weight exceeds the
 * largest possible total of all levels below it. The weighted sum is minimised first; unless that is
 * already within the MIP gap on the preferences alone, a second stage minimises the preferences under
 * "weighted penalties ≤ found", so a large penalty never hides a preference gap in the tolerance.
 *
 * Solving (see solveStage): the LP relaxation first (it is the bound, and on these assignment models
 * often integral); then, each tried only while no solution is within the MIP gap of that bound, the
 * greedy rounding guided by the LP values, LP diving on the neighbourhood (the LP's support plus every
 * candidate of a venue the LP splits), the MIP on the candidates whose LP reduced cost is within reach
 * of the bound (reduced-cost fixing: exact, and a tenth of the model on the national seeds), and last
 * the full MIP started from the best solution found. HiGHS's root presolve, cuts and heuristics cost
 * seconds on the whole model in the Wasm build, a tenth of that on the reduced one; most solves never
 * reach either. A repair (repair.ts) adds keep/stay rows and changed/moved columns.
 *
 * The model is kept as named columns and rows: `toLp` writes CPLEX LP text (to read, export, or feed
 * `highs.solve`), `toModelData` hands the same rows to HiGHS as sparse arrays, which skips writing and
 * parsing the text (~0.3 s per MB in the Wasm build); a property test checks both give the same optimum.
 * Size: columns |C| + 2|V| + 2|D| (+ held per venue-date needing accompanying leaders); rows linear in
 * |C| (travel and acclink rows are per candidate, the rest per venue, leader, day or province-day).
 *
 * Diagnosis (elastic mode, used by explain.ts): max, day, travel, capday and capprov rows get a
 * relax_* column; every venue that is coverable on its own must be covered; Σ relax_* is minimised
 * and the rows it violates name the rule that blocks each uncovered venue.
 */
import type { ModelData } from 'highs';
import type { CandidateSet } from './candidates';
import { canAppearTwice } from './candidates';
import type { Highs } from './highs';
import { greedyChoose } from './greedy';
import { maxAppearances } from './planning-rules';
import type { SlackUse, SolveStatus } from './planning.types';

/** Lowest first. `relax` only exists in diagnosis. */
export type PenaltyLevel = 'change' | 'short' | 'lock' | 'uncovered';
const LEVELS: readonly PenaltyLevel[] = ['change', 'short', 'lock', 'uncovered'];

export type ColumnKind = 'binary' | 'continuous';

export interface Column {
  name: string;
  kind: ColumnKind;
  upper: number;
  /** Preference cost (objective level 0). */
  cost: number;
  level?: PenaltyLevel;
  relax?: boolean;
  /** Diagnosis: a tiny cost for leaving the plan being explained, so relaxations stay next to it. */
  diagnosisCost?: number;
}

export type RowFamily = 'cover' | 'acc' | 'accdate' | 'accpin' | 'max' | 'day' | 'travel' | 'capday' | 'capprov' | 'spread' | 'repair' | 'lexcap';

export interface Row {
  name: string;
  family: RowFamily;
  terms: [number, string][];
  sense: '<=' | '=' | '>=';
  rhs: number;
  /** What the row is about, for explanations: leader/venue indexes, date, province. */
  meta?: { leader?: number; venue?: number; date?: string; province?: string };
}

export type ObjectiveMode = 'lexicographic' | 'preferences' | 'relaxations';

export interface ModelOptions {
  /**
   * Diagnosis: rule rows get relax_* columns; only `mayStayUncovered` venues may stay uncovered; candidates
   * outside `keep` (the plan being explained) cost a little, less in total than one relaxation.
   */
  elastic?: { mayStayUncovered: ReadonlySet<number>; keep: ReadonlySet<number> };
  /** Extra columns and rows (repair adds change and lock terms). */
  extend?: (model: LpModel, set: CandidateSet) => void;
}

/** A model as columns and rows, written to LP text on demand. */
export class LpModel {
  readonly columns = new Map<string, Column>();
  readonly rows: Row[] = [];
  /** Upper bound of the preference objective, for the lexicographic weights. */
  preferenceBound = 0;

  addColumn(column: Omit<Column, 'cost'> & { cost?: number }): string {
    if (this.columns.has(column.name)) throw new Error(`Duplicate column ${column.name}`);
    this.columns.set(column.name, { cost: 0, ...column });
    return column.name;
  }

  addRow(row: Row): void {
    this.rows.push(row);
  }

  /** Weight of each penalty level: more than everything below it can add up to. */
  levelWeights(): Record<PenaltyLevel, number> {
    const weights = {} as Record<PenaltyLevel, number>;
    let below = Math.ceil(this.preferenceBound);
    for (const level of LEVELS) {
      const weight = below + 1;
      weights[level] = weight;
      let count = 0;
      for (const column of this.columns.values()) if (column.level === level) count += column.upper;
      below += weight * count;
    }
    return weights;
  }

  objectiveCoefficient(column: Column, mode: ObjectiveMode, weights: Record<PenaltyLevel, number>): number {
    if (mode === 'relaxations') return column.relax ? 1 : column.level === 'uncovered' ? 1000 : (column.diagnosisCost ?? 0);
    if (column.level) return mode === 'lexicographic' ? weights[column.level] : 0;
    return column.cost;
  }

  /** Weighted penalty of a solution (0 when every venue is covered and nothing had to change). */
  penaltyOf(values: ReadonlyMap<string, number>): number {
    const weights = this.levelWeights();
    let total = 0;
    for (const column of this.columns.values()) if (column.level) total += weights[column.level] * (values.get(column.name) ?? 0);
    return total;
  }

  objectiveOf(values: ReadonlyMap<string, number>, mode: ObjectiveMode): number {
    const weights = this.levelWeights();
    let total = 0;
    for (const column of this.columns.values()) total += this.objectiveCoefficient(column, mode, weights) * (values.get(column.name) ?? 0);
    return total;
  }

  /**
   * LP text. `relaxIntegrality` drops the Binary section (the LP relaxation); `exclude` leaves columns
   * out (fixed at 0), for the MIP restricted to the LP relaxation's support.
   */
  toLp(mode: ObjectiveMode, options: { penaltyCap?: number; relaxIntegrality?: boolean; exclude?: ReadonlySet<string> } = {}): string {
    const weights = this.levelWeights();
    const exclude = options.exclude;
    const kept = (list: readonly [number, string][]) => (exclude ? list.filter(([, name]) => !exclude.has(name)) : list);
    const out: string[] = ['Minimize'];
    const objective: [number, string][] = [];
    for (const column of this.columns.values()) {
      if (exclude?.has(column.name)) continue;
      const coefficient = this.objectiveCoefficient(column, mode, weights);
      if (coefficient !== 0) objective.push([coefficient, column.name]);
    }
    if (!objective.length) objective.push([0, [...this.columns.keys()].find((name) => !exclude?.has(name)) ?? 'empty_model']);
    out.push(` obj:${terms(objective)}`, 'Subject To');
    for (const row of this.rows) {
      const rowTerms = kept(row.terms);
      if (!rowTerms.length) {
        // All its columns are out (at 0): fine unless the row needs something positive.
        if ((row.sense === '<=' && row.rhs >= 0) || (row.sense === '>=' && row.rhs <= 0) || (row.sense === '=' && row.rhs === 0)) continue;
        throw new Error(`Row ${row.name} cannot hold with all its columns excluded`);
      }
      out.push(` ${row.name}:${terms(rowTerms)} ${row.sense} ${num(row.rhs)}`);
    }
    if (options.penaltyCap !== undefined) {
      const penalty: [number, string][] = [];
      for (const column of this.columns.values()) if (column.level && !exclude?.has(column.name)) penalty.push([weights[column.level], column.name]);
      if (penalty.length) out.push(` lexcap:${terms(penalty)} <= ${num(options.penaltyCap + 0.5)}`);
    }
    out.push('Bounds');
    const binaries: string[] = [];
    for (const column of this.columns.values()) {
      if (exclude?.has(column.name)) continue;
      if (column.kind === 'binary') binaries.push(column.name);
      if (column.kind === 'binary' && options.relaxIntegrality) out.push(` 0 <= ${column.name} <= 1`);
      else if (column.kind === 'continuous' && column.upper !== Infinity) out.push(` 0 <= ${column.name} <= ${num(column.upper)}`);
    }
    if (!options.relaxIntegrality && binaries.length) {
      out.push('Binary');
      for (let i = 0; i < binaries.length; i += 40) out.push(` ${binaries.slice(i, i + 40).join(' ')}`);
    }
    out.push('End');
    return out.join('\n');
  }

  /**
   * The same model as `toLp`, as sparse arrays (CSR) for HiGHS: no text to write or parse, which in
   * the Wasm build costs ~0.3 s per MB of LP text. Excluded columns are left out.
   */
  toModelData(
    mode: ObjectiveMode,
    options: { penaltyCap?: number; relaxIntegrality?: boolean; exclude?: ReadonlySet<string>; fixed?: ReadonlySet<string> } = {},
  ): SparseModel {
    const weights = this.levelWeights();
    const exclude = options.exclude;
    const names: string[] = [];
    const index = new Map<string, number>();
    const colCost: number[] = [];
    const colLower: number[] = [];
    const colUpper: number[] = [];
    const integrality: number[] = [];
    for (const column of this.columns.values()) {
      if (exclude?.has(column.name)) continue;
      index.set(column.name, names.length);
      names.push(column.name);
      colCost.push(this.objectiveCoefficient(column, mode, weights));
      colLower.push(options.fixed?.has(column.name) ? column.upper : 0);
      colUpper.push(column.upper);
      integrality.push(column.kind === 'binary' && !options.relaxIntegrality ? 1 : 0);
    }
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    const addRow = (rowTerms: readonly [number, string][], sense: Row['sense'], rhs: number, name: string) => {
      let count = 0;
      for (const [coefficient, column] of rowTerms) {
        const at = index.get(column);
        if (at === undefined) continue;
        indices.push(at);
        values.push(coefficient);
        count++;
      }
      if (!count) {
        if ((sense === '<=' && rhs >= 0) || (sense === '>=' && rhs <= 0) || (sense === '=' && rhs === 0)) return;
        throw new Error(`Row ${name} cannot hold with all its columns excluded`);
      }
      starts.push(indices.length);
      rowLower.push(sense === '<=' ? -Infinity : rhs);
      rowUpper.push(sense === '>=' ? Infinity : rhs);
    };
    for (const row of this.rows) addRow(row.terms, row.sense, row.rhs, row.name);
    if (options.penaltyCap !== undefined) {
      const penalty: [number, string][] = [];
      for (const column of this.columns.values()) if (column.level) penalty.push([weights[column.level], column.name]);
      addRow(penalty, '<=', options.penaltyCap + 0.5, 'lexcap');
    }
    return {
      names,
      index,
      data: {
        numCols: names.length,
        numRows: rowLower.length,
        colCost: Float64Array.from(colCost),
        colLower: Float64Array.from(colLower),
        colUpper: Float64Array.from(colUpper),
        rowLower: Float64Array.from(rowLower),
        rowUpper: Float64Array.from(rowUpper),
        matrix: {
          format: 'csr',
          numRows: rowLower.length,
          numCols: names.length,
          starts: Int32Array.from(starts),
          indices: Int32Array.from(indices),
          values: Float64Array.from(values),
        },
        integrality: Int32Array.from(integrality),
      },
    };
  }
}

/** A model as HiGHS sparse arrays, with the column order. */
export interface SparseModel {
  names: string[];
  index: Map<string, number>;
  data: ModelData;
}

/** Terms, wrapped every 40 so no LP line grows without bound. */
function terms(list: readonly [number, string][]): string {
  let text = '';
  list.forEach(([coefficient, name], index) => {
    if (index > 0 && index % 40 === 0) text += '\n  ';
    const magnitude = Math.abs(coefficient);
    text += `${coefficient < 0 ? ' -' : ' +'} ${magnitude === 1 ? '' : `${num(magnitude)} `}${name}`;
  });
  return text;
}

function num(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(6);
}

/** LP-safe, unique slack-name suffixes from ids (uuids keep their hex, other characters become _). */
export function slackKeys(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.map((id, index) => {
    let key = id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60) || `n${index}`;
    if (seen.has(key)) key = `${key}_${index}`;
    seen.add(key);
    return key;
  });
}

export const candidateColumn = (index: number) => `x${index}`;

export interface PlanningModel {
  model: LpModel;
  set: CandidateSet;
  uncoveredColumn: string[];
  shortColumn: (string | undefined)[];
}

export function buildModel(set: CandidateSet, options: ModelOptions = {}): PlanningModel {
  const { instance, candidates } = set;
  const { venues, leaders, settings } = instance;
  const model = new LpModel();
  const elastic = options.elastic;
  const venueKeys = slackKeys(venues.map((venue) => venue.id));
  const x = candidateColumn;

  const drift = elastic ? 1 / (2 * venues.reduce((sum, venue) => sum + 1 + (venue.accompanying ?? 0), 0) + 1) : 0;
  for (const candidate of candidates) {
    const diagnosisCost = elastic && !elastic.keep.has(candidate.index) ? drift : undefined;
    model.addColumn({ name: x(candidate.index), kind: 'binary', upper: 1, cost: candidate.cost, diagnosisCost });
  }

  // Coverage, accompanying leaders and accompanying pins, per venue.
  const uncoveredColumn: string[] = [];
  const shortColumn: (string | undefined)[] = [];
  venues.forEach((venue, v) => {
    const mayStay = !elastic || elastic.mayStayUncovered.has(v);
    const uncovered = `uncovered_${venueKeys[v]}`;
    uncoveredColumn[v] = uncovered;
    if (mayStay) model.addColumn({ name: uncovered, kind: 'binary', upper: 1, level: 'uncovered' });
    const withUncovered = (list: [number, string][]): [number, string][] => (mayStay ? [...list, [1, uncovered]] : list);
    model.addRow({
      name: `cover_${v}`,
      family: 'cover',
      terms: withUncovered(set.chiefByVenue[v].map((c) => [1, x(c)])),
      sense: '=',
      rhs: 1,
      meta: { venue: v },
    });
    const needed = venue.accompanying ?? 0;
    if (needed > 0) {
      const short = `short_${venueKeys[v]}`;
      shortColumn[v] = short;
      model.addColumn({ name: short, kind: 'continuous', upper: needed, level: 'short' });
      model.addRow({
        name: `acc_${v}`,
        family: 'acc',
        // An uncovered venue is not also short of accompanying leaders: its N(v) is taken by uncovered_v.
        terms: [
          ...set.accompanyingByVenue[v].map((c): [number, string] => [1, x(c)]),
          [1, short],
          ...(mayStay ? [[needed, uncovered] as [number, string]] : []),
        ],
        sense: '=',
        rhs: needed,
        meta: { venue: v },
      });
      // held_<v>_<d> = the venue is held on d (its chief guest's date); each accompanying candidate is
      // tied to it on its own row, which the LP relaxation respects far better than N·held aggregated.
      for (const date of set.venueDates[v]) {
        const accompanying = set.accompanyingByVenue[v].filter((c) => candidates[c].date === date);
        if (!accompanying.length) continue;
        const chiefs = set.chiefByVenue[v].filter((c) => candidates[c].date === date);
        const held = model.addColumn({ name: `held_${v}_${date.replaceAll('-', '')}`, kind: 'continuous', upper: 1 });
        model.addRow({
          name: `helddef_${v}_${date.replaceAll('-', '')}`,
          family: 'accdate',
          terms: [...chiefs.map((c): [number, string] => [1, x(c)]), [-1, held]],
          sense: '=',
          rhs: 0,
          meta: { venue: v, date },
        });
        if (accompanying.length > needed) {
          model.addRow({
            name: `accdate_${v}_${date.replaceAll('-', '')}`,
            family: 'accdate',
            terms: [...accompanying.map((c): [number, string] => [1, x(c)]), [-needed, held]],
            sense: '<=',
            rhs: 0,
            meta: { venue: v, date },
          });
        }
        for (const c of accompanying) {
          // A leader accompanies a venue only when someone else is its chief guest: being both is one
          // appearance too many (their max or day row), so x_acc + x_chief(same leader) ≤ held holds for
          // every plan. Without the chief term the LP takes half of each, venue after venue, and its
          // bound stays weak (issue 21). Diagnosis keeps the plain row: its max and day rows may relax.
          const twin = elastic ? undefined : chiefs.find((chief) => candidates[chief].leader === candidates[c].leader);
          model.addRow({
            name: `acclink_${c}`,
            family: 'accdate',
            terms: [[1, x(c)], ...(twin === undefined ? [] : [[1, x(twin)] as [number, string]]), [-1, held]],
            sense: '<=',
            rhs: 0,
            meta: { venue: v, date },
          });
        }
      }
    }
    set.accompanyingPins[v].forEach((leader, k) => {
      const own = leader < 0 ? [] : set.accompanyingByVenue[v].filter((c) => candidates[c].leader === leader);
      model.addRow({
        name: `accpin_${v}_${k}`,
        family: 'accpin',
        terms: withUncovered(own.map((c) => [1, x(c)])),
        sense: '=',
        rhs: 1,
        meta: { venue: v, leader },
      });
    });
  });

  const relax = (name: string, upper = Infinity): [number, string][] => {
    if (!elastic) return [];
    if (!model.columns.has(name)) model.addColumn({ name, kind: 'continuous', upper, relax: true });
    return [[-1, name]];
  };

  // The largest gap from a venue to any other, computed once per venue that needs it.
  const widest = new Int16Array(venues.length);
  const widestGap = (v: number) => {
    if (!widest[v]) for (let u = 0; u < venues.length; u++) widest[v] = Math.max(widest[v], set.daysApart(v, u));
    return widest[v];
  };

  // Per leader: appearances, one a day, travel.
  leaders.forEach((leader, l) => {
    const own = set.byLeader[l];
    const limit = maxAppearances(leader);
    if (own.length > limit) {
      model.addRow({
        name: `max_${l}`,
        family: 'max',
        terms: [...own.map((c): [number, string] => [1, x(c)]), ...relax(`relax_max_${l}`)],
        sense: '<=',
        rhs: limit,
        meta: { leader: l },
      });
    }
    if (!canAppearTwice(set, l) || own.length < 2) return;
    const byDay = new Map<number, number[]>();
    for (const c of own) push(byDay, candidates[c].day, c);
    for (const [day, list] of byDay) {
      if (list.length < 2) continue;
      model.addRow({
        name: `day_${l}_${day}`,
        family: 'day',
        terms: [...list.map((c): [number, string] => [1, x(c)]), ...relax(`relax_day_${l}_${day}`, 1)],
        sense: '<=',
        rhs: 1,
        meta: { leader: l, date: candidates[list[0]].date },
      });
    }
    // Cells (venue, day) of this leader; a travel row per cell and later day inside the cell's largest gap.
    const cells = new Map<string, number[]>();
    for (const c of own) {
      const key = `${candidates[c].venue}|${candidates[c].day}`;
      push(cells, key, c);
    }
    for (const list of cells.values()) {
      const { venue: v, day } = candidates[list[0]];
      const gap = widestGap(v);
      for (let later = day + 1; later < day + gap; later++) {
        const conflicting = (byDay.get(later) ?? []).filter((c) => candidates[c].venue !== v && set.daysApart(v, candidates[c].venue) > later - day);
        if (!conflicting.length) continue;
        model.addRow({
          name: `travel_${l}_${v}_${day}_${later}`,
          family: 'travel',
          terms: [...[...list, ...conflicting].map((c): [number, string] => [1, x(c)]), ...relax(`relax_travel_${l}`, 1)],
          sense: '<=',
          rhs: 1,
          meta: { leader: l, venue: v, date: candidates[list[0]].date },
        });
      }
    }
  });

  // Protection capacity for top-tier leaders: K a day nationwide, a cap per province and day.
  const topByDay = new Map<number, number[]>();
  const topByProvinceDay = new Map<string, number[]>();
  for (const candidate of candidates) {
    if (!candidate.topTier) continue;
    push(topByDay, candidate.day, candidate.index);
    const key = `${venues[candidate.venue].provinceCode}|${candidate.day}`;
    push(topByProvinceDay, key, candidate.index);
  }
  for (const [day, list] of topByDay) {
    if (new Set(list.map((c) => candidates[c].leader)).size <= settings.maxTopTierPerDay) continue;
    model.addRow({
      name: `capday_${day}`,
      family: 'capday',
      terms: [...list.map((c): [number, string] => [1, x(c)]), ...relax(`relax_capday_${day}`)],
      sense: '<=',
      rhs: settings.maxTopTierPerDay,
      meta: { date: candidates[list[0]].date },
    });
  }
  for (const [key, list] of topByProvinceDay) {
    if (new Set(list.map((c) => candidates[c].leader)).size <= settings.maxTopTierPerProvinceDay) continue;
    const province = key.split('|')[0];
    model.addRow({
      name: `capprov_${province.replace(/[^A-Za-z0-9]/g, '_')}_${candidates[list[0]].day}`,
      family: 'capprov',
      terms: [...list.map((c): [number, string] => [1, x(c)]), ...relax(`relax_capprov_${province.replace(/[^A-Za-z0-9]/g, '_')}_${candidates[list[0]].day}`)],
      sense: '<=',
      rhs: settings.maxTopTierPerProvinceDay,
      meta: { province, date: candidates[list[0]].date },
    });
  }

  // Spread: venues on one date beyond the fair share T (and beyond 2T) cost the spread weight each.
  const weight = settings.weights.spread;
  const target = set.context.spreadTarget;
  const chiefsByDay = new Map<number, number[]>();
  for (const candidate of candidates) {
    if (candidate.role === 'chief_guest') push(chiefsByDay, candidate.day, candidate.index);
  }
  if (weight > 0) {
    for (const [day, list] of chiefsByDay) {
      const venuesThatDay = new Set(list.map((c) => candidates[c].venue)).size;
      for (const [step, bound] of [
        [1, target],
        [2, 2 * target],
      ] as const) {
        if (venuesThatDay <= bound) continue;
        const column = model.addColumn({ name: `spread${step}_${day}`, kind: 'continuous', upper: Infinity, cost: weight });
        model.addRow({
          name: `spread${step}row_${day}`,
          family: 'spread',
          terms: [...list.map((c): [number, string] => [1, x(c)]), [-1, column]],
          sense: '<=',
          rhs: bound,
          meta: { date: candidates[list[0]].date },
        });
      }
    }
  }

  // Bound on the preference objective: the dearest candidate per venue and role, plus the worst spread.
  let bound = 2 * weight * venues.length;
  venues.forEach((venue, v) => {
    bound += Math.max(0, ...set.chiefByVenue[v].map((c) => candidates[c].cost));
    bound += (venue.accompanying ?? 0) * Math.max(0, ...set.accompanyingByVenue[v].map((c) => candidates[c].cost));
  });
  model.preferenceBound = bound;

  options.extend?.(model, set);
  return { model, set, uncoveredColumn, shortColumn };
}

export interface SolvedModel {
  status: SolveStatus;
  values: Map<string, number>;
  /** Chosen candidate indexes. */
  chosen: number[];
  /** Lexicographic objective of the solution (penalties weighted, plus preferences). */
  objective: number;
  /** LP-relaxation bound of the lexicographic objective. */
  bound: number;
  slacks: SlackUse[];
  solves: number;
}

export interface RunOptions {
  timeLimitSeconds: number;
  mipRelGap: number;
  mipAbsGap?: number;
  presolve?: boolean;
  /** Read an optimal LP's reduced costs back (RunOutcome.reducedCosts). */
  reducedCosts?: boolean;
}

export interface RunOutcome {
  /** HiGHS model status: optimal, time_limit, or the name of anything else. */
  status: string;
  values: Map<string, number>;
  objective: number;
  /** An optimal LP's reduced costs (column name → value), when asked for with `reducedCosts`. */
  reducedCosts?: Map<string, number>;
}

/**
 * Runs HiGHS on a model, as LP text or sparse arrays, optionally from a start solution (column name →
 * value; HiGHS completes the rest). Throws if HiGHS cannot read or run the model (a very large model
 * can exhaust Wasm memory: solve provinces one by one).
 */
export function runHighs(highs: Highs, input: string | SparseModel, options: RunOptions, start?: ReadonlyMap<string, number>): RunOutcome {
  const size = typeof input === 'string' ? `${input.length} characters` : `${input.names.length} columns`;
  try {
    return highs.withModel(typeof input === 'string' ? { format: 'lp', data: input } : input.data, (model) => {
      model.options.set({
        output_flag: false,
        time_limit: options.timeLimitSeconds,
        mip_rel_gap: options.mipRelGap,
        ...(options.mipAbsGap !== undefined ? { mip_abs_gap: options.mipAbsGap } : {}),
        presolve: options.presolve === false ? 'off' : 'choose',
        // The feasibility-jump heuristic costs ~50–80 ms a solve in the Wasm build and finds nothing the
        // LP-based heuristics miss on these assignment models.
        mip_heuristic_run_feasibility_jump: false,
      });
      const indexOf = (name: string) => (typeof input === 'string' ? model.getColByName(name) : (input.index.get(name) ?? -1));
      if (start?.size) {
        const indices: number[] = [];
        const values: number[] = [];
        for (const [name, value] of start) {
          const index = indexOf(name);
          if (index < 0) continue;
          indices.push(index);
          values.push(value);
        }
        model.setSolution({ indices: Int32Array.from(indices), values: Float64Array.from(values) });
      }
      model.run();
      const { modelStatus, solutionStatus } = highs.constants;
      const code = model.getModelStatus() as number;
      // An empty model (no candidate at all: nothing to plan) is trivially solved.
      if (code === modelStatus.empty) return { status: 'optimal', values: new Map<string, number>(), objective: 0 };
      const status =
        code === modelStatus.optimal
          ? 'optimal'
          : code === modelStatus.infeasible
            ? 'infeasible'
            : code === modelStatus.timeLimit
              ? 'time_limit'
              : `status_${code}`;
      const values = new Map<string, number>();
      // A time-limited MIP may stop before finding any feasible point: its buffers then mean nothing.
      const feasible = status === 'optimal' || (status === 'time_limit' && Number(model.info.get('primal_solution_status')) === solutionStatus.feasible);
      let reducedCosts: Map<string, number> | undefined;
      if (feasible) {
        const { colValue, colDual } = model.getSolution();
        const nameOf = (index: number) => (typeof input === 'string' ? model.getColName(index) : input.names[index]);
        for (let index = 0; index < colValue.length; index++) values.set(nameOf(index), colValue[index]);
        if (options.reducedCosts && status === 'optimal') {
          reducedCosts = new Map();
          for (let index = 0; index < colDual.length; index++) reducedCosts.set(nameOf(index), colDual[index]);
        }
      }
      return { status, values, objective: values.size ? model.getObjectiveValue() : NaN, ...(reducedCosts ? { reducedCosts } : {}) };
    });
  } catch (error) {
    throw new Error(`HiGHS could not solve a model of ${size}: ${(error as Error).message}`, { cause: error });
  }
}

function solvedFrom(built: PlanningModel, values: Map<string, number>, status: SolveStatus, solves: number, bound: number): SolvedModel {
  const { model, set } = built;
  const chosen = set.candidates.filter((candidate) => (values.get(candidateColumn(candidate.index)) ?? 0) > 0.5).map((c) => c.index);
  const slacks: SlackUse[] = [];
  for (const column of model.columns.values()) {
    const value = values.get(column.name) ?? 0;
    if ((column.level || column.relax) && value > 1e-6) slacks.push({ name: column.name, value: Math.round(value * 1e6) / 1e6 });
  }
  return { status, values, chosen, objective: model.objectiveOf(values, 'lexicographic'), bound, slacks, solves };
}

interface StageOutcome {
  status: SolveStatus;
  values: Map<string, number>;
  bound: number;
  solves: number;
  /** Within the MIP gap of the bound measured on the preferences alone: no second stage needed. */
  tight: boolean;
}

/**
 * One objective, solved the fast way first. These models are close to integral (assignment structure),
 * and HiGHS's root cuts and heuristics cost seconds in Wasm before finding what the LP already shows:
 *  1. the LP relaxation (no presolve), which is the bound; if it is integral, it is the optimum;
 *  2. else the greedy rounding guided by the LP values, then LP diving restricted to the LP's support
 *     plus every candidate of the venues the LP splits (a small model); the first solution within the
 *     MIP gap of the bound is optimal within that gap;
 *  3. else the MIP on the candidates within reach of the bound by their reduced costs (outOfReach),
 *     whose optimum, if it is within that reach, is the optimum of the whole model — started from a
 *     dive inside that reach, and widened up to REACH_ATTEMPTS times (issue 21: the hard national
 *     seeds' MIPs went from the whole model's ~3,600 columns to ~350–500). Where that model would be
 *     larger than the neighbourhood (degenerate LPs: provinces with many equivalent officials), the
 *     MIP on the neighbourhood goes first, as before;
 *  4. else the full MIP, started from the best solution so far. For the weighted objective it runs to an absolute
 *     gap below the smallest penalty weight (so the penalties are optimal) and, when it can, as small
 *     as the relative gap on the preferences; otherwise the caller re-solves the preferences.
 * The gap is measured against the preference part of the value, so a large penalty never hides a
 * preference gap.
 */
function solveStage(highs: Highs, built: PlanningModel, mode: ObjectiveMode, penaltyCap?: number): StageOutcome {
  const { model, set } = built;
  const settings = set.instance.settings;
  const relaxed = runHighs(highs, model.toModelData(mode, { penaltyCap, relaxIntegrality: true }), { ...settings, presolve: false, reducedCosts: true });
  let solves = 1;
  let bound = -Infinity;
  let incumbent: Map<string, number> | undefined;
  const closeEnough = (values: ReadonlyMap<string, number>) =>
    model.objectiveOf(values, mode) - bound <= settings.mipRelGap * Math.max(1, model.objectiveOf(values, 'preferences')) + 1e-7;
  const better = (values: Map<string, number> | undefined) => {
    if (values && (!incumbent || model.objectiveOf(values, mode) < model.objectiveOf(incumbent, mode))) incumbent = values;
  };
  if (relaxed.status === 'optimal') {
    bound = relaxed.objective;
    const lpValue = (c: number) => relaxed.values.get(candidateColumn(c)) ?? 0;
    if (set.candidates.every((c) => isIntegral(lpValue(c.index)))) {
      const values = completeValues(
        built,
        set.candidates.filter((c) => lpValue(c.index) > 0.5).map((c) => c.index),
        penaltyCap,
      );
      if (values && closeEnough(values)) return { status: 'optimal', values, bound, solves, tight: true };
      better(values);
    }
    // Rounding: the greedy rule-keeping choice, guided by the LP values.
    better(completeValues(built, greedyChoose(set, lpValue), penaltyCap));
    if (incumbent && closeEnough(incumbent)) return { status: 'optimal', values: incumbent, bound, solves, tight: true };
    // The neighbourhood: the LP's support, plus every candidate of a venue the LP splits between candidates.
    const split = new Set<number>();
    for (const c of set.candidates) if (!isIntegral(lpValue(c.index))) split.add(c.venue);
    const exclude = new Set(set.candidates.filter((c) => !split.has(c.venue) && lpValue(c.index) <= 1e-6).map((c) => candidateColumn(c.index)));
    // Diving in it: fix the most nearly integral fractional candidates to 1 and re-solve the LP.
    const dived = dive(highs, built, mode, penaltyCap, exclude);
    solves += dived.solves;
    better(dived.values);
    if (incumbent && closeEnough(incumbent)) return { status: 'optimal', values: incumbent, bound, solves, tight: true };
    // The MIP on the candidates whose reduced cost is within `reach` of the bound (see outOfReach): a
    // plan found there within `reach` of the bound is optimal for the whole model. The reach starts
    // at 0.2% of the LP's preferences (the gap left on the hard national seeds is 0.11–0.15%), or at
    // the gap of the best solution so far if that is smaller; it grows to the gap of the plan found
    // (the next MIP proves or improves it), or fourfold when none was found.
    const scale = Math.max(1, model.objectiveOf(relaxed.values, 'preferences'));
    const tolerance = 1e-7 * Math.max(1, Math.abs(bound));
    const gapOf = (values: ReadonlyMap<string, number>) => model.objectiveOf(values, mode) - bound;
    let reach = Math.min(2e-3 * scale, incumbent ? gapOf(incumbent) : Infinity);
    // Where the LP is degenerate (many equivalent officials in a province) few reduced costs exceed the
    // reach: then the MIP on the neighbourhood, the smaller model, goes first, and often ends within
    // the MIP gap of the bound (it is not proof on its own: the LP's bound is).
    if (!relaxed.reducedCosts || exclude.size > outOfReach(model, relaxed, reach).size) {
      const restricted = runHighs(highs, model.toModelData(mode, { penaltyCap, exclude }), { ...settings, presolve: false }, incumbent && startOf(incumbent));
      solves++;
      if (restricted.status === 'optimal' || restricted.status === 'time_limit') {
        for (const name of exclude) restricted.values.set(name, 0);
        better(restricted.values);
        if (incumbent && closeEnough(incumbent)) return { status: 'optimal', values: incumbent, bound, solves, tight: true };
      }
      if (incumbent) reach = Math.min(reach, gapOf(incumbent));
    }
    if (relaxed.reducedCosts) {
      for (let attempt = 0; attempt < REACH_ATTEMPTS; attempt++) {
        const beyond = outOfReach(model, relaxed, reach);
        if (!incumbent || gapOf(incumbent) > reach + tolerance) {
          // A start within reach, from diving in it: HiGHS's root then prunes with it from the first round.
          const inReach = dive(highs, built, mode, penaltyCap, beyond);
          solves += inReach.solves;
          better(inReach.values);
          if (incumbent && closeEnough(incumbent)) return { status: 'optimal', values: incumbent, bound, solves, tight: true };
        }
        const { gaps, tight } = mipGaps(mode, settings, incumbent && model.objectiveOf(incumbent, 'preferences'));
        const start = incumbent && gapOf(incumbent) <= reach + tolerance ? startOf(incumbent) : undefined;
        const reduced = runHighs(highs, model.toModelData(mode, { penaltyCap, exclude: beyond }), { ...settings, ...gaps }, start);
        solves++;
        if (reduced.values.size) {
          for (const name of beyond) reduced.values.set(name, 0);
          better(reduced.values);
        }
        if (reduced.status !== 'optimal' && reduced.status !== 'infeasible') break;
        if (incumbent && closeEnough(incumbent)) return { status: 'optimal', values: incumbent, bound, solves, tight: true };
        if (reduced.status === 'optimal' && gapOf(reduced.values) <= reach + tolerance) {
          // Optimal within the MIP's gap among all plans within reach, and every plan out of reach is worse.
          return { status: 'optimal', values: incumbent!, bound, solves, tight };
        }
        reach = incumbent ? Math.max(gapOf(incumbent), 2 * reach) : 4 * reach;
      }
    }
  }
  const { gaps, tight } = mipGaps(mode, settings, incumbent && model.objectiveOf(incumbent, 'preferences'));
  const full = runHighs(highs, model.toModelData(mode, { penaltyCap }), { ...settings, ...gaps }, incumbent && startOf(incumbent));
  solves++;
  if (full.status !== 'optimal' && full.status !== 'time_limit') throw new Error(`HiGHS ended with status "${full.status}"`);
  return { status: full.status === 'optimal' ? 'optimal' : 'time_limit', values: full.values, bound, solves, tight };
}

/** How many times the reduced-cost MIP is tried, each with a wider reach, before the full MIP. */
const REACH_ATTEMPTS = 3;

/**
 * The MIP's gaps. Weighted objective: an absolute gap below the smallest penalty weight (0.5), and as
 * small as the relative gap asks on the preferences of the best solution so far — then the result is
 * tight as well. Preferences: the configured relative gap.
 */
function mipGaps(mode: ObjectiveMode, settings: RunOptions, incumbentPreferences: number | undefined): { gaps: Partial<RunOptions>; tight: boolean } {
  if (mode !== 'lexicographic') return { gaps: {}, tight: true };
  const absolute = incumbentPreferences !== undefined ? Math.min(0.5, settings.mipRelGap * Math.max(1, incumbentPreferences)) : 0.5;
  return { gaps: { mipRelGap: 0, mipAbsGap: absolute }, tight: absolute < 0.5 };
}

/**
 * Reduced-cost fixing. For an optimal LP with value B and reduced costs d (d_j ≥ 0 for a column at
 * its lower bound 0, d_j ≤ 0 at its upper bound), every point x of the LP's feasible set, hence every
 * plan, has objective ≥ B + Σ_{j at 0} d_j·x_j + Σ_{j at upper} d_j·(x_j − u_j), each term ≥ 0 (LP
 * duality). So a binary column at 0 whose d_j exceeds `reach` is 0 in every plan of objective ≤ B +
 * reach: leaving those columns out keeps every such plan, and if the MIP on what is left finds its
 * optimum within that reach, no plan outside it can be better — it is the optimum of the whole model.
 * With reach = (best solution so far) − B this is textbook reduced-cost fixing. Only binaries are
 * fixed (a continuous column could still take a fraction). The tolerance covers HiGHS's dual tolerance.
 */
export function outOfReach(model: LpModel, relaxed: RunOutcome, reach: number): Set<string> {
  const tolerance = 1e-6 * Math.max(1, Math.abs(relaxed.objective));
  const beyond = new Set<string>();
  for (const column of model.columns.values()) {
    if (column.kind !== 'binary' || (relaxed.values.get(column.name) ?? 0) > 1e-9) continue;
    if ((relaxed.reducedCosts?.get(column.name) ?? 0) > reach + tolerance) beyond.add(column.name);
  }
  return beyond;
}

/**
 * LP diving on a neighbourhood: repeatedly fix the fractional candidates nearest to 1 at 1 (at most one
 * per venue and per leader a round) and re-solve the LP, until it is integral (a solution) or
 * infeasible (none found). LP solves only: cheap, and no MIP machinery to run.
 */
function dive(
  highs: Highs,
  built: PlanningModel,
  mode: ObjectiveMode,
  penaltyCap: number | undefined,
  exclude: ReadonlySet<string>,
): { values?: Map<string, number>; solves: number } {
  const { model, set } = built;
  const fixed = new Set<string>();
  for (let solves = 1; solves <= 40; solves++) {
    const lp = runHighs(highs, model.toModelData(mode, { penaltyCap, exclude, relaxIntegrality: true, fixed }), {
      ...set.instance.settings,
      presolve: false,
    });
    if (lp.status !== 'optimal') return { solves };
    const fractional = set.candidates
      .map((c) => ({ name: candidateColumn(c.index), value: lp.values.get(candidateColumn(c.index)) ?? 0 }))
      .filter(({ value }) => !isIntegral(value));
    if (!fractional.length) {
      const chosen = set.candidates.filter((c) => (lp.values.get(candidateColumn(c.index)) ?? 0) > 0.5).map((c) => c.index);
      return { values: completeValues(built, chosen, penaltyCap), solves };
    }
    const top = Math.max(...fractional.map(({ value }) => value));
    // At most one new fix per venue and per leader a round: fixing both halves of a split venue (or a
    // leader's two halves) at once makes the next LP infeasible.
    const venues = new Set<number>();
    const leaders = new Set<number>();
    for (const { name, value } of fractional.sort((a, b) => b.value - a.value)) {
      if (value < Math.min(top, 0.9)) break;
      const candidate = set.candidates[Number(name.slice(1))];
      if (venues.has(candidate.venue) || leaders.has(candidate.leader)) continue;
      venues.add(candidate.venue);
      leaders.add(candidate.leader);
      fixed.add(name);
    }
  }
  return { solves: 40 };
}

/** The integer part of a solution (candidates, uncovered): enough for HiGHS to complete a start. */
const startOf = (values: ReadonlyMap<string, number>) => new Map([...values].filter(([name]) => name.startsWith('x') || name.startsWith('uncovered_')));

const isIntegral = (value: number) => Math.abs(value - Math.round(value)) <= 1e-6;

/**
 * Every column's value for a set of chosen candidates: slack, held, spread and repair columns take the
 * least value their rows allow. Undefined if the choice breaks a row (it is then no solution at all).
 */
export function completeValues(built: PlanningModel, chosen: Iterable<number>, penaltyCap?: number): Map<string, number> | undefined {
  const { model, set } = built;
  const values = new Map<string, number>();
  for (const candidate of set.candidates) values.set(candidateColumn(candidate.index), 0);
  for (const c of chosen) values.set(candidateColumn(c), 1);
  // Rows with one column still unknown fix it; cover rows come first (uncovered feeds acc and accpin rows).
  const ordered = [...model.rows.filter((row) => row.family === 'cover'), ...model.rows.filter((row) => row.family !== 'cover')];
  for (const row of ordered) {
    const unknown = row.terms.filter(([, name]) => !values.has(name));
    if (unknown.length !== 1) continue;
    const [coefficient, name] = unknown[0];
    const rest = row.terms.reduce((sum, [c, n]) => (n === name ? sum : sum + c * values.get(n)!), 0);
    const exact = (row.rhs - rest) / coefficient;
    // '=' fixes it; otherwise the row bounds it from below only when the column pushes against the rhs.
    const boundedBelow = (row.sense === '<=' && coefficient < 0) || (row.sense === '>=' && coefficient > 0);
    values.set(name, row.sense === '=' ? exact : boundedBelow ? Math.max(0, exact) : 0);
  }
  for (const column of model.columns.values()) {
    const value = values.get(column.name) ?? 0;
    if (value < -1e-9 || value > column.upper + 1e-9) return undefined;
    values.set(column.name, value);
  }
  for (const row of model.rows) {
    const activity = row.terms.reduce((sum, [c, n]) => sum + c * values.get(n)!, 0);
    if ((row.sense !== '>=' && activity > row.rhs + 1e-9) || (row.sense !== '<=' && activity < row.rhs - 1e-9)) return undefined;
  }
  if (penaltyCap !== undefined && model.penaltyOf(values) > penaltyCap + 0.5) return undefined;
  return values;
}

/**
 * Solves the model lexicographically: the weighted objective first, then, unless that was already
 * tight on the preferences, the preferences alone with the penalties capped at what it found.
 */
export function solveModel(highs: Highs, built: PlanningModel): SolvedModel {
  const { model } = built;
  const first = solveStage(highs, built, 'lexicographic');
  if (first.status !== 'optimal' || first.tight) return solvedFrom(built, first.values, first.status, first.solves, first.bound);
  const second = solveStage(highs, built, 'preferences', model.penaltyOf(first.values));
  return solvedFrom(built, second.values, second.status, first.solves + second.solves, first.bound);
}

/** The LP-relaxation bound of the lexicographic objective (integrality dropped). */
export function lpRelaxationBound(highs: Highs, built: PlanningModel): number {
  const result = runHighs(highs, built.model.toModelData('lexicographic', { relaxIntegrality: true }), { ...built.set.instance.settings, presolve: false });
  if (result.status !== 'optimal') throw new Error(`LP relaxation ended with status "${result.status}"`);
  return result.objective;
}

/** Activity of a row's terms other than relax columns, to find the rows a diagnosis violated. */
export function rowActivity(model: LpModel, row: Row, values: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const [coefficient, name] of row.terms) if (!model.columns.get(name)?.relax) total += coefficient * (values.get(name) ?? 0);
  return total;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
