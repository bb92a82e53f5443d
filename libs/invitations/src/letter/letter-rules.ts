/**
 * The giấy mời's administrative form (Nghị định 30/2020/NĐ-CP on văn thư, Phụ lục I): how its number,
 * its place-and-date line and its "Nơi nhận" are written, and the address and place phrases the letter
 * and the e-mail share. Pure functions; the PDF renderer and the e-mail templates only print these.
 */
import { instantToLocalDate, IsoDate } from '@app/common';

/** The edition's letterhead, signer and copy list, as planners set them. */
export interface LetterSettings {
  /** Cơ quan, tổ chức chủ quản, e.g. "BỘ CÔNG AN" (printed in capitals). */
  issuingBody: string;
  /** Cơ quan ban hành, e.g. "BAN CHỈ ĐẠO NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC". */
  issuingUnit: string;
  /** The issuing unit as a sentence names it: "Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc trân trọng kính mời…". */
  issuerName: string;
  /** Chữ viết tắt of the issuing unit after "GM-", e.g. "BCĐ" gives "Số: 12/GM-BCĐ". */
  numberCode: string;
  /** Địa danh of the place-and-date line, e.g. "Hà Nội". */
  place: string;
  /** Quyền hạn ký, e.g. "TM. BAN CHỈ ĐẠO" or "KT. TRƯỞNG BAN"; empty when the head signs in their own name. */
  signerAuthority: string;
  /** Chức vụ of the signer, e.g. "TRƯỞNG BAN". */
  signerTitle: string;
  /** Họ và tên of the signer, e.g. "Nguyễn Văn A". */
  signerName: string;
  /** Nơi nhận after "Như trên", one recipient a line, e.g. "Lưu: VT, V05". */
  copyTo: string[];
}

export const DEFAULT_LETTER_SETTINGS: LetterSettings = {
  issuingBody: 'BỘ CÔNG AN',
  issuingUnit: 'BAN CHỈ ĐẠO NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC',
  issuerName: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
  numberCode: 'BCĐ',
  place: 'Hà Nội',
  signerAuthority: 'TM. BAN CHỈ ĐẠO',
  signerTitle: 'TRƯỞNG BAN',
  signerName: '',
  copyTo: ['Lưu: VT'],
};

/** "12/GM-BCĐ": the letter's number in the edition, then the kind of document and the issuing unit. */
export function letterNumberText(number: number, numberCode: string): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`letter number must be a positive integer, got ${number}`);
  return `${number}/GM-${numberCode}`;
}

/**
 * "Hà Nội, ngày 05 tháng 7 năm 2027": the day of issue in the festival's zone. The decree writes days
 * below 10 and the months 1 and 2 with a leading zero (so "tháng 01", "tháng 02", but "tháng 7").
 */
export function placeAndDateLine(place: string, issuedAt: Date): string {
  return `${place}, ${vietnameseDateWords(instantToLocalDate(issuedAt))}`;
}

/** "ngày 05 tháng 7 năm 2027" of a calendar date. */
export function vietnameseDateWords(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  const monthText = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `ngày ${String(day).padStart(2, '0')} tháng ${monthText} năm ${year}`;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** "Thứ Năm, ngày 19 tháng 8 năm 2027". */
export function dayAndDateWords(date: IsoDate): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `${WEEKDAYS[weekday]}, ${vietnameseDateWords(date)}`;
}

/** "07 giờ 30" of "07:30", as letters write times. */
export function timeWords(time: string): string {
  const [hours, minutes] = time.split(':');
  return `${hours} giờ ${minutes}`;
}

/**
 * The "Nơi nhận" block: "Như trên" first (the addressee of Kính gửi), then the edition's list; each line
 * ends with ";" and the last with "." as the decree writes them.
 */
export function copyToLines(copyTo: string[]): string[] {
  const lines = ['Như trên', ...copyTo.map((line) => line.trim().replace(/[;.,]+$/, '')).filter((line) => line !== '' && !/^như trên$/i.test(line))];
  return lines.map((line, index) => `- ${line}${index === lines.length - 1 ? '.' : ';'}`);
}

const fold = (value: string) => value.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/**
 * One address line: the venue's address, then its commune and province only where the address does
 * not already name them ("Nhà văn hóa bản Kéo, xã Mường Phăng, tỉnh Điện Biên" stays as it is).
 */
export function fullAddress(address: string, communeName: string, provinceName: string): string {
  // The e-mails of a venue ask for the same line thousands of times in a row (issue 21).
  if (lastAddress && lastAddress.address === address && lastAddress.communeName === communeName && lastAddress.provinceName === provinceName) {
    return lastAddress.line;
  }
  const line = addressLine(address, communeName, provinceName);
  lastAddress = { address, communeName, provinceName, line };
  return line;
}

let lastAddress: { address: string; communeName: string; provinceName: string; line: string } | null = null;

function addressLine(address: string, communeName: string, provinceName: string): string {
  const parts = [address.trim()];
  for (const part of [communeName, provinceName]) {
    const wanted = fold(part);
    if (wanted !== '' && !fold(parts.join(', ')).includes(wanted)) parts.push(part.trim());
  }
  return parts.join(', ');
}

const FESTIVAL_NAME = 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc';
const FESTIVAL_PREFIX = new RegExp(`^${FESTIVAL_NAME}(\\s+năm\\s+\\d{4})?\\s+tại\\s+`, 'iu');

/**
 * Where the festival point is, as the phrase after "tại": venues are usually named "Ngày hội toàn dân
 * bảo vệ an ninh Tổ quốc tại bản Kéo", and "… năm 2027 tại Ngày hội … tại bản Kéo" says it twice.
 */
export function venuePlace(venueName: string): string {
  const name = venueName.trim();
  const place = name.normalize('NFC').replace(FESTIVAL_PREFIX, '');
  return place === '' ? name : place;
}
