import { ProgrammePart } from './programme.enums';

export interface TemplateLine {
  part: ProgrammePart;
  title: string;
  durationMinutes: number;
}

const C = ProgrammePart.Ceremony;
const F = ProgrammePart.Festivities;

/** The usual order of a festival day (3 h 10 min in all), used until planners edit an edition's template. */
export const DEFAULT_PROGRAMME_TEMPLATE: readonly TemplateLine[] = [
  { part: C, title: 'Văn nghệ chào mừng', durationMinutes: 15 },
  { part: C, title: 'Chào cờ', durationMinutes: 5 },
  { part: C, title: 'Tuyên bố lý do và giới thiệu đại biểu', durationMinutes: 5 },
  { part: C, title: 'Diễn văn ôn lại truyền thống Ngày hội toàn dân bảo vệ an ninh Tổ quốc', durationMinutes: 15 },
  { part: C, title: 'Tham luận', durationMinutes: 15 },
  { part: C, title: 'Công bố quyết định và trao Bằng khen', durationMinutes: 10 },
  { part: C, title: 'Phát biểu và tặng quà của đại biểu', durationMinutes: 15 },
  { part: C, title: 'Phát biểu tiếp thu', durationMinutes: 5 },
  { part: C, title: 'Ký giao ước thi đua', durationMinutes: 5 },
  { part: F, title: 'Văn nghệ', durationMinutes: 25 },
  { part: F, title: 'Thể thao', durationMinutes: 25 },
  { part: F, title: 'Trò chơi dân gian', durationMinutes: 25 },
  { part: F, title: 'Diễn đàn "Công an lắng nghe ý kiến Nhân dân"', durationMinutes: 25 },
];
