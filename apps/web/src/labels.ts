/** Vietnamese names of every code the console shows. Venue and region names come from the API's own files. */
import { REGION_NAMES } from '@shared/provinces/src/region';
import { VENUE_STATUS_NAMES, VENUE_TIER_NAMES, HOST_KIND_NAMES, AREA_FLAG_NAMES, VenueStatus } from '@shared/venues/src/venue.enums';
import { EDITION_STATUS_NAMES, EditionStatus, NEXT_EDITION_STATUS } from '@shared/editions/src/edition-status';
import type { AssignmentRole, AuditEntry, BudgetLine, Edition, InvitationDetail, InvitationStatus, ProgrammePart, Readiness, Role, TaskStatus, Venue } from './api/models';

export { REGION_NAMES, VENUE_TIER_NAMES, HOST_KIND_NAMES, AREA_FLAG_NAMES, VenueStatus };

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The codes a names table covers, in its order (what a select offers). */
const codesOf = <K extends string>(names: Record<K, string>): K[] => Object.keys(names).filter((key): key is K => key in names);

export const venueStatusName = (status: Venue['status']) => capitalise(VENUE_STATUS_NAMES[status] ?? status);

export const VENUE_STATUS_COLOURS: Record<VenueStatus, string> = {
  [VenueStatus.Nominated]: '#6b7280',
  [VenueStatus.Shortlisted]: '#7c3aed',
  [VenueStatus.Approved]: '#2563eb',
  [VenueStatus.Scheduled]: '#059669',
  [VenueStatus.Held]: '#0f766e',
  [VenueStatus.Rejected]: '#b91c1c',
  [VenueStatus.Cancelled]: '#9ca3af',
};

export const ROLE_NAMES: Record<Role, string> = {
  central_planner: 'Cán bộ lập kế hoạch Trung ương',
  provincial_organizer: 'Cán bộ tổ chức cấp tỉnh',
  viewer: 'Người xem',
};

export const READINESS_NAMES: Record<Readiness, string> = { on_track: 'Đúng tiến độ', at_risk: 'Có nguy cơ', late: 'Chậm' };
export const READINESS_COLOURS: Record<Readiness | 'none' | 'unknown', string> = { on_track: '#059669', at_risk: '#d97706', late: '#b91c1c', none: '#9ca3af', unknown: '#93c5fd' };

export const TASK_STATUS_NAMES: Record<TaskStatus, string> = { todo: 'Cần làm', in_progress: 'Đang làm', blocked: 'Bị vướng', done: 'Đã xong' };

export const PROGRAMME_PART_NAMES: Record<ProgrammePart, string> = { ceremony: 'Phần lễ', festivities: 'Phần hội' };
export const PROGRAMME_PARTS = codesOf(PROGRAMME_PART_NAMES);

export const INVITATION_STATUS_NAMES: Record<InvitationStatus, string> = {
  draft: 'Bản nháp',
  queued: 'Đang chờ gửi',
  sent: 'Đã gửi',
  accepted: 'Nhận lời',
  declined: 'Từ chối',
  substitute_proposed: 'Đề nghị người dự thay',
  withdrawn: 'Đã thu hồi',
};

export const INVITATION_STATUSES = codesOf(INVITATION_STATUS_NAMES);

export const ASSIGNMENT_ROLE_NAMES: Record<AssignmentRole, string> = { chief_guest: 'Lãnh đạo dự chính', accompanying: 'Đi cùng' };
export const ASSIGNMENT_ROLES = codesOf(ASSIGNMENT_ROLE_NAMES);

export const ANSWERED_VIA_NAMES = { rsvp: 'trang trả lời', calendar: 'lịch điện tử', planner: 'cán bộ ghi nhận' } as const;

export const MESSAGE_STATUS_NAMES: Record<InvitationDetail['messages'][number]['status'], string> = {
  pending: 'chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  failed: 'gửi lỗi',
  superseded: 'đã thay bằng bản mới',
};

export const BUDGET_CATEGORY_NAMES: Record<BudgetLine['category'], string> = {
  security: 'An ninh, bảo vệ',
  reception: 'Lễ tân, đón tiếp đại biểu',
  stage_sound_decor: 'Sân khấu – âm thanh – khánh tiết',
  transport: 'Phương tiện, đưa đón',
  medical: 'Y tế',
  gifts: 'Quà tặng',
  awards: 'Khen thưởng',
  performances: 'Văn nghệ',
  press: 'Báo chí, tuyên truyền',
  other: 'Chi khác',
};

export const FUNDING_SOURCE_NAMES: Record<BudgetLine['fundingSource'], string> = {
  central_budget: 'Ngân sách Trung ương',
  provincial_budget: 'Ngân sách địa phương',
  socialized: 'Xã hội hóa',
  other: 'Nguồn khác',
};

export const BUDGET_CATEGORIES = codesOf(BUDGET_CATEGORY_NAMES);
export const FUNDING_SOURCES = codesOf(FUNDING_SOURCE_NAMES);

export const AUDIT_ACTION_NAMES: Record<AuditEntry['action'], string> = { create: 'Tạo mới', update: 'Cập nhật', transition: 'Chuyển trạng thái', delete: 'Xóa' };
export const AUDIT_ACTIONS = codesOf(AUDIT_ACTION_NAMES);

export const ENTITY_TYPE_NAMES: Record<string, string> = {
  venue: 'Điểm tổ chức',
  edition: 'Đợt tổ chức',
  programme_item: 'Mục chương trình',
  invitation: 'Lời mời',
  leader: 'Lãnh đạo',
  user: 'Tài khoản',
  venue_task: 'Nhiệm vụ hậu cần',
  budget_line: 'Dòng kinh phí',
  leader_participation: 'Lãnh đạo tham gia đợt',
  programme_template: 'Chương trình mẫu',
  reminder_policy: 'Chính sách nhắc việc',
  resource_booking: 'Đặt nguồn lực dùng chung',
  shared_resource: 'Nguồn lực dùng chung',
  task_template: 'Danh mục nhiệm vụ mẫu',
  venue_leader_assignment: 'Phân công lãnh đạo',
};

/** Field names of the API, as people call them (for validation messages shown away from their field). */
export const FIELD_NAMES: Record<string, string> = {
  email: 'E-mail',
  password: 'Mật khẩu',
  reason: 'Lý do',
  date: 'Ngày',
  startTime: 'Giờ bắt đầu',
  endTime: 'Giờ kết thúc',
  title: 'Tiêu đề',
  presenter: 'Người phụ trách',
  part: 'Phần',
  description: 'Nội dung',
  plannedVnd: 'Dự toán',
  actualVnd: 'Thực chi',
  category: 'Khoản mục',
  fundingSource: 'Nguồn kinh phí',
  ownerName: 'Người phụ trách',
  blockedReason: 'Lý do vướng',
  responsibleUnit: 'Đơn vị chủ trì',
  dueDate: 'Hạn hoàn thành',
  offsetDays: 'Số ngày so với ngày tổ chức',
  weight: 'Trọng số',
  prerequisiteId: 'Việc cần xong trước',
  code: 'Mã',
  dependsOn: 'Làm sau các việc',
  items: 'Danh mục công việc',
  notes: 'Ghi chú',
  name: 'Tên điểm tổ chức',
  tier: 'Cấp',
  coHost: 'Đơn vị phối hợp',
  provinceCode: 'Tỉnh, thành phố',
  communeName: 'Xã, phường, đặc khu',
  hamletName: 'Thôn, bản, tổ dân phố',
  hostKind: 'Loại đơn vị',
  address: 'Địa chỉ',
  latitude: 'Vĩ độ',
  longitude: 'Kinh độ',
  region: 'Vùng',
  areaFlags: 'Đặc điểm địa bàn',
  contactName: 'Người liên hệ',
  contactPhone: 'Điện thoại liên hệ',
  contactEmail: 'E-mail liên hệ',
  expectedAttendance: 'Số người dự kiến',
  candidateDates: 'Ngày dự kiến',
  editionId: 'Đợt tổ chức',
  version: 'Phiên bản',
  leaderId: 'Lãnh đạo',
  role: 'Vai trò',
  year: 'Năm',
  theme: 'Chủ đề',
  windowStart: 'Ngày bắt đầu',
  windowEnd: 'Ngày kết thúc',
  nationalDay: 'Ngày hội toàn quốc',
  to: 'Trạng thái mới',
  delegateOffsetsMinutes: 'Nhắc đại biểu trước giờ khai mạc',
  taskOffsetsDays: 'Nhắc việc hậu cần trước hạn',
  venueOffsetsDays: 'Nhắc tỉnh trước ngày tổ chức',
  escalationHours: 'Báo việc quá hạn sau (giờ)',
};

/** Edition statuses (planning → inviting → running → closed), named as the API names them. */
export { EditionStatus, NEXT_EDITION_STATUS };

export const editionStatusName = (status: Edition['status']) => capitalise(EDITION_STATUS_NAMES[status] ?? status);
