import { cardKey, isRefusal, isRobot, isVietnamesePhone, nextStatus, normalisePhone, openForPress, pressTitle, tidyName } from './press-rules';
import { AccreditationStatus } from './press.enums';

describe('press accreditation rules', () => {
  it('decides a pending request once: approved or refused', () => {
    expect(nextStatus(AccreditationStatus.Pending, 'approve')).toBe(AccreditationStatus.Approved);
    expect(nextStatus(AccreditationStatus.Pending, 'refuse')).toBe(AccreditationStatus.Refused);
  });

  it('refuses to decide again, naming what was decided', () => {
    for (const [current, decision, name] of [
      [AccreditationStatus.Approved, 'approve', 'đã cấp thẻ'],
      [AccreditationStatus.Approved, 'refuse', 'đã cấp thẻ'],
      [AccreditationStatus.Refused, 'approve', 'từ chối'],
      [AccreditationStatus.Refused, 'refuse', 'từ chối'],
    ] as const) {
      const outcome = nextStatus(current, decision);
      expect(isRefusal(outcome)).toBe(true);
      expect(outcome).toEqual({ code: 'ACCREDITATION_DECIDED', message: `Đề nghị này đã được xử lý (${name}), không thể duyệt lại.` });
    }
    expect(isRefusal(AccreditationStatus.Approved)).toBe(false);
  });

  it('treats a filled honeypot as a robot, an empty or absent one as a person', () => {
    expect(isRobot('http://spam.example')).toBe(true);
    expect(isRobot(' x ')).toBe(true);
    expect(isRobot('')).toBe(false);
    expect(isRobot('   ')).toBe(false);
    expect(isRobot(undefined)).toBe(false);
    expect(isRobot(null)).toBe(false);
  });

  it('takes requests for approved and scheduled venues only', () => {
    expect(openForPress('approved')).toBe(true);
    expect(openForPress('scheduled')).toBe(true);
    for (const status of ['nominated', 'shortlisted', 'held', 'rejected', 'cancelled']) expect(openForPress(status)).toBe(false);
  });

  it('keeps phone numbers as digits and knows a Vietnamese one', () => {
    expect(normalisePhone(' 0912.345.678 ')).toBe('0912345678');
    expect(normalisePhone('+84 (912) 345-678')).toBe('+84912345678');
    expect(isVietnamesePhone('0912 345 678')).toBe(true);
    expect(isVietnamesePhone('+84912345678')).toBe(true);
    expect(isVietnamesePhone('024 3825 1234')).toBe(true);
    expect(isVietnamesePhone('12345')).toBe(false);
    expect(isVietnamesePhone('+1 202 555 0100')).toBe(false);
  });

  it('compares card numbers without case or spaces, and tidies names', () => {
    expect(cardKey(' 12 345/bc ')).toBe('12345/BC');
    expect(tidyName('  Nguyễn   Thị  Hoa '.normalize('NFD'))).toBe('Nguyễn Thị Hoa');
    expect(pressTitle(' Báo  Nhân Dân ')).toBe('Phóng viên, Báo Nhân Dân');
  });
});
