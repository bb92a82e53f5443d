/** Task rules as plain functions: the default checklist, deadlines, dependency cycles. */
import { addDays, type IsoDate } from '@app/common';

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
  {
    code: 'khen-thuong',
    title: 'Danh sách khen thưởng (Bằng khen, Giấy khen)',
    responsibleUnit: 'Phòng Xây dựng phong trào',
    offsetDays: -20,
    weight: 1,
    dependsOn: [],
  },
  { code: 'van-nghe', title: 'Chương trình văn nghệ chào mừng', responsibleUnit: 'Đội văn nghệ địa phương', offsetDays: -14, weight: 2, dependsOn: [] },
  { code: 'le-tan', title: 'Lễ tân, đón tiếp đại biểu', responsibleUnit: 'Văn phòng Công an tỉnh', offsetDays: -7, weight: 2, dependsOn: ['phuong-an-bao-ve'] },
  { code: 'san-khau', title: 'Sân khấu, âm thanh, khánh tiết', responsibleUnit: 'Phòng Hậu cần', offsetDays: -7, weight: 2, dependsOn: [] },
  { code: 'dua-don', title: 'Phương tiện đưa đón đại biểu', responsibleUnit: 'Phòng Hậu cần', offsetDays: -5, weight: 1, dependsOn: ['phuong-an-bao-ve'] },
  {
    code: 'qua-tang',
    title: 'Quà tặng gia đình chính sách, hộ khó khăn',
    responsibleUnit: 'Ủy ban Mặt trận Tổ quốc xã',
    offsetDays: -5,
    weight: 1,
    dependsOn: ['du-toan'],
  },
  { code: 'y-te', title: 'Tổ y tế trực', responsibleUnit: 'Trung tâm y tế', offsetDays: -3, weight: 1, dependsOn: [] },
  { code: 'bao-chi', title: 'Mời phóng viên, báo chí', responsibleUnit: 'Phòng Tham mưu', offsetDays: -3, weight: 1, dependsOn: [] },
  {
    code: 'tong-duyet',
    title: 'Tổng duyệt chương trình',
    responsibleUnit: 'Ban Tổ chức',
    offsetDays: -1,
    weight: 2,
    dependsOn: ['san-khau', 'van-nghe', 'le-tan'],
  },
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
