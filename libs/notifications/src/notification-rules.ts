/**
 * What each notification says and where it links, and who hears of a venue's change: pure functions,
 * unit-tested without Nest. Texts name only what their readers may open (a venue of their own
 * province for organizers; never a leader or a contact).
 */
import { CONSOLE_LINKS, formatVietnameseDate, type IsoDate } from '@app/common';
import { NotificationKind } from './notification.enums';

export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string | null;
  link: string;
  subjectId: string | null;
}

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
  const base = { kind, link: CONSOLE_LINKS.venue(venue.id), subjectId: venue.id };
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

export function taskBlockedDraft(venue: { id: string; name: string }, task: { id: string; title: string }, reason: string | null): NotificationDraft {
  return {
    kind: NotificationKind.TaskBlocked,
    title: `Công việc “${task.title}” ở điểm “${venue.name}” đang vướng mắc`,
    body: reason ? `Lý do: ${reason}` : null,
    link: CONSOLE_LINKS.venueTasks(venue.id, task.id),
    subjectId: venue.id,
  };
}

export function planningRunDraft(kind: NotificationKind.PlanningRunFinished | NotificationKind.PlanningRunFailed, runId: string): NotificationDraft {
  return kind === NotificationKind.PlanningRunFinished
    ? { kind, title: 'Phương án phân công đã lập xong', body: 'Phương án đang chờ chấp nhận.', link: CONSOLE_LINKS.planning(), subjectId: runId }
    : { kind, title: 'Lập phương án phân công bị lỗi', body: 'Xem lý do ở trang lập kế hoạch.', link: CONSOLE_LINKS.planning(), subjectId: runId };
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

/** What an invitation's answer says to whom. */
export interface InvitationAnswerFacts {
  invitationId: string;
  answer: 'accepted' | 'declined' | 'substitute_proposed';
  delegateName: string;
  substitute: { name: string; position: string } | null;
  comment: string | null;
}

const ANSWER_KINDS = {
  accepted: NotificationKind.InvitationAccepted,
  declined: NotificationKind.InvitationDeclined,
  substitute_proposed: NotificationKind.SubstituteProposed,
} as const;

/** Who hears of an answer: planners always; the venue's province's organizers of an acceptance or a refusal only. */
export function answerAudiences(answer: InvitationAnswerFacts['answer']): { planners: boolean; organizers: boolean } {
  return { planners: true, organizers: answer !== 'substitute_proposed' };
}

/**
 * An answer's entry. Organizers may read the delegate's name (a leader of their own province's venue)
 * but not the delegate's comment (free text that may carry a contact or another engagement): that goes
 * to planners only. No e-mail or phone for anyone (the linked page shows planners the contacts).
 * The date is the venue's (the reader may open the venue).
 */
export function invitationAnswerDraft(
  facts: InvitationAnswerFacts,
  venue: { id: string; name: string; scheduledDate: string | null },
  audience: 'planners' | 'organizers',
): NotificationDraft {
  const kind = ANSWER_KINDS[facts.answer];
  const place = `điểm “${venue.name}”${venue.scheduledDate ? ` ngày ${formatVietnameseDate(venue.scheduledDate)}` : ''}`;
  const note = audience === 'planners' && facts.comment ? `Ghi chú: ${clip(facts.comment, 300)}` : null;
  const base = { kind, link: CONSOLE_LINKS.venueAnswers(venue.id), subjectId: facts.invitationId };
  switch (facts.answer) {
    case 'accepted':
      return { ...base, title: `Đồng chí ${facts.delegateName} nhận lời dự ${place}`, body: note };
    case 'declined':
      return { ...base, title: `Đồng chí ${facts.delegateName} báo không dự được ${place}`, body: note ?? 'Cần xem xét phân công lãnh đạo khác.' };
    case 'substitute_proposed': {
      const deputy = facts.substitute ? `đồng chí ${facts.substitute.name} (${facts.substitute.position})` : 'người khác';
      return {
        ...base,
        title: `Đồng chí ${facts.delegateName} đề nghị cử ${deputy} dự thay ở ${place}`,
        body: ['Đề nghị chờ Ban Chỉ đạo Trung ương chấp thuận hoặc từ chối.', note].filter(Boolean).join(' '),
      };
    }
  }
}

/** One grouped entry per local day for calendar replies that matched no invitation (planners). */
export function unmatchedReplyGroupKey(day: IsoDate): string {
  return `${NotificationKind.CalendarReplyUnmatched}|${day}`;
}

export const UNMATCHED_REPLY_TITLE_SUFFIX = ' thư trả lời từ ứng dụng lịch không khớp lời mời nào';

/** Names the latest reply (planners may read delegates' addresses), cut short: the text comes from outside. */
export function unmatchedReplyBody(day: IsoDate, uid: string, attendees: string[]): string {
  const from = attendees.length ? clip(attendees.slice(0, 3).join(', '), 200) : 'không rõ người gửi';
  return `Ngày ${formatVietnameseDate(day)}; thư gần nhất từ ${from} (UID ${clip(uid, 120)}) không được ghi nhận. Kiểm tra địa chỉ người được mời hoặc gửi lại lời mời.`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
