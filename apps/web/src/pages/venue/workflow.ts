/**
 * The venue workflow as the console needs it: which buttons to offer. The API decides (see
 * libs/venues/src/venue-workflow.ts); this mirror only hides actions that would certainly be refused.
 */
import { FINAL_VENUE_STATUSES, LIVE_VENUE_STATUSES, VENUE_TRANSITIONS, VenueStatus, VenueTier } from '@shared/venues/src/venue.enums';
import { Role } from '@shared/auth/src/role.enums';
import { is, isOneOf } from '../../codes';
import type { User, Venue } from '../../api/models';
import { IsoDate, today as todayInVietnam } from '../../input';

export function canWriteVenue(user: User, venue: Venue): boolean {
  if (is(user.role, Role.CentralPlanner)) return true;
  return is(user.role, Role.ProvincialOrganizer) && user.provinceCode === venue.provinceCode;
}

export function isEditable(user: User, venue: Venue): boolean {
  return canWriteVenue(user, venue) && !isOneOf(venue.status, FINAL_VENUE_STATUSES);
}

/** Approved or scheduled: the venues planning and readiness follow. */
export const isLive = (venue: Venue) => isOneOf(venue.status, LIVE_VENUE_STATUSES);

/**
 * The actions to offer. "Held" only from the venue's day on (Vietnam's date, `today`): a festival
 * cannot have taken place before its day, and one tap too early would close the venue's records.
 */
export function availableTransitions(user: User, venue: Venue, today: IsoDate = todayInVietnam()): VenueStatus[] {
  if (!canWriteVenue(user, venue)) return [];
  return VENUE_TRANSITIONS[venue.status].filter((to) => {
    if (to === VenueStatus.Held && (venue.scheduledDate === null || venue.scheduledDate > today)) return false;
    if (is(user.role, Role.CentralPlanner)) return true;
    if (to === VenueStatus.Held) return true;
    if (to === VenueStatus.Cancelled && is(venue.status, VenueStatus.Nominated)) return true;
    return !is(venue.tier, VenueTier.Central);
  });
}

export function actionName(from: Venue['status'], to: VenueStatus): string {
  switch (to) {
    case VenueStatus.Shortlisted:
      return 'Đưa vào danh sách xem xét';
    case VenueStatus.Approved:
      return 'Phê duyệt';
    case VenueStatus.Scheduled:
      return is(from, VenueStatus.Scheduled) ? 'Đổi lịch' : 'Xếp lịch';
    case VenueStatus.Held:
      return 'Đánh dấu đã tổ chức';
    case VenueStatus.Rejected:
      return 'Từ chối';
    case VenueStatus.Cancelled:
      return is(from, VenueStatus.Nominated) ? 'Rút đề xuất' : 'Hủy điểm';
    default:
      return to;
  }
}

export const needsReason = (to: VenueStatus) => to === VenueStatus.Rejected || to === VenueStatus.Cancelled;
export const needsSchedule = (to: VenueStatus) => to === VenueStatus.Scheduled;
