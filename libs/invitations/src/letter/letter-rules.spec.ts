import { copyToLines, dayAndDateWords, fullAddress, letterNumberText, placeAndDateLine, venuePlace, vietnameseDateWords } from './letter-rules';

describe('letter numbers', () => {
  it('writes "N/GM-<code>"', () => {
    expect(letterNumberText(12, 'BCĐ')).toBe('12/GM-BCĐ');
    expect(letterNumberText(1, 'BCA-V05')).toBe('1/GM-BCA-V05');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %p', (number) => {
    expect(() => letterNumberText(number, 'BCĐ')).toThrow(RangeError);
  });
});

describe('the place-and-date line (Nghị định 30/2020/NĐ-CP)', () => {
  it('writes the day of issue in Asia/Ho_Chi_Minh with a leading zero on days below 10', () => {
    // 18:30 UTC on 4 July is 01:30 on 5 July in Hà Nội.
    expect(placeAndDateLine('Hà Nội', new Date('2027-07-04T18:30:00Z'))).toBe('Hà Nội, ngày 05 tháng 7 năm 2027');
  });

  it('writes months 1 and 2 with a leading zero, the others without', () => {
    expect(vietnameseDateWords('2027-01-09')).toBe('ngày 09 tháng 01 năm 2027');
    expect(vietnameseDateWords('2027-02-28')).toBe('ngày 28 tháng 02 năm 2027');
    expect(vietnameseDateWords('2027-12-19')).toBe('ngày 19 tháng 12 năm 2027');
    expect(vietnameseDateWords('2027-08-19')).toBe('ngày 19 tháng 8 năm 2027');
  });

  it('names the weekday of the festival day', () => {
    expect(dayAndDateWords('2027-08-19')).toBe('Thứ Năm, ngày 19 tháng 8 năm 2027');
    expect(dayAndDateWords('2027-08-22')).toBe('Chủ nhật, ngày 22 tháng 8 năm 2027');
  });
});

describe('Nơi nhận', () => {
  it('starts with "Như trên", ends each line with ";" and the last with "."', () => {
    expect(copyToLines(['Đồng chí Bộ trưởng (để b/c);', 'Lưu: VT, V05.'])).toEqual(['- Như trên;', '- Đồng chí Bộ trưởng (để b/c);', '- Lưu: VT, V05.']);
  });

  it('does not repeat "Như trên" and drops blank lines', () => {
    expect(copyToLines(['Như trên', '  ', 'Lưu: VT'])).toEqual(['- Như trên;', '- Lưu: VT.']);
    expect(copyToLines([])).toEqual(['- Như trên.']);
  });
});

describe('one address line', () => {
  it('appends commune and province when the address does not name them', () => {
    expect(fullAddress('Thôn Đông', 'Xã Yên Thường', 'Thành phố Hà Nội')).toBe('Thôn Đông, Xã Yên Thường, Thành phố Hà Nội');
  });

  it('does not repeat what the address already says (whatever the case)', () => {
    expect(fullAddress('Nhà văn hóa bản Kéo, xã Mường Phăng, tỉnh Điện Biên', 'xã Mường Phăng', 'Điện Biên')).toBe(
      'Nhà văn hóa bản Kéo, xã Mường Phăng, tỉnh Điện Biên',
    );
    expect(fullAddress('Sân vận động, Xã Mường Phăng', 'xã Mường Phăng', 'Điện Biên')).toBe('Sân vận động, Xã Mường Phăng, Điện Biên');
  });

  it('compares composed and decomposed Vietnamese alike', () => {
    expect(fullAddress('Bản Kéo, xã Mường Phăng'.normalize('NFD'), 'xã Mường Phăng', 'Điện Biên')).toBe(
      `${'Bản Kéo, xã Mường Phăng'.normalize('NFD')}, Điện Biên`,
    );
  });
});

describe('the place after "tại"', () => {
  it('drops the festival name a venue is named with', () => {
    expect(venuePlace('Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại bản Huổi Lếch')).toBe('bản Huổi Lếch');
    expect(venuePlace('Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 tại xã Dào San')).toBe('xã Dào San');
  });

  it('keeps any other name as it is', () => {
    expect(venuePlace('Nhà văn hóa thôn Đông')).toBe('Nhà văn hóa thôn Đông');
  });
});
