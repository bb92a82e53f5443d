/**
 * The console's own wording: colours, what the audit log's entity types and the API's fields are
 * called, and codes' names as the console shows them. The codes themselves (statuses, roles, tiers,
 * parts…) and their Vietnamese names are the API's, in its pure `*.enums.ts` files: import those
 * through `@shared/…`, never retype them here.
 */
import { VENUE_STATUS_NAMES, VenueStatus } from '@shared/venues/src/venue.enums';
import { EDITION_STATUS_NAMES } from '@shared/editions/src/edition-status';
import type { Edition, Readiness, Venue } from './api/models';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The API names venue statuses as they read within a sentence ("được phê duyệt"); alone they start with a capital. */
export const venueStatusName = (status: Venue['status']) => capitalise(VENUE_STATUS_NAMES[status]);

/** Edition statuses, likewise capitalised when they stand alone. */
export const editionStatusName = (status: Edition['status']) => capitalise(EDITION_STATUS_NAMES[status]);

// Colours under white text (badges, tags) keep a contrast of at least 4.5:1 (WCAG AA, checked by axe-core in the browser tests).
export const VENUE_STATUS_COLOURS: Record<VenueStatus, string> = {
  [VenueStatus.Nominated]: '#6b7280',
  [VenueStatus.Shortlisted]: '#7c3aed',
  [VenueStatus.Approved]: '#2563eb',
  [VenueStatus.Scheduled]: '#047857',
  [VenueStatus.Held]: '#0f766e',
  [VenueStatus.Rejected]: '#b91c1c',
  [VenueStatus.Cancelled]: '#4b5563',
};

/** A venue's readiness, plus the overview's two states of its own: not followed (held, dropped) and not known (beyond the venues listed at risk). */
export const READINESS_COLOURS: Record<Readiness | 'none' | 'unknown', string> = {
  on_track: '#047857',
  at_risk: '#b45309',
  late: '#b91c1c',
  none: '#9ca3af',
  unknown: '#93c5fd',
};

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
  notification_preferences: 'Cách nhận thư thông báo',
  programme_template: 'Chương trình mẫu',
  reminder_policy: 'Chính sách nhắc việc',
  resource_booking: 'Đặt nguồn lực dùng chung',
  shared_resource: 'Nguồn lực dùng chung',
  task_template: 'Danh mục nhiệm vụ mẫu',
  venue_leader_assignment: 'Phân công lãnh đạo',
  venue_change_proposal: 'Đề xuất thay đổi địa điểm, thời gian',
  planning_run: 'Lượt lập kế hoạch',
  calendar_feed: 'Lịch đăng ký',
  letter_settings: 'Mẫu công văn mời',
};

/** Field names of the API, as people call them (for validation messages shown away from their field). */
export const FIELD_NAMES: Record<string, string> = {
  email: 'E-mail',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  clientAddress: 'Địa chỉ máy truy cập',
  mustChangePassword: 'Phải đổi mật khẩu',
  active: 'Đang hoạt động',
  reason: 'Lý do',
  dailyDigest: 'Thư tổng hợp hằng ngày',
  immediateKinds: 'Loại thông báo gửi thư ngay',
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
