/**
 * What a notification is about, and the Vietnamese names of each: a pure file (no decorators, no
 * imports), so the web console reads the same definitions as the API
 * (`@shared/notifications/src/notification.enums`).
 */

export enum NotificationKind {
  /** A province nominated a venue (planners). */
  VenueNominated = 'venue_nominated',
  /** The venue's province's organizers, for each of the four below. */
  VenueApproved = 'venue_approved',
  VenueRejected = 'venue_rejected',
  VenueRescheduled = 'venue_rescheduled',
  VenueCancelled = 'venue_cancelled',
  /** A task went blocked (the province's organizers, but not who blocked it). */
  TaskBlocked = 'task_blocked',
  /** Overdue escalations, grouped per province and day (organizers first, then planners, as the policy says). */
  TaskOverdue = 'task_overdue',
  /** A queued planning run finished or failed (the planner who started it). */
  PlanningRunFinished = 'planning_run_finished',
  PlanningRunFailed = 'planning_run_failed',
  /** A delegate accepted or declined their invitation (planners, and the venue's province's organizers). */
  InvitationAccepted = 'invitation_accepted',
  InvitationDeclined = 'invitation_declined',
  /** A delegate proposed a substitute (planners, who decide it). */
  SubstituteProposed = 'substitute_proposed',
  /** Calendar replies that matched no invitation, grouped per day (planners). */
  CalendarReplyUnmatched = 'calendar_reply_unmatched',
}

export const NOTIFICATION_KIND_NAMES: Record<NotificationKind, string> = {
  [NotificationKind.VenueNominated]: 'Điểm mới được đề xuất',
  [NotificationKind.VenueApproved]: 'Điểm được phê duyệt',
  [NotificationKind.VenueRejected]: 'Điểm không được chọn',
  [NotificationKind.VenueRescheduled]: 'Điểm đổi lịch hoặc địa điểm',
  [NotificationKind.VenueCancelled]: 'Điểm bị hủy',
  [NotificationKind.TaskBlocked]: 'Công việc vướng mắc',
  [NotificationKind.TaskOverdue]: 'Công việc quá hạn',
  [NotificationKind.PlanningRunFinished]: 'Phương án đã lập xong',
  [NotificationKind.PlanningRunFailed]: 'Lập phương án bị lỗi',
  [NotificationKind.InvitationAccepted]: 'Lãnh đạo nhận lời dự',
  [NotificationKind.InvitationDeclined]: 'Lãnh đạo báo vắng',
  [NotificationKind.SubstituteProposed]: 'Đề nghị người dự thay',
  [NotificationKind.CalendarReplyUnmatched]: 'Thư trả lời lịch không khớp',
};
