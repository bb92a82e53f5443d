export enum VenueChangeProposalStatus {
  Pending = 'pending',
  Applied = 'applied',
  Rejected = 'rejected',
}

export const VENUE_CHANGE_PROPOSAL_STATUS_NAMES: Record<VenueChangeProposalStatus, string> = {
  [VenueChangeProposalStatus.Pending]: 'Chờ Trung ương xem xét',
  [VenueChangeProposalStatus.Applied]: 'Đã áp dụng',
  [VenueChangeProposalStatus.Rejected]: 'Không chấp thuận',
};
