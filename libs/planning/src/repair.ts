/**
 * Non-disruptive re-planning. Given the plan in force (`instance.current`) and an instance that has
 * changed since (a leader became unavailable, a venue moved its dates), find the best plan that
 * changes the fewest existing assignments, and never touches the fixed ones (locked by a planner or
 * invitation accepted) unless no plan covering as many venues exists without doing so.
 *
 * Added to the model (see model.ts), for each current assignment k of leader l at venue v in role r:
 *   keep(k):  Σ_{c of l at v in role r, any date} x_c + changed_k ≥ 1        changed_k ∈ [0,1]
 * and for each venue v with a current date d0 still usable:
 *   stay(v):  Σ_{chief c at v on d0} x_c + moved_<venue> ≥ 1                 moved ∈ [0,1]
 * changed/moved cost the "change" level, or the "lock" level (above missing accompanying leaders,
 * below uncovered venues) when the assignment, or any assignment of the venue, is fixed. An
 * assignment whose candidate no longer exists is a forced change, reported with its reason.
 */
import { formatVietnameseDate, type IsoDate } from '@app/common';
import type { CandidateSet } from './candidates';
import { buildCandidates } from './candidates';
import { loadHighs } from './highs';
import { candidateColumn, LpModel, slackKeys } from './model';
import type { CurrentAssignment, PlanningInstance, PlanningResult, PlanRole } from './planning.types';
import { solveCandidates } from './solve-plan';

export type ChangeKind = 'leader_replaced' | 'date_moved';

export interface AssignmentChange {
  kind: ChangeKind;
  venueId: string;
  /** leader_replaced: the leader who no longer holds the role; date_moved: the venue's chief guest before. */
  leaderId: string;
  role: PlanRole;
  before: { date: IsoDate | null };
  /** leader_replaced: the new holder of the role (chief guest) or null; date_moved: the new date, or null if uncovered. */
  after: { leaderId: string | null; date: IsoDate | null };
  fixed?: 'locked' | 'accepted';
  /** Why keeping it was impossible, when the change was forced by the new data. */
  forcedBy?: string;
}

export interface RepairResult extends PlanningResult {
  changes: AssignmentChange[];
  /** Fixed (locked or accepted) assignments the repair had to change. */
  brokenFixed: AssignmentChange[];
  /** Vietnamese summary for planners. */
  summary: string;
}

export async function repairPlan(instance: PlanningInstance): Promise<RepairResult> {
  return solveAndDescribe(instance, 'repair');
}

/**
 * Solves an instance afresh, or as a repair of the plan in force (`instance.current`), and says how the
 * plan differs from it: what a planning run does for the national instance or one province. The
 * candidates are built once, for the solve and for the changes.
 */
export async function solveAndDescribe(instance: PlanningInstance, mode: 'fresh' | 'repair'): Promise<RepairResult> {
  const highs = await loadHighs();
  const started = process.hrtime.bigint();
  const current = instance.current ?? [];
  const set = buildCandidates(instance);
  const result = solveCandidates(highs, set, mode === 'repair' ? { extend: (model) => addRepairTerms(model, set, current) } : {}, started);
  return { ...result, ...describeChanges(set, result) };
}

function addRepairTerms(model: LpModel, set: CandidateSet, current: readonly CurrentAssignment[]): void {
  const { candidates, instance } = set;
  const venueKeys = slackKeys(instance.venues.map((venue) => venue.id));
  const fixedVenues = new Set(current.filter((assignment) => assignment.fixed).map((assignment) => assignment.venueId));
  current.forEach((assignment, k) => {
    const v = set.venueIndex.get(assignment.venueId);
    const l = set.leaderIndex.get(assignment.leaderId);
    if (v === undefined || l === undefined) return;
    const pool = assignment.role === 'chief_guest' ? set.chiefByVenue[v] : set.accompanyingByVenue[v];
    const same = pool.filter((c) => candidates[c].leader === l);
    if (!same.length) return; // forced change: a constant, reported by diff()
    const name = model.addColumn({
      name: `${assignment.fixed ? 'lockbroken' : 'changed'}_${k}`,
      kind: 'continuous',
      upper: 1,
      level: assignment.fixed ? 'lock' : 'change',
    });
    model.addRow({
      name: `keep_${k}`,
      family: 'repair',
      terms: [...same.map((c): [number, string] => [1, candidateColumn(c)]), [1, name]],
      sense: '>=',
      rhs: 1,
    });
  });
  for (const [venueId, date] of currentDates(current)) {
    const v = set.venueIndex.get(venueId);
    if (v === undefined) continue;
    const onDate = set.chiefByVenue[v].filter((c) => candidates[c].date === date);
    if (!onDate.length) continue;
    const fixed = fixedVenues.has(venueId);
    const name = model.addColumn({ name: `${fixed ? 'lockmoved' : 'moved'}_${venueKeys[v]}`, kind: 'continuous', upper: 1, level: fixed ? 'lock' : 'change' });
    model.addRow({
      name: `stay_${v}`,
      family: 'repair',
      terms: [...onDate.map((c): [number, string] => [1, candidateColumn(c)]), [1, name]],
      sense: '>=',
      rhs: 1,
    });
  }
}

/** Each venue's date in the current plan (its chief guest's date, else any of its assignments'). */
function currentDates(current: readonly CurrentAssignment[]): Map<string, IsoDate> {
  const dates = new Map<string, IsoDate>();
  for (const assignment of current) if (assignment.role === 'chief_guest' && assignment.date) dates.set(assignment.venueId, assignment.date);
  for (const assignment of current) if (!dates.has(assignment.venueId) && assignment.date) dates.set(assignment.venueId, assignment.date);
  return dates;
}

/** The changes a plan makes to the plan in force (`set.instance.current`; also for a plan made from scratch). */
export function describeChanges(set: CandidateSet, result: PlanningResult): { changes: AssignmentChange[]; brokenFixed: AssignmentChange[]; summary: string } {
  const current = set.instance.current ?? [];
  const changes = diff(set, current, result);
  const brokenFixed = changes.filter((change) => change.fixed);
  return { changes, brokenFixed, summary: summarise(changes, brokenFixed, current, result) };
}

function diff(set: CandidateSet, current: readonly CurrentAssignment[], result: PlanningResult): AssignmentChange[] {
  const changes: AssignmentChange[] = [];
  const holds = new Set(result.plan.assignments.map((a) => `${a.venueId}|${a.leaderId}|${a.role}`));
  const chiefOf = new Map(result.plan.assignments.filter((a) => a.role === 'chief_guest').map((a) => [a.venueId, a.leaderId]));
  const fixedVenues = new Map(current.filter((a) => a.fixed).map((a) => [a.venueId, a.fixed!]));
  for (const assignment of current) {
    if (holds.has(`${assignment.venueId}|${assignment.leaderId}|${assignment.role}`)) continue;
    changes.push({
      kind: 'leader_replaced',
      venueId: assignment.venueId,
      leaderId: assignment.leaderId,
      role: assignment.role,
      before: { date: assignment.date },
      after: {
        leaderId: assignment.role === 'chief_guest' ? (chiefOf.get(assignment.venueId) ?? null) : null,
        date: result.venueDates[assignment.venueId] ?? null,
      },
      ...(assignment.fixed ? { fixed: assignment.fixed } : {}),
      ...withReason(cannotKeep(set, assignment)),
    });
  }
  for (const [venueId, date] of currentDates(current)) {
    const now = result.venueDates[venueId] ?? null;
    if (now === date) continue;
    const chief = current.find((a) => a.venueId === venueId && a.role === 'chief_guest') ?? current.find((a) => a.venueId === venueId)!;
    const v = set.venueIndex.get(venueId);
    const forcedBy =
      v === undefined
        ? 'Điểm tổ chức không còn trong danh sách điểm được phê duyệt.'
        : set.venueDates[v].includes(date)
          ? undefined
          : `Ngày ${formatVietnameseDate(date)} không còn là ngày có thể tổ chức của điểm.`;
    changes.push({
      kind: 'date_moved',
      venueId,
      leaderId: chief.leaderId,
      role: chief.role,
      before: { date },
      after: { leaderId: chiefOf.get(venueId) ?? null, date: now },
      ...(fixedVenues.has(venueId) ? { fixed: fixedVenues.get(venueId) } : {}),
      ...withReason(forcedBy),
    });
  }
  return changes;
}

const withReason = (forcedBy: string | undefined) => (forcedBy ? { forcedBy } : {});

/** Why a current assignment has no candidate left, or undefined when it could have been kept. */
function cannotKeep(set: CandidateSet, assignment: CurrentAssignment): string | undefined {
  const { instance, candidates } = set;
  const v = set.venueIndex.get(assignment.venueId);
  const l = set.leaderIndex.get(assignment.leaderId);
  if (v === undefined) return 'Điểm tổ chức không còn trong danh sách điểm được phê duyệt.';
  if (l === undefined) return 'Lãnh đạo không còn trong danh sách lãnh đạo của đợt.';
  const pool = assignment.role === 'chief_guest' ? set.chiefByVenue[v] : set.accompanyingByVenue[v];
  if (pool.some((c) => candidates[c].leader === l)) return undefined;
  const leader = instance.leaders[l];
  if ((instance.bans ?? []).some((ban) => ban.leaderId === leader.id && ban.venueId === assignment.venueId)) {
    return `Đồng chí ${leader.name} đã bị loại trừ khỏi điểm này.`;
  }
  const usable = set.venueDates[v];
  if (!usable.some((date) => leader.availableDates.includes(date))) {
    return `Đồng chí ${leader.name} bận vào tất cả các ngày có thể tổ chức của điểm (${usable.map(formatVietnameseDate).join(', ') || 'không còn ngày nào'}).`;
  }
  return `Đồng chí ${leader.name} không còn đáp ứng điều kiện dự điểm này (cấp, ghim hoặc yêu cầu của điểm đã thay đổi).`;
}

function summarise(
  changes: readonly AssignmentChange[],
  brokenFixed: readonly AssignmentChange[],
  current: readonly CurrentAssignment[],
  result: Pick<PlanningResult, 'plan' | 'venueDates'>,
): string {
  const fixedCount = current.filter((assignment) => assignment.fixed).length;
  // Assignments the plan adds where the plan in force had none (a venue left uncovered now gets a
  // leader): no current assignment changes, but the venue's plan does, and the board counts it.
  const held = new Set(current.map((assignment) => `${assignment.venueId}|${assignment.leaderId}|${assignment.role}`));
  const added = result.plan.assignments.filter((assignment) => !held.has(`${assignment.venueId}|${assignment.leaderId}|${assignment.role}`)).length;
  const additions = added ? ` Bổ sung ${added} phân công mới cho điểm chưa đủ người dự.` : '';
  if (!current.length) {
    // Nothing in force to compare with (the first plan of an edition): say what the plan is.
    const venues = Object.keys(result.venueDates).length;
    return `Phương án mới: ${result.plan.assignments.length} phân công lãnh đạo cho ${venues} điểm tổ chức; chưa có phân công nào đang áp dụng.`;
  }
  if (!changes.length && !added) return 'Phương án hiện tại vẫn đáp ứng mọi điều kiện; không cần thay đổi phân công nào.';
  if (!changes.length) return `Giữ nguyên mọi phân công đang áp dụng.${additions}`;
  const head = `Phương án điều chỉnh thay đổi ${changes.length} phân công hoặc ngày tổ chức so với phương án hiện tại.${additions}`;
  if (!brokenFixed.length) {
    return fixedCount ? `${head} Giữ nguyên toàn bộ ${fixedCount} phân công đã khóa hoặc đã nhận lời.` : head;
  }
  const reasons = brokenFixed.map((change) => change.forcedBy).filter(Boolean);
  return (
    `${head} Không có phương án nào giữ nguyên tất cả các phân công đã khóa hoặc đã nhận lời: ` +
    `buộc phải thay đổi ${brokenFixed.length} phân công trong số đó${reasons.length ? ` (${[...new Set(reasons)].join(' ')})` : ''}.`
  );
}
