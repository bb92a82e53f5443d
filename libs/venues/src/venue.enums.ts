export enum VenueTier {
  /** Chosen by the Ministry and the central steering committee; a Party or State leader attends. */
  Central = 'central',
  Provincial = 'provincial',
  Commune = 'commune',
  /** Thôn/tổ dân phố, cơ quan, doanh nghiệp, nhà trường. */
  Grassroots = 'grassroots',
}

export enum HostKind {
  Thon = 'thon',
  Xom = 'xom',
  Ban = 'ban',
  ToDanPho = 'to_dan_pho',
  Xa = 'xa',
  Phuong = 'phuong',
  DacKhu = 'dac_khu',
  CoQuan = 'co_quan',
  DoanhNghiep = 'doanh_nghiep',
  NhaTruong = 'nha_truong',
  KhuDanCu = 'khu_dan_cu',
}

export enum AreaFlag {
  BienGioi = 'bien_gioi',
  DanTocThieuSo = 'dan_toc_thieu_so',
  MienNui = 'mien_nui',
  HaiDao = 'hai_dao',
  VungKhoKhan = 'vung_kho_khan',
}

export enum VenueStatus {
  Nominated = 'nominated',
  Shortlisted = 'shortlisted',
  Approved = 'approved',
  Scheduled = 'scheduled',
  Held = 'held',
  Rejected = 'rejected',
  Cancelled = 'cancelled',
}

export const VENUE_TIER_NAMES: Record<VenueTier, string> = {
  [VenueTier.Central]: 'Trung ương chọn',
  [VenueTier.Provincial]: 'Cấp tỉnh',
  [VenueTier.Commune]: 'Cấp xã',
  [VenueTier.Grassroots]: 'Cơ sở (thôn, tổ dân phố, cơ quan, doanh nghiệp, nhà trường)',
};

export const HOST_KIND_NAMES: Record<HostKind, string> = {
  [HostKind.Thon]: 'thôn',
  [HostKind.Xom]: 'xóm',
  [HostKind.Ban]: 'bản',
  [HostKind.ToDanPho]: 'tổ dân phố',
  [HostKind.Xa]: 'xã',
  [HostKind.Phuong]: 'phường',
  [HostKind.DacKhu]: 'đặc khu',
  [HostKind.CoQuan]: 'cơ quan',
  [HostKind.DoanhNghiep]: 'doanh nghiệp',
  [HostKind.NhaTruong]: 'nhà trường',
  [HostKind.KhuDanCu]: 'khu dân cư',
};

export const AREA_FLAG_NAMES: Record<AreaFlag, string> = {
  [AreaFlag.BienGioi]: 'biên giới',
  [AreaFlag.DanTocThieuSo]: 'vùng đồng bào dân tộc thiểu số',
  [AreaFlag.MienNui]: 'miền núi',
  [AreaFlag.HaiDao]: 'hải đảo',
  [AreaFlag.VungKhoKhan]: 'vùng khó khăn',
};

export const VENUE_STATUS_NAMES: Record<VenueStatus, string> = {
  [VenueStatus.Nominated]: 'được đề xuất',
  [VenueStatus.Shortlisted]: 'vào danh sách xem xét',
  [VenueStatus.Approved]: 'được phê duyệt',
  [VenueStatus.Scheduled]: 'đã xếp lịch',
  [VenueStatus.Held]: 'đã tổ chức',
  [VenueStatus.Rejected]: 'bị từ chối',
  [VenueStatus.Cancelled]: 'bị hủy',
};

/** The workflow's steps (pure, so the console offers the same buttons; rules and checks: venue-workflow.ts). */
export const VENUE_TRANSITIONS: Readonly<Record<VenueStatus, readonly VenueStatus[]>> = {
  [VenueStatus.Nominated]: [VenueStatus.Shortlisted, VenueStatus.Rejected, VenueStatus.Cancelled],
  [VenueStatus.Shortlisted]: [VenueStatus.Approved, VenueStatus.Rejected, VenueStatus.Cancelled],
  [VenueStatus.Approved]: [VenueStatus.Scheduled, VenueStatus.Cancelled],
  /** scheduled → scheduled is a reschedule (new date or hours). */
  [VenueStatus.Scheduled]: [VenueStatus.Scheduled, VenueStatus.Held, VenueStatus.Cancelled],
  [VenueStatus.Held]: [],
  [VenueStatus.Rejected]: [],
  [VenueStatus.Cancelled]: [],
};

export const FINAL_VENUE_STATUSES: readonly VenueStatus[] = [VenueStatus.Held, VenueStatus.Rejected, VenueStatus.Cancelled];

/** Venues being prepared: decided, not yet held, not dropped — what checklists, bookings, plans and roll-ups count. */
export const LIVE_VENUE_STATUSES: readonly VenueStatus[] = [VenueStatus.Approved, VenueStatus.Scheduled];
