/**
 * Provincial-level units in force since 1 July 2025 (Resolution 202/2025/QH15): 6 centrally-run
 * cities and 28 provinces, with the administrative codes kept from the unit that hosts the new seat,
 * the approximate centre (the provincial seat) and a default region. Also the 63 former units with
 * their former codes, the unit each merged into, and their own region (for older editions' data).
 * Seeded by migration; this file is the single source of that data.
 */
import { Region } from './region';

export type ProvinceKind = 'city' | 'province';

export interface ProvinceRecord {
  code: string;
  name: string;
  kind: ProvinceKind;
  latitude: number;
  longitude: number;
  defaultRegion: Region;
}

export interface FormerProvinceRecord {
  code: string;
  name: string;
  provinceCode: string;
  region: Region;
}

const R = Region;

export const PROVINCES: readonly ProvinceRecord[] = [
  { code: '01', name: 'Thành phố Hà Nội', kind: 'city', latitude: 21.0285, longitude: 105.8542, defaultRegion: R.DongBangSongHong },
  { code: '04', name: 'Cao Bằng', kind: 'province', latitude: 22.6657, longitude: 106.2577, defaultRegion: R.DongBac },
  { code: '08', name: 'Tuyên Quang', kind: 'province', latitude: 21.8236, longitude: 105.214, defaultRegion: R.DongBac },
  { code: '11', name: 'Điện Biên', kind: 'province', latitude: 21.386, longitude: 103.023, defaultRegion: R.TayBac },
  { code: '12', name: 'Lai Châu', kind: 'province', latitude: 22.3964, longitude: 103.4582, defaultRegion: R.TayBac },
  { code: '14', name: 'Sơn La', kind: 'province', latitude: 21.3256, longitude: 103.9188, defaultRegion: R.TayBac },
  { code: '15', name: 'Lào Cai', kind: 'province', latitude: 21.7229, longitude: 104.9113, defaultRegion: R.TayBac },
  { code: '19', name: 'Thái Nguyên', kind: 'province', latitude: 21.5942, longitude: 105.8482, defaultRegion: R.DongBac },
  { code: '20', name: 'Lạng Sơn', kind: 'province', latitude: 21.8537, longitude: 106.7615, defaultRegion: R.DongBac },
  { code: '22', name: 'Quảng Ninh', kind: 'province', latitude: 20.9599, longitude: 107.0425, defaultRegion: R.DongBac },
  { code: '24', name: 'Bắc Ninh', kind: 'province', latitude: 21.2731, longitude: 106.1946, defaultRegion: R.DongBangSongHong },
  { code: '25', name: 'Phú Thọ', kind: 'province', latitude: 21.3227, longitude: 105.4019, defaultRegion: R.DongBac },
  { code: '31', name: 'Thành phố Hải Phòng', kind: 'city', latitude: 20.8449, longitude: 106.6881, defaultRegion: R.DongBangSongHong },
  { code: '33', name: 'Hưng Yên', kind: 'province', latitude: 20.6464, longitude: 106.0511, defaultRegion: R.DongBangSongHong },
  { code: '37', name: 'Ninh Bình', kind: 'province', latitude: 20.2506, longitude: 105.9745, defaultRegion: R.DongBangSongHong },
  { code: '38', name: 'Thanh Hóa', kind: 'province', latitude: 19.8067, longitude: 105.7852, defaultRegion: R.BacTrungBo },
  { code: '40', name: 'Nghệ An', kind: 'province', latitude: 18.6796, longitude: 105.6813, defaultRegion: R.BacTrungBo },
  { code: '42', name: 'Hà Tĩnh', kind: 'province', latitude: 18.3559, longitude: 105.8877, defaultRegion: R.BacTrungBo },
  { code: '44', name: 'Quảng Trị', kind: 'province', latitude: 17.4689, longitude: 106.6223, defaultRegion: R.BacTrungBo },
  { code: '46', name: 'Thành phố Huế', kind: 'city', latitude: 16.4637, longitude: 107.5909, defaultRegion: R.BacTrungBo },
  { code: '48', name: 'Thành phố Đà Nẵng', kind: 'city', latitude: 16.0544, longitude: 108.2022, defaultRegion: R.DuyenHaiNamTrungBo },
  { code: '51', name: 'Quảng Ngãi', kind: 'province', latitude: 15.1214, longitude: 108.8044, defaultRegion: R.DuyenHaiNamTrungBo },
  { code: '52', name: 'Gia Lai', kind: 'province', latitude: 13.7829, longitude: 109.2196, defaultRegion: R.TayNguyen },
  { code: '56', name: 'Khánh Hòa', kind: 'province', latitude: 12.2388, longitude: 109.1967, defaultRegion: R.DuyenHaiNamTrungBo },
  { code: '66', name: 'Đắk Lắk', kind: 'province', latitude: 12.6667, longitude: 108.05, defaultRegion: R.TayNguyen },
  { code: '68', name: 'Lâm Đồng', kind: 'province', latitude: 11.9404, longitude: 108.4583, defaultRegion: R.TayNguyen },
  { code: '75', name: 'Đồng Nai', kind: 'province', latitude: 10.9574, longitude: 106.8426, defaultRegion: R.DongNamBo },
  { code: '79', name: 'Thành phố Hồ Chí Minh', kind: 'city', latitude: 10.7769, longitude: 106.7009, defaultRegion: R.DongNamBo },
  { code: '80', name: 'Tây Ninh', kind: 'province', latitude: 10.5359, longitude: 106.4137, defaultRegion: R.DongNamBo },
  { code: '82', name: 'Đồng Tháp', kind: 'province', latitude: 10.36, longitude: 106.36, defaultRegion: R.TayNamBo },
  { code: '86', name: 'Vĩnh Long', kind: 'province', latitude: 10.2537, longitude: 105.9722, defaultRegion: R.TayNamBo },
  { code: '91', name: 'An Giang', kind: 'province', latitude: 10.0125, longitude: 105.0809, defaultRegion: R.TayNamBo },
  { code: '92', name: 'Thành phố Cần Thơ', kind: 'city', latitude: 10.0452, longitude: 105.7469, defaultRegion: R.TayNamBo },
  { code: '96', name: 'Cà Mau', kind: 'province', latitude: 9.1769, longitude: 105.1524, defaultRegion: R.TayNamBo },
];

export const FORMER_PROVINCES: readonly FormerProvinceRecord[] = [
  { code: '01', name: 'Thành phố Hà Nội', provinceCode: '01', region: R.DongBangSongHong },
  { code: '02', name: 'Hà Giang', provinceCode: '08', region: R.DongBac },
  { code: '04', name: 'Cao Bằng', provinceCode: '04', region: R.DongBac },
  { code: '06', name: 'Bắc Kạn', provinceCode: '19', region: R.DongBac },
  { code: '08', name: 'Tuyên Quang', provinceCode: '08', region: R.DongBac },
  { code: '10', name: 'Lào Cai', provinceCode: '15', region: R.TayBac },
  { code: '11', name: 'Điện Biên', provinceCode: '11', region: R.TayBac },
  { code: '12', name: 'Lai Châu', provinceCode: '12', region: R.TayBac },
  { code: '14', name: 'Sơn La', provinceCode: '14', region: R.TayBac },
  { code: '15', name: 'Yên Bái', provinceCode: '15', region: R.TayBac },
  { code: '17', name: 'Hòa Bình', provinceCode: '25', region: R.TayBac },
  { code: '19', name: 'Thái Nguyên', provinceCode: '19', region: R.DongBac },
  { code: '20', name: 'Lạng Sơn', provinceCode: '20', region: R.DongBac },
  { code: '22', name: 'Quảng Ninh', provinceCode: '22', region: R.DongBac },
  { code: '24', name: 'Bắc Giang', provinceCode: '24', region: R.DongBac },
  { code: '25', name: 'Phú Thọ', provinceCode: '25', region: R.DongBac },
  { code: '26', name: 'Vĩnh Phúc', provinceCode: '25', region: R.DongBangSongHong },
  { code: '27', name: 'Bắc Ninh', provinceCode: '24', region: R.DongBangSongHong },
  { code: '30', name: 'Hải Dương', provinceCode: '31', region: R.DongBangSongHong },
  { code: '31', name: 'Thành phố Hải Phòng', provinceCode: '31', region: R.DongBangSongHong },
  { code: '33', name: 'Hưng Yên', provinceCode: '33', region: R.DongBangSongHong },
  { code: '34', name: 'Thái Bình', provinceCode: '33', region: R.DongBangSongHong },
  { code: '35', name: 'Hà Nam', provinceCode: '37', region: R.DongBangSongHong },
  { code: '36', name: 'Nam Định', provinceCode: '37', region: R.DongBangSongHong },
  { code: '37', name: 'Ninh Bình', provinceCode: '37', region: R.DongBangSongHong },
  { code: '38', name: 'Thanh Hóa', provinceCode: '38', region: R.BacTrungBo },
  { code: '40', name: 'Nghệ An', provinceCode: '40', region: R.BacTrungBo },
  { code: '42', name: 'Hà Tĩnh', provinceCode: '42', region: R.BacTrungBo },
  { code: '44', name: 'Quảng Bình', provinceCode: '44', region: R.BacTrungBo },
  { code: '45', name: 'Quảng Trị', provinceCode: '44', region: R.BacTrungBo },
  { code: '46', name: 'Thừa Thiên Huế', provinceCode: '46', region: R.BacTrungBo },
  { code: '48', name: 'Thành phố Đà Nẵng', provinceCode: '48', region: R.DuyenHaiNamTrungBo },
  { code: '49', name: 'Quảng Nam', provinceCode: '48', region: R.DuyenHaiNamTrungBo },
  { code: '51', name: 'Quảng Ngãi', provinceCode: '51', region: R.DuyenHaiNamTrungBo },
  { code: '52', name: 'Bình Định', provinceCode: '52', region: R.DuyenHaiNamTrungBo },
  { code: '54', name: 'Phú Yên', provinceCode: '66', region: R.DuyenHaiNamTrungBo },
  { code: '56', name: 'Khánh Hòa', provinceCode: '56', region: R.DuyenHaiNamTrungBo },
  { code: '58', name: 'Ninh Thuận', provinceCode: '56', region: R.DuyenHaiNamTrungBo },
  { code: '60', name: 'Bình Thuận', provinceCode: '68', region: R.DuyenHaiNamTrungBo },
  { code: '62', name: 'Kon Tum', provinceCode: '51', region: R.TayNguyen },
  { code: '64', name: 'Gia Lai', provinceCode: '52', region: R.TayNguyen },
  { code: '66', name: 'Đắk Lắk', provinceCode: '66', region: R.TayNguyen },
  { code: '67', name: 'Đắk Nông', provinceCode: '68', region: R.TayNguyen },
  { code: '68', name: 'Lâm Đồng', provinceCode: '68', region: R.TayNguyen },
  { code: '70', name: 'Bình Phước', provinceCode: '75', region: R.DongNamBo },
  { code: '72', name: 'Tây Ninh', provinceCode: '80', region: R.DongNamBo },
  { code: '74', name: 'Bình Dương', provinceCode: '79', region: R.DongNamBo },
  { code: '75', name: 'Đồng Nai', provinceCode: '75', region: R.DongNamBo },
  { code: '77', name: 'Bà Rịa - Vũng Tàu', provinceCode: '79', region: R.DongNamBo },
  { code: '79', name: 'Thành phố Hồ Chí Minh', provinceCode: '79', region: R.DongNamBo },
  { code: '80', name: 'Long An', provinceCode: '80', region: R.TayNamBo },
  { code: '82', name: 'Tiền Giang', provinceCode: '82', region: R.TayNamBo },
  { code: '83', name: 'Bến Tre', provinceCode: '86', region: R.TayNamBo },
  { code: '84', name: 'Trà Vinh', provinceCode: '86', region: R.TayNamBo },
  { code: '86', name: 'Vĩnh Long', provinceCode: '86', region: R.TayNamBo },
  { code: '87', name: 'Đồng Tháp', provinceCode: '82', region: R.TayNamBo },
  { code: '89', name: 'An Giang', provinceCode: '91', region: R.TayNamBo },
  { code: '91', name: 'Kiên Giang', provinceCode: '91', region: R.TayNamBo },
  { code: '92', name: 'Thành phố Cần Thơ', provinceCode: '92', region: R.TayNamBo },
  { code: '93', name: 'Hậu Giang', provinceCode: '92', region: R.TayNamBo },
  { code: '94', name: 'Sóc Trăng', provinceCode: '92', region: R.TayNamBo },
  { code: '95', name: 'Bạc Liêu', provinceCode: '96', region: R.TayNamBo },
  { code: '96', name: 'Cà Mau', provinceCode: '96', region: R.TayNamBo },
];
