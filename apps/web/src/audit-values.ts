/**
 * The audit log's changes as people read them: each field by its Vietnamese name, each value as the
 * console shows it elsewhere (codes by their names, dates dd/MM/yyyy, instants in Vietnam's time,
 * numbers in vi-VN, ids by the names the API found for them) — never a raw key, code or id.
 */
import { ROLE_NAMES } from '@shared/auth/src/role.enums';
import { EDITION_STATUS_NAMES } from '@shared/editions/src/edition-status';
import { INVITATION_STATUS_NAMES } from '@shared/invitations/src/invitation.enums';
import { ASSIGNMENT_ROLE_NAMES } from '@shared/leaders/src/assignment.enums';
import { RANK_TIER_NAMES } from '@shared/leaders/src/rank-tier';
import { BUDGET_CATEGORY_NAMES, FUNDING_SOURCE_NAMES } from '@shared/logistics/src/budget/budget.enums';
import { RESOURCE_KIND_NAMES } from '@shared/logistics/src/resources/resource.enums';
import { TASK_STATUS_NAMES } from '@shared/logistics/src/tasks/task.enums';
import { PLANNING_RUN_STATUS_NAMES } from '@shared/planning/src/planning-run.enums';
import { PROGRAMME_PART_NAMES } from '@shared/programmes/src/programme.enums';
import { REGION_NAMES } from '@shared/provinces/src/region';
import { VENUE_CHANGE_PROPOSAL_STATUS_NAMES } from '@shared/venues/src/change-proposals/venue-change-proposal.enums';
import { AREA_FLAG_NAMES, HOST_KIND_NAMES, VENUE_STATUS_NAMES, VENUE_TIER_NAMES } from '@shared/venues/src/venue.enums';
import { formatDate, formatInstant } from './input';
import { FIELD_NAMES } from './labels';

/** Fields the log records that say nothing to a reader (row versions, secrets' hashes, bookkeeping). */
const HIDDEN_FIELDS = new Set([
  'version',
  'revision',
  'updatedAt',
  'createdAt',
  'id',
  'passwordHash',
  'tokenVersion',
  'tokenHash',
  'rsvpTokenHash',
  'seq',
  'dedupeKey',
  'generation',
]);

/** Field names beyond the forms' (FIELD_NAMES): what only the log shows. */
const MORE_FIELD_NAMES: Record<string, string> = {
  status: 'Trạng thái',
  programme: 'Chương trình',
  queued: 'Đã xếp hàng chờ lập',
  venues: 'Số điểm',
  tasks: 'Nhiệm vụ',
  answer: 'Trả lời',
  rsvpAnswer: 'Trả lời',
  statusReason: 'Lý do',
  scheduledDate: 'Ngày tổ chức',
  startsAt: 'Bắt đầu',
  endsAt: 'Kết thúc',
  fullName: 'Họ và tên',
  position: 'Chức vụ',
  rankTier: 'Cấp bậc',
  officeEmail: 'E-mail văn phòng',
  officePhone: 'Điện thoại văn phòng',
  phone: 'Điện thoại',
  maxAppearances: 'Số lần dự tối đa',
  homeProvinceCode: 'Tỉnh, thành phố quê quán',
  baseProvinceCode: 'Nơi công tác',
  venueId: 'Điểm tổ chức',
  invitationId: 'Lời mời',
  taskId: 'Nhiệm vụ',
  resourceId: 'Nguồn lực',
  ownerUserId: 'Tài khoản phụ trách',
  substituteFor: 'Dự thay cho',
  delegatedTo: 'Người dự thay',
  delegateName: 'Người dự thay',
  delegateTitle: 'Chức vụ người dự thay',
  delegateEmail: 'E-mail người dự thay',
  answeredAt: 'Thời điểm trả lời',
  answeredVia: 'Trả lời qua',
  answerComment: 'Ý kiến trả lời',
  withdrawnReason: 'Lý do thu hồi',
  sentAt: 'Thời điểm gửi',
  doneAt: 'Thời điểm xong',
  doneBy: 'Người hoàn thành',
  decidedAt: 'Thời điểm quyết định',
  decidedBy: 'Người quyết định',
  decisionNote: 'Ý kiến quyết định',
  acceptedAt: 'Thời điểm chấp nhận',
  acceptedBy: 'Người chấp nhận',
  proposedBy: 'Người đề xuất',
  nominatedBy: 'Người đề xuất',
  createdBy: 'Người tạo',
  requestedBy: 'Người yêu cầu',
  letterNumber: 'Số công văn',
  letterIssuedAt: 'Ngày công văn',
  signerName: 'Người ký',
  signerTitle: 'Chức vụ người ký',
  kind: 'Loại',
  preferredDates: 'Ngày ưu tiên',
  startDate: 'Từ ngày',
  endDate: 'Đến ngày',
  durationMinutes: 'Thời lượng (phút)',
  bufferMinutes: 'Thời gian đệm (phút)',
  place: 'Địa điểm',
  organisation: 'Cơ quan',
  comment: 'Ý kiến',
  unavailability: 'Thời gian bận',
  assignments: 'Phân công',
  result: 'Kết quả',
  outcome: 'Kết quả',
  templateCode: 'Mã việc mẫu',
  numberCode: 'Ký hiệu',
  issuingBody: 'Cơ quan ban hành',
  issuingUnit: 'Đơn vị ban hành',
  signerAuthority: 'Thẩm quyền ký',
  recipientEmail: 'E-mail người nhận',
  recipientName: 'Người nhận',
};

/** Each code-valued field's names; `status` depends on what the entry is about. */
const CODE_NAMES: Record<string, Record<string, string>> = {
  tier: VENUE_TIER_NAMES,
  hostKind: HOST_KIND_NAMES,
  areaFlags: AREA_FLAG_NAMES,
  region: REGION_NAMES,
  role: { ...ROLE_NAMES, ...ASSIGNMENT_ROLE_NAMES },
  rankTier: RANK_TIER_NAMES,
  part: PROGRAMME_PART_NAMES,
  category: BUDGET_CATEGORY_NAMES,
  fundingSource: FUNDING_SOURCE_NAMES,
  kind: RESOURCE_KIND_NAMES,
  to: VENUE_STATUS_NAMES,
};

const STATUS_NAMES: Record<string, Record<string, string>> = {
  venue: VENUE_STATUS_NAMES,
  edition: EDITION_STATUS_NAMES,
  invitation: INVITATION_STATUS_NAMES,
  venue_task: TASK_STATUS_NAMES,
  planning_run: PLANNING_RUN_STATUS_NAMES,
  venue_change_proposal: VENUE_CHANGE_PROPOSAL_STATUS_NAMES,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Whether the log shows this field at all. */
export const shownField = (field: string) => !HIDDEN_FIELDS.has(field);

/** A field as people call it; a field the console has no name for is "Thông tin khác", never its key. */
export function auditFieldName(field: string): string {
  return FIELD_NAMES[field] ?? MORE_FIELD_NAMES[field] ?? 'Thông tin khác';
}

export interface AuditContext {
  entityType: string;
  /** Names of the ids in the entry's changes (from the API). */
  names: Record<string, string>;
  /** A province's name by code. */
  provinceName: (code: string) => string;
}

/** One value of a change, as the console shows it elsewhere; '—' for none. */
export function auditValue(field: string, value: unknown, context: AuditContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((item) => auditValue(field, item, context)).join(', ');
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return value.toLocaleString('vi-VN', { maximumFractionDigits: 6 });
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([key]) => shownField(key))
      .map(([key, item]) => `${auditFieldName(key)}: ${auditValue(key, item, context)}`)
      .join('; ');
  }
  if (typeof value !== 'string') return '—'; // a function or a symbol: not in JSON
  const text = value;
  if (UUID.test(text)) return context.names[text] ?? '(không rõ tên)';
  if (field === 'provinceCode' || field.endsWith('ProvinceCode')) return context.provinceName(text);
  const codes = field === 'status' ? STATUS_NAMES[context.entityType] : CODE_NAMES[field];
  if (codes?.[text]) return capitalise(codes[text]);
  if (ISO_DATE.test(text)) return formatDate(text);
  if (ISO_INSTANT.test(text)) return formatInstant(text);
  return text;
}
