/** Where a feed's link stands: made and mailed by the worker, or revoked by a planner. */
export enum CalendarFeedStatus {
  /** A new link waits to be made and mailed. */
  Pending = 'pending',
  /** The worker is mailing it (under a lease). */
  Sending = 'sending',
  /** Mailed; the link works until the edition's end plus FEED_GRACE_DAYS. */
  Active = 'active',
  /** The mail failed after every retry (a planner may re-issue). */
  Failed = 'failed',
  /** Revoked by a planner: no link works until it is re-issued. */
  Revoked = 'revoked',
}

export const CALENDAR_FEED_STATUS_NAMES: Record<CalendarFeedStatus, string> = {
  [CalendarFeedStatus.Pending]: 'chờ gửi',
  [CalendarFeedStatus.Sending]: 'đang gửi',
  [CalendarFeedStatus.Active]: 'đã gửi, đang dùng',
  [CalendarFeedStatus.Failed]: 'gửi lỗi',
  [CalendarFeedStatus.Revoked]: 'đã thu hồi',
};
