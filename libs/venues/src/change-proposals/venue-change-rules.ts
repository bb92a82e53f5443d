/**
 * Who may move a central venue (issue 16): once a central-tier venue is past approval, its place and
 * its time are the committee's — a provincial organizer may propose a change (a planner applies it) but
 * not make it. Plain functions, unit-tested beside.
 */
import { Actor, isPlanner } from '@app/auth';
import { DomainError } from '@app/common';
import { VenueStatus, VenueTier } from '../venue.enums';

/** The fields that say where and when a venue is (what a leader's calendar entry and letter show). */
export const PLACE_AND_TIME_FIELDS = ['name', 'address', 'communeName', 'hamletName', 'latitude', 'longitude', 'provinceCode', 'candidateDates'] as const;
export type PlaceOrTimeField = (typeof PLACE_AND_TIME_FIELDS)[number];

const PAST_APPROVAL: readonly VenueStatus[] = [VenueStatus.Approved, VenueStatus.Scheduled];

export const FIELD_NAMES: Record<PlaceOrTimeField, string> = {
  name: 'tên điểm',
  address: 'địa chỉ',
  communeName: 'xã, phường',
  hamletName: 'thôn, tổ dân phố',
  latitude: 'vĩ độ',
  longitude: 'kinh độ',
  provinceCode: 'tỉnh, thành phố',
  candidateDates: 'ngày đề xuất',
};

type VenueFacts = { tier: VenueTier; status: VenueStatus } & { [field in PlaceOrTimeField]: unknown };

/** The place or time fields `changes` really changes (a value equal to the current one is no change). */
export function changedPlaceOrTime(venue: VenueFacts, changes: Partial<Record<PlaceOrTimeField, unknown>>): PlaceOrTimeField[] {
  return PLACE_AND_TIME_FIELDS.filter((field) => changes[field] !== undefined && !sameValue(venue[field], changes[field]));
}

/** Whether changes of place or time of this venue are planners' only. */
export function placeAndTimeArePlanners(venue: Pick<VenueFacts, 'tier' | 'status'>): boolean {
  return venue.tier === VenueTier.Central && PAST_APPROVAL.includes(venue.status);
}

export class CentralVenueChangeRefused extends DomainError {
  constructor(fields: PlaceOrTimeField[]) {
    super(
      403,
      'CENTRAL_VENUE_PLANNERS_ONLY',
      `Điểm tổ chức do Trung ương chọn đã được phê duyệt: thay đổi ${fields.map((field) => FIELD_NAMES[field]).join(', ')} phải do cán bộ lập kế hoạch Trung ương thực hiện. Đồng chí có thể gửi đề xuất thay đổi để Trung ương xem xét.`,
      { fields },
    );
  }
}

/** Refuses an organizer's change of place or time of a central venue past approval (nothing is written). */
export function assertMayMovePlace(venue: VenueFacts, changes: Partial<Record<PlaceOrTimeField, unknown>>, actor: Actor): void {
  if (isPlanner(actor) || !placeAndTimeArePlanners(venue)) return;
  const fields = changedPlaceOrTime(venue, changes);
  if (fields.length > 0) throw new CentralVenueChangeRefused(fields);
}

function sameValue(current: unknown, next: unknown): boolean {
  if (Array.isArray(current) && Array.isArray(next))
    return [...(current as unknown[])].map(String).sort().join('|') === [...(next as unknown[])].map(String).sort().join('|');
  return current === next;
}
