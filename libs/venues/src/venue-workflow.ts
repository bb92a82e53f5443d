/**
 * The venue workflow as plain functions: which transitions exist, who may make them and what each
 * needs. nominated → shortlisted → approved → scheduled → held, or rejected (with a reason) /
 * cancelled; no skipping, and a held, rejected or cancelled venue is final.
 *
 * Who decides: central-tier venues are chosen by the Ministry and the central steering committee, so
 * only central planners move them forward; venues of other tiers may also be moved by the organizers
 * of their own province. An organizer may always withdraw (cancel) a nomination of their province
 * and mark their province's venue held once its day has come.
 */
import { Actor, canWriteProvince, isPlanner } from '@app/auth';
import { BusinessRuleError, ForbiddenError, IsoDate, LocalTime, localToInstant, minutesOfDay } from '@app/common';
import { isWithinWindow } from '@app/editions';
import { FINAL_VENUE_STATUSES, VENUE_STATUS_NAMES, VENUE_TRANSITIONS, VenueStatus, VenueTier } from './venue.enums';

export { FINAL_VENUE_STATUSES, LIVE_VENUE_STATUSES, VENUE_TRANSITIONS } from './venue.enums';

export interface VenueTransitionRequest {
  to: VenueStatus;
  reason?: string;
  date?: IsoDate;
  startTime?: LocalTime;
  endTime?: LocalTime;
}

export interface VenueState {
  status: VenueStatus;
  tier: VenueTier;
  provinceCode: string;
  scheduledDate: IsoDate | null;
}

/** The fields a transition changes on the venue. */
export interface VenueTransitionChanges {
  status: VenueStatus;
  statusReason?: string | null;
  scheduledDate?: IsoDate;
  startsAt?: Date;
  endsAt?: Date;
}

export function assertVenueEditable(status: VenueStatus): void {
  if (FINAL_VENUE_STATUSES.includes(status)) {
    throw new BusinessRuleError('VENUE_FINAL', `Điểm tổ chức đã ${VENUE_STATUS_NAMES[status]}, không thể chỉnh sửa.`, { status }, 409);
  }
}

function mayDecide(actor: Actor, venue: VenueState, to: VenueStatus): boolean {
  if (isPlanner(actor)) return true;
  if (!canWriteProvince(actor, venue.provinceCode)) return false;
  if (to === VenueStatus.Held) return true;
  if (to === VenueStatus.Cancelled && venue.status === VenueStatus.Nominated) return true;
  return venue.tier !== VenueTier.Central;
}

/**
 * Checks a requested transition and returns the changes it makes. Throws 409 for a transition the
 * workflow does not have, 403 for an actor who may not make it, 422 for missing or impossible data.
 */
export function planVenueTransition(
  venue: VenueState,
  request: VenueTransitionRequest,
  actor: Actor,
  edition: { windowStart: IsoDate; windowEnd: IsoDate },
  today: IsoDate,
): VenueTransitionChanges {
  const { to } = request;
  if (!VENUE_TRANSITIONS[venue.status].includes(to)) {
    throw new BusinessRuleError(
      'INVALID_TRANSITION',
      `Không thể chuyển điểm tổ chức từ trạng thái "${VENUE_STATUS_NAMES[venue.status]}" sang "${VENUE_STATUS_NAMES[to]}".`,
      { from: venue.status, to, allowed: VENUE_TRANSITIONS[venue.status] },
      409,
    );
  }
  if (!mayDecide(actor, venue, to)) {
    throw new ForbiddenError('Bạn không có quyền chuyển trạng thái điểm tổ chức này.', 'TRANSITION_FORBIDDEN');
  }

  switch (to) {
    case VenueStatus.Rejected:
    case VenueStatus.Cancelled: {
      const reason = request.reason?.trim();
      if (!reason || reason.length < 3) {
        throw new BusinessRuleError('REASON_REQUIRED', 'Cần nêu rõ lý do khi từ chối hoặc hủy điểm tổ chức.', { field: 'reason' });
      }
      return { status: to, statusReason: reason };
    }
    case VenueStatus.Scheduled:
      return { status: to, statusReason: null, ...planSchedule(request, edition) };
    case VenueStatus.Held:
      if (!venue.scheduledDate || venue.scheduledDate > today) {
        throw new BusinessRuleError('NOT_YET_HELD', 'Chỉ xác nhận đã tổ chức khi đã đến ngày tổ chức.', {
          scheduledDate: venue.scheduledDate,
          today,
        });
      }
      return { status: to };
    default:
      return { status: to, statusReason: null };
  }
}

function planSchedule(
  request: VenueTransitionRequest,
  edition: { windowStart: IsoDate; windowEnd: IsoDate },
): Required<Pick<VenueTransitionChanges, 'scheduledDate' | 'startsAt' | 'endsAt'>> {
  const { date, startTime, endTime } = request;
  if (!date || !startTime || !endTime) {
    throw new BusinessRuleError('SCHEDULE_INCOMPLETE', 'Xếp lịch cần ngày tổ chức, giờ bắt đầu và giờ kết thúc.', {
      fields: ['date', 'startTime', 'endTime'].filter((field) => !request[field as keyof VenueTransitionRequest]),
    });
  }
  if (!isWithinWindow(date, edition)) {
    throw new BusinessRuleError('DATE_OUTSIDE_WINDOW', 'Ngày tổ chức phải nằm trong thời gian tổ chức của đợt Ngày hội.', {
      date,
      windowStart: edition.windowStart,
      windowEnd: edition.windowEnd,
    });
  }
  if (minutesOfDay(endTime) <= minutesOfDay(startTime)) {
    throw new BusinessRuleError('TIMES_NOT_ORDERED', 'Giờ kết thúc phải sau giờ bắt đầu, trong cùng một ngày.', { startTime, endTime });
  }
  return { scheduledDate: date, startsAt: localToInstant(date, startTime), endsAt: localToInstant(date, endTime) };
}
