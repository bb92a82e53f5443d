/**
 * An invitation's codes and their Vietnamese names: a pure file (no decorators, no imports), so the web
 * console reads the same definitions as the API (`@shared/invitations/src/invitation.enums`). Which
 * event may happen in which status: invitation-workflow.ts.
 */

/** Declared order is the database enum's order (`invitation_status`). */
export enum InvitationStatus {
  Draft = 'draft',
  Queued = 'queued',
  Sent = 'sent',
  Accepted = 'accepted',
  Declined = 'declined',
  SubstituteProposed = 'substitute_proposed',
  Withdrawn = 'withdrawn',
  /** A calendar client's "maybe" (PARTSTAT=TENTATIVE): recorded and shown, still awaiting a firm answer. */
  Tentative = 'tentative',
}

export const INVITATION_STATUS_NAMES: Record<InvitationStatus, string> = {
  [InvitationStatus.Draft]: 'Bản nháp',
  [InvitationStatus.Queued]: 'Đang chờ gửi',
  [InvitationStatus.Sent]: 'Đã gửi',
  [InvitationStatus.Accepted]: 'Nhận lời',
  [InvitationStatus.Declined]: 'Từ chối',
  [InvitationStatus.SubstituteProposed]: 'Đề nghị người dự thay',
  [InvitationStatus.Withdrawn]: 'Đã thu hồi',
  [InvitationStatus.Tentative]: 'Chưa chắc chắn',
};

export const INVITATION_STATUSES: readonly InvitationStatus[] = Object.values(InvitationStatus);

/** What a delegate answers, on the RSVP page or (accept, decline) from their calendar. */
export enum RsvpAnswer {
  Accept = 'accept',
  Decline = 'decline',
  Substitute = 'substitute',
}

export const RSVP_ANSWER_NAMES: Record<RsvpAnswer, string> = {
  [RsvpAnswer.Accept]: 'Nhận lời',
  [RsvpAnswer.Decline]: 'Không tham dự',
  [RsvpAnswer.Substitute]: 'Cử người dự thay',
};

export const RSVP_ANSWERS: readonly RsvpAnswer[] = Object.values(RsvpAnswer);

/** How the last answer came. */
export type AnsweredVia = 'rsvp' | 'calendar' | 'planner';

export const ANSWERED_VIA_NAMES: Record<AnsweredVia, string> = {
  rsvp: 'trang trả lời',
  calendar: 'lịch điện tử',
  planner: 'cán bộ ghi nhận',
};

/** Where one e-mail of an invitation stands. Declared order is the database enum's (`message_status`). */
export enum MessageStatus {
  Pending = 'pending',
  Sending = 'sending',
  Sent = 'sent',
  Failed = 'failed',
  /** A newer revision replaced it before it went out. */
  Superseded = 'superseded',
}

export const MESSAGE_STATUS_NAMES: Record<MessageStatus, string> = {
  [MessageStatus.Pending]: 'chờ gửi',
  [MessageStatus.Sending]: 'đang gửi',
  [MessageStatus.Sent]: 'đã gửi',
  [MessageStatus.Failed]: 'gửi lỗi',
  [MessageStatus.Superseded]: 'đã thay bằng bản mới',
};

/**
 * The letter an e-mail carries: the invitation itself, an update of its date or place, an update of the
 * venue's programme, its cancellation,
 * the cancellation that tells the original attendee who attends instead (an approved substitute), or a
 * notice to the office without a calendar entry (a substitute refused).
 */
export type MessageKind = 'invitation' | 'update' | 'programme-update' | 'cancellation' | 'substituted' | 'notice';

export const MESSAGE_KIND_NAMES: Record<MessageKind, string> = {
  invitation: 'Thư mời',
  update: 'Thư cập nhật',
  'programme-update': 'Thư cập nhật chương trình',
  cancellation: 'Thư hủy',
  substituted: 'Thư báo người dự thay',
  notice: 'Thư thông báo',
};

/** The iTIP method of the calendar entry an e-mail carries (RFC 5546); a notice carries none (null). */
export type MessageMethod = 'REQUEST' | 'CANCEL';

export const MESSAGE_METHOD_NAMES: Record<MessageMethod, string> = {
  REQUEST: 'Thư mời kèm lịch',
  CANCEL: 'Thư hủy lịch',
};

/** What a calendar client's REPLY says (its PARTSTAT), as the invitation history shows it. */
export const PARTSTAT_NAMES: Record<string, string> = {
  ACCEPTED: 'Nhận lời',
  DECLINED: 'Không tham dự',
  TENTATIVE: 'Chưa chắc chắn',
  DELEGATED: 'Cử người dự thay',
};

/** One line of an invitation's history. */
export type InvitationHistoryKind = 'created' | 'sent' | 'answered' | 'substituted' | 'updated' | 'cancelled' | 'refused' | 'note';

export const INVITATION_HISTORY_NAMES: Record<InvitationHistoryKind, string> = {
  created: 'Tạo lời mời',
  sent: 'Gửi thư',
  answered: 'Trả lời',
  substituted: 'Thay người dự',
  updated: 'Cập nhật',
  cancelled: 'Hủy / thu hồi',
  refused: 'Không chấp thuận người dự thay',
  note: 'Ghi chú',
};
