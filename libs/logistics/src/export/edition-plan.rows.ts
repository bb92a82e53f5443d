/**
 * What one line of the edition plan says, in Vietnamese, for both the XLSX and the CSV: pure
 * functions from a database record to display values, so the two formats cannot disagree.
 */
import { create as createContentDisposition } from 'content-disposition';
import { formatVietnameseDate, instantToLocalTime, IsoDate } from '@app/common';
import { InvitationStatus, type InvitationAnswer } from '@app/invitations';
import { AssignmentRole, type VenueLeaderLine } from '@app/leaders';
import { Region, REGION_NAMES } from '@app/provinces';
import { budgetTotals } from '../budget/budget-rules';
import { vndOf } from '../budget/money';
import { ReadinessRow, readinessFactsOf } from '../readiness/readiness.query';
import { READINESS_NAMES } from '../readiness/readiness.enums';
import { classifyReadiness, VenueReadiness } from '../readiness/readiness-rules';

/** How the plan words an invitation's state (withdrawn invitations are not listed). */
export const INVITATION_ANSWER_NAMES: Record<InvitationStatus, string> = {
  [InvitationStatus.Draft]: 'Chưa gửi giấy mời',
  [InvitationStatus.Queued]: 'Chưa trả lời',
  [InvitationStatus.Sent]: 'Chưa trả lời',
  [InvitationStatus.Accepted]: 'Nhận lời',
  [InvitationStatus.Declined]: 'Báo vắng',
  [InvitationStatus.SubstituteProposed]: 'Đề nghị cử người thay',
  [InvitationStatus.Withdrawn]: 'Đã rút giấy mời',
  [InvitationStatus.Tentative]: 'Chưa chắc chắn',
};

const ROLE_NOTE: Record<AssignmentRole, string> = {
  [AssignmentRole.ChiefGuest]: 'dự, phát biểu chỉ đạo',
  [AssignmentRole.Accompanying]: 'cùng dự',
};

/** One live venue as the export query returns it (see edition-plan.query.ts). */
export interface EditionPlanRecord extends ReadinessRow {
  name: string;
  province_code: string;
  province_name: string;
  region: Region;
  commune_name: string;
  address: string;
  scheduled_date: IsoDate | null;
  starts_at: Date | null;
  ends_at: Date | null;
  /** Chief guest first. */
  leaders: VenueLeaderLine[] | null;
  invitations: InvitationAnswer[] | null;
  budget_lines: number;
  lines_with_actual: number;
  planned: string;
  settled_planned: string;
  actual: string;
}

/** Display values of one line; lists are joined per format (new lines in XLSX, "; " in CSV). */
export interface EditionPlanRow {
  stt: number;
  province: string;
  region: string;
  venue: string;
  commune: string;
  address: string;
  date: string;
  hours: string;
  leaders: string[];
  answers: string[];
  readiness: string;
  overdue: number;
  planned: number;
  actual: number | null;
  variance: number | null;
}

export type ColumnKind = 'int' | 'text' | 'list' | 'money';

export interface PlanColumn {
  key: keyof EditionPlanRow;
  header: string;
  /** XLSX width in characters. */
  width: number;
  kind: ColumnKind;
}

/** The plan's columns, in order; the CSV has the same headers as the XLSX. */
export const PLAN_COLUMNS: readonly PlanColumn[] = [
  { key: 'stt', header: 'STT', width: 5, kind: 'int' },
  { key: 'province', header: 'Tỉnh/thành phố', width: 16, kind: 'text' },
  { key: 'region', header: 'Vùng', width: 14, kind: 'text' },
  { key: 'venue', header: 'Điểm tổ chức', width: 28, kind: 'text' },
  { key: 'commune', header: 'Xã/phường', width: 16, kind: 'text' },
  { key: 'address', header: 'Địa chỉ', width: 28, kind: 'text' },
  { key: 'date', header: 'Ngày tổ chức', width: 12, kind: 'text' },
  { key: 'hours', header: 'Giờ', width: 12, kind: 'text' },
  { key: 'leaders', header: 'Lãnh đạo dự', width: 36, kind: 'list' },
  { key: 'answers', header: 'Trả lời mời', width: 32, kind: 'list' },
  { key: 'readiness', header: 'Mức độ sẵn sàng', width: 18, kind: 'text' },
  { key: 'overdue', header: 'Việc quá hạn', width: 9, kind: 'int' },
  { key: 'planned', header: 'Dự toán (đ)', width: 16, kind: 'money' },
  { key: 'actual', header: 'Thực chi (đ)', width: 16, kind: 'money' },
  { key: 'variance', header: 'Chênh lệch (đ)', width: 16, kind: 'money' },
];

export function planTitle(year: number): string {
  return `KẾ HOẠCH TỔ CHỨC NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM ${year}`;
}

/** "15/08/2027", or the first proposed date marked as such while the venue is not scheduled yet. */
export function planDate(scheduledDate: IsoDate | null, anchorDate: IsoDate | null): string {
  if (scheduledDate) return formatVietnameseDate(scheduledDate);
  return anchorDate ? `${formatVietnameseDate(anchorDate)} (dự kiến)` : 'Chưa xếp lịch';
}

/** "07:30–11:30" in Asia/Ho_Chi_Minh, whatever the server's zone. */
export function planHours(startsAt: Date | null, endsAt: Date | null): string {
  return startsAt && endsAt ? `${instantToLocalTime(startsAt)}–${instantToLocalTime(endsAt)}` : '';
}

export function leaderLine(leader: { name: string; title: string; role: AssignmentRole }): string {
  return `${leader.name}, ${leader.title} (${ROLE_NOTE[leader.role]})`;
}

export function answerLine(invitation: { name: string; status: InvitationStatus; substitute: string | null }): string {
  const answer = INVITATION_ANSWER_NAMES[invitation.status];
  return invitation.status === InvitationStatus.SubstituteProposed && invitation.substitute
    ? `${invitation.name}: ${answer} (${invitation.substitute})`
    : `${invitation.name}: ${answer}`;
}

/**
 * "75% – Có nguy cơ". A venue with no task at all has nothing to be ready with: saying 100% would
 * mislead the committee, so it says so instead (the rule itself is classifyReadiness, unchanged).
 */
export function readinessText(readiness: VenueReadiness): string {
  if (readiness.tasks === 0) return 'Chưa có công việc';
  return `${Math.round(readiness.doneShare * 100)}% – ${READINESS_NAMES[readiness.status]}`;
}

/**
 * The row builder of one export. An edition has a few dozen dates and hours shared by thousands of
 * venues, so each is formatted once (time-zone formatting costs tens of µs a call: seconds at 50,000).
 */
export function planRowBuilder(today: IsoDate): (record: EditionPlanRecord, stt: number) => EditionPlanRow {
  const dates = new Map<string, string>();
  const hours = new Map<string, string>();
  const dateOf = (record: EditionPlanRecord) => {
    const key = `${record.scheduled_date}|${record.date}`;
    let text = dates.get(key);
    if (text === undefined) dates.set(key, (text = planDate(record.scheduled_date, record.date)));
    return text;
  };
  const hoursOf = (record: EditionPlanRecord) => {
    const key = `${record.starts_at?.getTime()}|${record.ends_at?.getTime()}`;
    let text = hours.get(key);
    if (text === undefined) hours.set(key, (text = planHours(record.starts_at, record.ends_at)));
    return text;
  };
  return (record, stt) => {
    const budget = budgetTotals({
      lines: record.budget_lines,
      linesWithActual: record.lines_with_actual,
      planned: vndOf(record.planned)!,
      settledPlanned: vndOf(record.settled_planned)!,
      actual: vndOf(record.actual)!,
    });
    const readiness = classifyReadiness(readinessFactsOf(record), today);
    return {
      stt,
      province: record.province_name,
      region: REGION_NAMES[record.region],
      venue: record.name,
      commune: record.commune_name,
      address: record.address,
      date: dateOf(record),
      hours: hoursOf(record),
      leaders: (record.leaders ?? []).map(leaderLine),
      answers: (record.invitations ?? []).map(answerLine),
      readiness: readinessText(readiness),
      overdue: readiness.overdue,
      planned: budget.planned,
      actual: budget.actual,
      variance: budget.variance,
    };
  };
}

/**
 * `Content-Disposition` for a download (the `content-disposition` package): the Vietnamese name in
 * RFC 8187 `filename*` (percent-encoded UTF-8) and an ASCII `filename` for clients that read only that.
 */
export function contentDisposition(asciiName: string, vietnameseName: string): string {
  return createContentDisposition(vietnameseName, { type: 'attachment', fallback: asciiName });
}

export function planFileNames(year: number, extension: 'xlsx' | 'csv'): { ascii: string; vietnamese: string } {
  return { ascii: `ke-hoach-ngay-hoi-${year}.${extension}`, vietnamese: `Kế hoạch Ngày hội ${year}.${extension}` };
}
