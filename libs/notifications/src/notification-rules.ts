/**
 * What each notification says and where it links, and who hears of a venue's change: pure functions,
 * unit-tested without Nest. Texts name only what their readers may open (a venue of their own
 * province for organizers; never a leader or a contact).
 */
import { formatVietnameseDate, type IsoDate } from '@app/common';
import { NotificationKind } from './notification.enums';

export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string | null;
  link: string;
  subjectId: string | null;
}

export const venueLink = (venueId: string) => `/diem/${venueId}`;
export const PLANNING_LINK = '/lap-ke-hoach';
export const readinessLink = (provinceCode: string) => `/san-sang?tinh=${provinceCode}`;

/** The venue facts a venue notification reads. */
export interface VenueFacts {
  id: string;
  name: string;
  status: string;
  provinceCode: string;
  scheduledDate: string | null;
  startTime: string | null;
}

/**
 * The kind of notification a venue's change makes for its province's organizers, or null (a change
 * they need not hear of: an edit of its description, a shortlisting).
 */
export function venueChangeKind(change: {
  before: { status: string };
  after: { status: string };
  approved: boolean;
  cancelled: boolean;
  rescheduled: boolean;
}): NotificationKind | null {
  if (change.approved) return NotificationKind.VenueApproved;
  if (change.cancelled) return NotificationKind.VenueCancelled;
  if (change.after.status === 'rejected' && change.before.status !== 'rejected') return NotificationKind.VenueRejected;
  if (change.rescheduled) return NotificationKind.VenueRescheduled;
  return null;
}

export function venueDraft(kind: NotificationKind, venue: VenueFacts, provinceName: string, reason: string | null): NotificationDraft {
  const name = `“${venue.name}”`;
  const because = reason ? `Lý do: ${reason}` : null;
  const base = { kind, link: venueLink(venue.id), subjectId: venue.id };
  switch (kind) {
    case NotificationKind.VenueNominated:
      return { ...base, title: `${provinceName} đề xuất điểm ${name}`, body: 'Điểm mới chờ xem xét.' };
    case NotificationKind.VenueApproved:
      return { ...base, title: `Điểm ${name} đã được phê duyệt`, body: 'Danh mục công việc chuẩn bị đã được lập.' };
    case NotificationKind.VenueRejected:
      return { ...base, title: `Điểm ${name} không được chọn`, body: because };
    case NotificationKind.VenueCancelled:
      return { ...base, title: `Điểm ${name} đã bị hủy`, body: because };
    case NotificationKind.VenueRescheduled: {
      const when = venue.scheduledDate ? `${venue.startTime ? `${venue.startTime} ` : ''}ngày ${formatVietnameseDate(venue.scheduledDate)}` : null;
      return { ...base, title: `Điểm ${name} thay đổi lịch hoặc địa điểm`, body: when ? `Lịch mới: ${when}.` : because };
    }
    default:
      throw new Error(`not a venue notification: ${kind}`);
  }
}

export function taskBlockedDraft(venue: { id: string; name: string }, taskTitle: string, reason: string | null): NotificationDraft {
  return {
    kind: NotificationKind.TaskBlocked,
    title: `Công việc “${taskTitle}” ở điểm “${venue.name}” đang vướng mắc`,
    body: reason ? `Lý do: ${reason}` : null,
    link: `${venueLink(venue.id)}?tab=cong-viec`,
    subjectId: venue.id,
  };
}

export function planningRunDraft(kind: NotificationKind.PlanningRunFinished | NotificationKind.PlanningRunFailed, runId: string): NotificationDraft {
  return kind === NotificationKind.PlanningRunFinished
    ? { kind, title: 'Phương án phân công đã lập xong', body: 'Phương án đang chờ chấp nhận.', link: PLANNING_LINK, subjectId: runId }
    : { kind, title: 'Lập phương án phân công bị lỗi', body: 'Xem lý do ở trang lập kế hoạch.', link: PLANNING_LINK, subjectId: runId };
}

/**
 * One grouped entry per audience, province and local day: tens of thousands of overdue tasks in a day
 * make one row per reader per province, not one per task.
 */
export function overdueGroupKey(audience: 'province' | 'planners', provinceCode: string, day: IsoDate): string {
  return `${NotificationKind.TaskOverdue}|${audience}|${provinceCode}|${day}`;
}

/** The title is the count and this suffix, so that SQL can raise the count in place. */
export function overdueTitleSuffix(provinceName: string): string {
  return ` việc quá hạn ở ${provinceName}`;
}

export function overdueBody(audience: 'province' | 'planners', day: IsoDate): string {
  const on = `ngày ${formatVietnameseDate(day)}`;
  return audience === 'planners'
    ? `Cảnh báo quá hạn chuyển lên Ban Chỉ đạo Trung ương ${on}.`
    : `Cảnh báo quá hạn ${on}: xem các việc chưa xong ở trang sẵn sàng.`;
}
