/** Logistics rules as plain functions: deadlines, dependency cycles, readiness. */
import { addDays, daysBetween, type IsoDate } from '@app/common/time';
import type { Readiness } from '../readiness/readiness.enums';
import { TaskStatus } from './task.enums';

export interface TemplateLine {
  code: string;
  title: string;
  responsibleUnit: string;
  offsetDays: number;
  weight: number;
  dependsOn: string[];
}

/** The default checklist of a festival point, until planners edit the edition's template. */
export const DEFAULT_TASK_TEMPLATE: readonly TemplateLine[] = [
  { code: 'phuong-an-bao-ve', title: 'Xây dựng phương án bảo vệ', responsibleUnit: 'Công an tỉnh (Phòng Tham mưu)', offsetDays: -30, weight: 3, dependsOn: [] },
  { code: 'du-toan', title: 'Lập dự toán kinh phí', responsibleUnit: 'Văn phòng Công an tỉnh', offsetDays: -30, weight: 1, dependsOn: [] },
  { code: 'khen-thuong', title: 'Danh sách khen thưởng (Bằng khen, Giấy khen)', responsibleUnit: 'Phòng Xây dựng phong trào', offsetDays: -20, weight: 1, dependsOn: [] },
  { code: 'van-nghe', title: 'Chương trình văn nghệ chào mừng', responsibleUnit: 'Đội văn nghệ địa phương', offsetDays: -14, weight: 2, dependsOn: [] },
  { code: 'le-tan', title: 'Lễ tân, đón tiếp đại biểu', responsibleUnit: 'Văn phòng Công an tỉnh', offsetDays: -7, weight: 2, dependsOn: ['phuong-an-bao-ve'] },
  { code: 'san-khau', title: 'Sân khấu, âm thanh, khánh tiết', responsibleUnit: 'Phòng Hậu cần', offsetDays: -7, weight: 2, dependsOn: [] },
  { code: 'dua-don', title: 'Phương tiện đưa đón đại biểu', responsibleUnit: 'Phòng Hậu cần', offsetDays: -5, weight: 1, dependsOn: ['phuong-an-bao-ve'] },
  { code: 'qua-tang', title: 'Quà tặng gia đình chính sách, hộ khó khăn', responsibleUnit: 'Ủy ban Mặt trận Tổ quốc xã', offsetDays: -5, weight: 1, dependsOn: ['du-toan'] },
  { code: 'y-te', title: 'Tổ y tế trực', responsibleUnit: 'Trung tâm y tế', offsetDays: -3, weight: 1, dependsOn: [] },
  { code: 'bao-chi', title: 'Mời phóng viên, báo chí', responsibleUnit: 'Phòng Tham mưu', offsetDays: -3, weight: 1, dependsOn: [] },
  { code: 'tong-duyet', title: 'Tổng duyệt chương trình', responsibleUnit: 'Ban Tổ chức', offsetDays: -1, weight: 2, dependsOn: ['san-khau', 'van-nghe', 'le-tan'] },
];

export function dueDateOf(anchor: IsoDate | null, offsetDays: number | null): IsoDate | null {
  if (!anchor || offsetDays === null) return null;
  return addDays(anchor, offsetDays);
}

/** True if adding the edge task → prerequisite would close a cycle in `edges` (task → its prerequisites). */
export function wouldCycle(edges: ReadonlyMap<string, readonly string[]>, taskId: string, prerequisiteId: string): boolean {
  if (taskId === prerequisiteId) return true;
  const stack = [prerequisiteId];
  const seen = new Set<string>();
  while (stack.length) {
    const current = stack.pop()!;
    if (current === taskId) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(edges.get(current) ?? []));
  }
  return false;
}

export interface TaskFacts {
  status: TaskStatus;
  dueDate: IsoDate | null;
  weight: number;
}

export interface VenueReadiness {
  doneShare: number;
  tasks: number;
  overdue: number;
  blocked: number;
  status: Readiness;
}

/** What readiness is computed from; the dashboard gets it per venue from one SQL aggregate. */
export interface ReadinessFacts {
  totalWeight: number;
  doneWeight: number;
  tasks: number;
  overdue: number;
  /** Open tasks more than 3 days past their deadline. */
  longOverdue: number;
  blocked: number;
  venueDate: IsoDate | null;
}

/**
 * The readiness rule, written down once:
 * - late: a task is more than 3 days past its deadline, or the festival is 3 days away or less and
 *   under 90% of the work (by weight) is done;
 * - at risk: a task is past its deadline, or blocked;
 * - on track: otherwise.
 */
export function classifyReadiness(facts: ReadinessFacts, today: IsoDate): VenueReadiness {
  const doneShare = facts.totalWeight === 0 ? 1 : facts.doneWeight / facts.totalWeight;
  // (a dashboard or export classifies 50,000 venues: a luxon diff per venue cost seconds)
  const daysLeft = facts.venueDate ? daysBetween(today, facts.venueDate) : Infinity;
  const status: Readiness =
    facts.longOverdue > 0 || (daysLeft <= 3 && doneShare < 0.9) ? 'late' : facts.overdue > 0 || facts.blocked > 0 ? 'at_risk' : 'on_track';
  return { doneShare: Math.round(doneShare * 1000) / 1000, tasks: facts.tasks, overdue: facts.overdue, blocked: facts.blocked, status };
}

/** Readiness of one venue from its tasks (the same rule as the dashboard's aggregate). */
export function readinessOf(tasks: readonly TaskFacts[], venueDate: IsoDate | null, today: IsoDate): VenueReadiness {
  const open = tasks.filter((task) => task.status !== TaskStatus.Done);
  const overdue = open.filter((task) => task.dueDate !== null && task.dueDate < today);
  const threeDaysAgo = addDays(today, -3);
  return classifyReadiness(
    {
      totalWeight: tasks.reduce((sum, task) => sum + task.weight, 0),
      doneWeight: tasks.filter((task) => task.status === TaskStatus.Done).reduce((sum, task) => sum + task.weight, 0),
      tasks: tasks.length,
      overdue: overdue.length,
      longOverdue: overdue.filter((task) => task.dueDate! < threeDaysAgo).length,
      blocked: open.filter((task) => task.status === TaskStatus.Blocked).length,
      venueDate,
    },
    today,
  );
}
