/**
 * The venue workflow as the console needs it: which buttons to offer. The API decides (see
 * libs/venues/src/venue-workflow.ts); this mirror only hides actions that would certainly be refused.
 */
import { FINAL_VENUE_STATUSES, LIVE_VENUE_STATUSES, VENUE_TRANSITIONS, VenueStatus } from '@shared/venues/src/venue.enums';
import type { User, Venue } from '../../api/models';

export function canWriteVenue(user: User, venue: Venue): boolean {
  if (user.role === 'central_planner') return true;
  return user.role === 'provincial_organizer' && user.provinceCode === venue.provinceCode;
}

export function isEditable(user: User, venue: Venue): boolean {
  return canWriteVenue(user, venue) && !FINAL_VENUE_STATUSES.some((status) => status === venue.status);
}

/** Approved or scheduled: the venues planning and readiness follow. */
export const isLive = (venue: Venue) => LIVE_VENUE_STATUSES.some((status) => status === venue.status);

export function availableTransitions(user: User, venue: Venue): VenueStatus[] {
  if (!canWriteVenue(user, venue)) return [];
  return VENUE_TRANSITIONS[venue.status].filter((to) => {
    if (user.role === 'central_planner') return true;
    if (to === VenueStatus.Held) return true;
    if (to === VenueStatus.Cancelled && venue.status === VenueStatus.Nominated) return true;
    return venue.tier !== 'central';
  });
}

export function actionName(from: Venue['status'], to: VenueStatus): string {
  switch (to) {
    case VenueStatus.Shortlisted:
      return 'Đưa vào danh sách xem xét';
    case VenueStatus.Approved:
      return 'Phê duyệt';
    case VenueStatus.Scheduled:
      return from === VenueStatus.Scheduled ? 'Đổi lịch' : 'Xếp lịch';
    case VenueStatus.Held:
      return 'Đánh dấu đã tổ chức';
    case VenueStatus.Rejected:
      return 'Từ chối';
    case VenueStatus.Cancelled:
      return from === VenueStatus.Nominated ? 'Rút đề xuất' : 'Hủy điểm';
    default:
      return to;
  }
}

export const needsReason = (to: VenueStatus) => to === VenueStatus.Rejected || to === VenueStatus.Cancelled;
export const needsSchedule = (to: VenueStatus) => to === VenueStatus.Scheduled;
