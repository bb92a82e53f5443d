/**
 * The eight socio-economic regions the festival plans by. A venue carries its own region, because
 * provinces merged in 2025 straddle regions; a province only gives the default.
 */
export enum Region {
  TayBac = 'tay_bac',
  DongBac = 'dong_bac',
  DongBangSongHong = 'dong_bang_song_hong',
  BacTrungBo = 'bac_trung_bo',
  DuyenHaiNamTrungBo = 'duyen_hai_nam_trung_bo',
  TayNguyen = 'tay_nguyen',
  DongNamBo = 'dong_nam_bo',
  TayNamBo = 'tay_nam_bo',
}

export const REGION_NAMES: Record<Region, string> = {
  [Region.TayBac]: 'Tây Bắc',
  [Region.DongBac]: 'Đông Bắc',
  [Region.DongBangSongHong]: 'Đồng bằng sông Hồng',
  [Region.BacTrungBo]: 'Bắc Trung Bộ',
  [Region.DuyenHaiNamTrungBo]: 'Duyên hải Nam Trung Bộ',
  [Region.TayNguyen]: 'Tây Nguyên',
  [Region.DongNamBo]: 'Đông Nam Bộ',
  [Region.TayNamBo]: 'Tây Nam Bộ',
};

/** The hard areas the steering committee leans to when choosing central festival points. */
export const PRIORITY_REGIONS: readonly Region[] = [Region.TayBac, Region.TayNguyen, Region.TayNamBo];
