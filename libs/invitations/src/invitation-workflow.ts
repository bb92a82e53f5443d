/**
 * An invitation's status machine, in one place: which events may happen in which status, what each
 * does (the status it leaves, the fields it sets, the e-mail it implies, the reminders it plans or
 * cancels), and how it is refused. Pure: every writer asks it — InvitationsService (planners and the
 * venue and assignment followers), RsvpService (delegates' answers) and the send handler, whose SQL
 * takes its statuses from here — so an event refused in one place is refused the same way everywhere.
 *
 *   draft ──send──▶ queued ──sent──▶ sent ──accept/decline/tentative/propose-substitute──▶ accepted | declined | tentative | substitute_proposed
 *   queued, sent, accepted, declined, tentative, substitute_proposed ──any answer──▶ (the last answer stands)
 *   substitute_proposed ──refuse-substitute──▶ sent (a notice to the office);  ──approve-substitute──▶ withdrawn (the substitute is invited)
 *   queued, sent, accepted, tentative ──reschedule──▶ queued (a new date needs a new answer)
 *   substitute_proposed ──reschedule──▶ substitute_proposed (the proposal stands, decided on the new facts; the office is told)
 *   sent, accepted, tentative ──resend──▶ (same status, same revision: replies on their way stay current)
 *   queued, sent, accepted, tentative, substitute_proposed ──programme-update──▶ (same status, one revision up: the answer stands)
 *   anything but withdrawn ──withdraw──▶ withdrawn (final)
 */
import { BusinessRuleError, DomainError } from '@app/common';
import type { ProposedSubstitute } from './invitation.entities';
import { AnsweredVia, INVITATION_STATUS_NAMES, INVITATION_STATUSES, InvitationStatus, MessageKind, MessageMethod, RsvpAnswer } from './invitation.enums';

const S = InvitationStatus;

export type InvitationEventType =
  /** A planner sends a draft (or a bulk or substitute invitation queues its first e-mail). */
  | 'send'
  /** The first REQUEST of the current revision left (the send handler). */
  | 'sent'
  /** An e-mail failed for good: the invitation keeps its status (a planner retries it). */
  | 'failed'
  /** The delegate's answer, from the RSVP page or their calendar. */
  | 'accept'
  | 'decline'
  | 'tentative'
  | 'propose-substitute'
  /** A planner's decision on a proposed substitute. */
  | 'approve-substitute'
  | 'refuse-substitute'
  /** A planner withdraws it, or its venue is cancelled, or its leader is taken off the venue. */
  | 'withdraw'
  /** A planner sends the letter again on the same calendar entry. */
  | 'resend'
  /** The venue's date, hours or place changed: an update to the delegate. */
  | 'reschedule'
  /** The venue's programme changed (items added, moved or removed): an update to a delegate who holds the entry. */
  | 'programme-update';

/** An event with what it carries. `delivered`: a REQUEST went out, or is going out (the delegate may hold the entry). */
export type InvitationEvent =
  | { type: 'send' | 'sent' | 'failed' | 'resend' }
  | { type: 'refuse-substitute'; reason: string }
  | { type: 'accept' | 'decline' | 'tentative'; via: AnsweredVia; at: Date; comment?: string | null }
  | { type: 'propose-substitute'; via: AnsweredVia; at: Date; substitute: ProposedSubstitute; comment?: string | null }
  | { type: 'withdraw' | 'approve-substitute'; reason: string; delivered: boolean }
  | { type: 'reschedule'; delivered: boolean; rsvpExpiresAt: Date }
  | { type: 'programme-update' };

/** Invitations a delegate still holds in their calendar: they hear of changes and get reminders. */
export const LIVE_STATUSES: readonly InvitationStatus[] = [S.Queued, S.Sent, S.Accepted, S.Tentative, S.SubstituteProposed];

/** Statuses an RSVP or a calendar reply may be recorded in (the last answer stands). */
const ANSWERABLE: readonly InvitationStatus[] = [S.Queued, S.Sent, S.Accepted, S.Declined, S.Tentative, S.SubstituteProposed];

const to = (from: readonly InvitationStatus[], target: InvitationStatus) => Object.fromEntries(from.map((status) => [status, target]));
const stays = (from: readonly InvitationStatus[]) => Object.fromEntries(from.map((status) => [status, status]));

/** Each event's moves, from → to; an event is refused in any status not listed. */
export const INVITATION_TRANSITIONS: Readonly<Record<InvitationEventType, Readonly<Partial<Record<InvitationStatus, InvitationStatus>>>>> = {
  send: { [S.Draft]: S.Queued },
  sent: { [S.Queued]: S.Sent },
  failed: stays(INVITATION_STATUSES.filter((status) => status !== S.Draft)),
  accept: to(ANSWERABLE, S.Accepted),
  decline: to(ANSWERABLE, S.Declined),
  tentative: to(ANSWERABLE, S.Tentative),
  'propose-substitute': to(ANSWERABLE, S.SubstituteProposed),
  'approve-substitute': { [S.SubstituteProposed]: S.Withdrawn },
  'refuse-substitute': { [S.SubstituteProposed]: S.Sent },
  withdraw: to(
    INVITATION_STATUSES.filter((status) => status !== S.Withdrawn),
    S.Withdrawn,
  ),
  resend: stays([S.Sent, S.Accepted, S.Tentative]),
  // A pending proposal survives a reschedule: the planner decides it on the new facts.
  reschedule: { ...to(LIVE_STATUSES, S.Queued), [S.SubstituteProposed]: S.SubstituteProposed },
  // The day, hours and place stand: an answer already given stays (a declined delegate hears nothing).
  'programme-update': stays(LIVE_STATUSES),
};

export function canApply(status: InvitationStatus, type: InvitationEventType): boolean {
  return INVITATION_TRANSITIONS[type][status] !== undefined;
}

/** The statuses an event applies in (what a writer that follows other changes selects, or an SQL claim matches). */
export function statusesAllowing(type: InvitationEventType): InvitationStatus[] {
  return INVITATION_STATUSES.filter((status) => canApply(status, type));
}

/** The one status an event leads to, for a writer that applies it in SQL (an event with several targets has none). */
export function targetOf(type: InvitationEventType): InvitationStatus {
  const targets = new Set(Object.values(INVITATION_TRANSITIONS[type]));
  if (targets.size !== 1) throw new Error(`invitation event ${type} leads to ${targets.size} statuses`);
  return [...targets][0];
}

/** An invitation that has ended: it can no longer be withdrawn, answered or sent, and holds no place at its venue. */
export const ENDED_STATUSES: readonly InvitationStatus[] = INVITATION_STATUSES.filter((status) => !canApply(status, 'withdraw'));

/** Not yet sent: the delegate has heard nothing of it (no RSVP link, no feed entry). */
export const UNSENT_STATUSES: readonly InvitationStatus[] = statusesAllowing('send');

/** Statuses an RSVP or a calendar reply may be recorded in. */
export const ANSWERABLE_STATUSES: readonly InvitationStatus[] = statusesAllowing('accept');

const ANSWER_EVENTS = { [RsvpAnswer.Accept]: 'accept', [RsvpAnswer.Decline]: 'decline', [RsvpAnswer.Substitute]: 'propose-substitute' } as const;

/** The event a delegate's answer is. */
export function answerEvent(answer: RsvpAnswer): (typeof ANSWER_EVENTS)[RsvpAnswer] {
  return ANSWER_EVENTS[answer];
}

/** The statuses a delegate's answer leaves (TENTATIVE only comes from a calendar). */
export const ANSWERED_STATUSES: readonly InvitationStatus[] = [...Object.values(ANSWER_EVENTS), 'tentative' as const].map(targetOf);

/** A refusal that reveals nothing: the same for a tampered, unknown or expired link, or one that cannot be answered. */
export class InvalidLinkError extends DomainError {
  constructor() {
    super(404, 'INVALID_LINK', 'Liên kết không hợp lệ hoặc đã hết hạn.');
  }
}

/** How an event is refused in a status it does not apply in: the same error wherever it is attempted. */
export function refusal(type: InvitationEventType, status: InvitationStatus): DomainError {
  switch (type) {
    case 'send':
      return new BusinessRuleError('ALREADY_SENT', 'Lời mời đã được gửi.', { status }, 409);
    case 'accept':
    case 'decline':
    case 'tentative':
    case 'propose-substitute':
      return status === S.Withdrawn
        ? new BusinessRuleError('INVITATION_WITHDRAWN', 'Lời mời này đã được thu hồi, không thể trả lời.', undefined, 409)
        : new InvalidLinkError();
    case 'approve-substitute':
    case 'refuse-substitute':
      return new BusinessRuleError('NO_SUBSTITUTE_PROPOSED', 'Lời mời này không có đề xuất người thay thế.', { status }, 409);
    case 'withdraw':
      return new BusinessRuleError('ALREADY_WITHDRAWN', 'Lời mời đã được thu hồi.', undefined, 409);
    case 'resend':
      return status === S.Queued
        ? new BusinessRuleError('INVITATION_SENDING', 'Thư mời đang chờ gửi; không cần gửi lại.', { status }, 409)
        : new BusinessRuleError('INVITATION_NOT_RESENDABLE', 'Chỉ gửi lại được lời mời đã gửi và còn hiệu lực.', { status }, 409);
    default:
      return new BusinessRuleError(
        'INVITATION_TRANSITION_REFUSED',
        `Lời mời đang ở trạng thái "${INVITATION_STATUS_NAMES[status]}", không thể thực hiện thao tác này.`,
        { status, event: type },
        409,
      );
  }
}

/** Throws the event's refusal unless it applies in `status`. */
export function assertCan(status: InvitationStatus, type: InvitationEventType): void {
  if (!canApply(status, type)) throw refusal(type, status);
}

/** The fields of an invitation the machine reads and sets. */
export interface InvitationState {
  status: InvitationStatus;
  sequence: number;
  answeredAt: Date | null;
  answeredVia: AnsweredVia | null;
  substitute: ProposedSubstitute | null;
  /** The delegate's note with their last answer: a calendar reply's COMMENT, or arrival details from the RSVP page. */
  answerComment: string | null;
  withdrawnReason: string | null;
  rsvpExpiresAt: Date;
}

/** What an event does to one invitation. */
export interface InvitationChange {
  /** The fields it sets on the invitation (the status always). */
  set: Partial<InvitationState> & Pick<InvitationState, 'status'>;
  /**
   * E-mails still waiting to go out (pending or failed) that it makes pointless: every one, or the
   * REQUESTs (a newer revision of the letter replaces them).
   */
  supersedes: 'all' | 'requests' | null;
  /** The e-mail it implies (recorded in the same transaction, sent after commit). */
  message: { kind: MessageKind; method: MessageMethod | null; reason: string | null } | null;
  /** The delegate's reminders: planned (or moved) before the venue's start, cancelled, or left alone. */
  reminders: 'plan' | 'cancel' | 'keep';
}

/** What `event` does to an invitation in `current`'s state; throws the event's refusal where it does not apply. */
export function decide(
  current: Pick<InvitationState, 'status' | 'sequence'> & Partial<Pick<InvitationState, 'substitute'>>,
  event: InvitationEvent,
): InvitationChange {
  assertCan(current.status, event.type);
  const status = INVITATION_TRANSITIONS[event.type][current.status]!;
  const none = { supersedes: null, message: null, reminders: 'keep' } as const;
  switch (event.type) {
    case 'send':
      return { set: { status }, supersedes: 'requests', message: { kind: 'invitation', method: 'REQUEST', reason: null }, reminders: 'plan' };
    case 'sent':
    case 'failed':
      return { set: { status }, ...none };
    case 'refuse-substitute':
      // Back to awaiting the original leader's answer; the office hears why (an e-mail without a calendar entry).
      return {
        set: { status, substitute: null, answeredAt: null, answeredVia: null, answerComment: null },
        supersedes: null,
        message: { kind: 'notice', method: null, reason: event.reason },
        reminders: 'keep',
      };
    case 'accept':
    case 'decline':
    case 'tentative':
    case 'propose-substitute':
      return {
        set: {
          status,
          substitute: event.type === 'propose-substitute' ? event.substitute : null,
          answeredAt: event.at,
          answeredVia: event.via,
          answerComment: event.comment ?? null,
        },
        supersedes: null,
        message: null,
        // No reminders after a decline; an accept (or a change of mind) brings them back.
        reminders: event.type === 'decline' ? 'cancel' : 'plan',
      };
    case 'withdraw':
    case 'approve-substitute':
      // A CANCEL only to a delegate who may hold the calendar entry; it is a new revision of that entry.
      // An approved substitute's CANCEL says who attends instead.
      return {
        set: { status, withdrawnReason: event.reason, sequence: event.delivered ? current.sequence + 1 : current.sequence },
        supersedes: 'all',
        message: event.delivered ? { kind: event.type === 'withdraw' ? 'cancellation' : 'substituted', method: 'CANCEL', reason: event.reason } : null,
        reminders: 'cancel',
      };
    case 'resend':
      // The letter itself again with the same SEQUENCE: nothing changed, so replies already on their way
      // (to this revision) are not refused as stale; calendars match the same entry.
      return {
        set: { status },
        supersedes: 'requests',
        message: { kind: 'invitation', method: 'REQUEST', reason: null },
        reminders: 'keep',
      };
    case 'programme-update':
      // The same calendar entry one revision up (its description lists the programme); the answer stands,
      // so no new answer is asked for and the reminders keep their times. A pending substitute proposal
      // stands too, and the office is told so.
      return {
        set: { status, sequence: current.sequence + 1 },
        supersedes: 'requests',
        message: {
          kind: 'programme-update',
          method: 'REQUEST',
          reason:
            status === S.SubstituteProposed && current.substitute
              ? `Đề nghị cử đồng chí ${current.substitute.name} (${current.substitute.position}) dự thay vẫn đang được Ban Tổ chức xem xét; Ban Tổ chức sẽ thông báo kết quả.`
              : null,
        },
        reminders: 'keep',
      };
    case 'reschedule': {
      // A new date needs a new answer (iTIP resets PARTSTAT); a delegate who never received the first
      // e-mail gets a first invitation, not an update. A pending substitute proposal stays (the planner
      // decides it on the new facts), and the update tells the office so.
      const pending = status === S.SubstituteProposed && current.substitute;
      return {
        set: pending
          ? { status, sequence: current.sequence + 1, rsvpExpiresAt: event.rsvpExpiresAt }
          : { status, sequence: current.sequence + 1, answeredAt: null, substitute: null, answerComment: null, rsvpExpiresAt: event.rsvpExpiresAt },
        supersedes: 'requests',
        message: {
          kind: event.delivered ? 'update' : 'invitation',
          method: 'REQUEST',
          reason: pending
            ? `Đề nghị cử đồng chí ${current.substitute!.name} (${current.substitute!.position}) dự thay vẫn đang được Ban Tổ chức xem xét theo thời gian, địa điểm mới; Ban Tổ chức sẽ thông báo kết quả.`
            : null,
        },
        reminders: 'plan',
      };
    }
  }
}

/** What a follower of a programme change knows of one invitation. */
export interface ProgrammeUpdateFacts {
  status: InvitationStatus;
  /** A REQUEST went out or is going out: the delegate may hold the calendar entry. */
  delivered: boolean;
  /**
   * A REQUEST of the current revision is still waiting to go (pending, possibly delayed to coalesce
   * edits, or failed and awaiting a retry): it is composed when it is sent, so it will carry the
   * programme as it is then.
   */
  requestWaiting: boolean;
}

/**
 * Whether a programme change needs an update e-mail to this invitation: only a delegate who still
 * holds the entry (not declined, not withdrawn — an approved substitute's deputy has their own
 * invitation) and received it, and only when no letter of the current revision is already waiting
 * (that one absorbs the edit: several quick edits make one e-mail).
 */
export function needsProgrammeUpdate(facts: ProgrammeUpdateFacts): boolean {
  return canApply(facts.status, 'programme-update') && facts.delivered && !facts.requestWaiting;
}
