/**
 * Press accreditation statuses and their Vietnamese names: a pure file (no decorators, no Node
 * imports), so the web console reads the same definitions as the API.
 */
export enum AccreditationStatus {
  Pending = 'pending',
  Approved = 'approved',
  Refused = 'refused',
}

export const ACCREDITATION_STATUS_NAMES: Record<AccreditationStatus, string> = {
  [AccreditationStatus.Pending]: 'Chờ duyệt',
  [AccreditationStatus.Approved]: 'Đã cấp thẻ',
  [AccreditationStatus.Refused]: 'Từ chối',
};

/** The decisions an organizer takes on a request. */
export type AccreditationDecision = 'approve' | 'refuse';
