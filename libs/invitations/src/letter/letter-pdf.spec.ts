import { execFileSync } from 'node:child_process';
import { passQrModules } from '@app/common';
import { decodeQrInPdf } from '@test/utils/qr';
import { LetterRenderError, renderLetterPdf } from './letter-pdf';
import type { LetterView } from './letter-view';

const LETTER: LetterView = {
  issuingBody: 'Bộ Công an',
  issuingUnit: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
  numberText: '7/GM-BCĐ',
  placeAndDate: 'Hà Nội, ngày 05 tháng 7 năm 2027',
  summary: 'Dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 tại bản Huổi Lếch',
  notice: null,
  recipient: 'Đồng chí Nguyễn Thị Hường, Ủy viên Bộ Chính trị',
  paragraphs: ['Thực hiện Kế hoạch tổ chức Ngày hội, Ban Chỉ đạo trân trọng kính mời đồng chí tới dự Ngày hội, cụ thể như sau:'],
  details: [
    { label: 'Thời gian', value: 'từ 07 giờ 30 đến 11 giờ 30, Thứ Năm, ngày 19 tháng 8 năm 2027' },
    { label: 'Địa điểm', value: 'Nhà văn hóa bản Huổi Lếch, xã Mường Nhé, tỉnh Điện Biên' },
  ],
  closing: ['Rất mong đồng chí quan tâm, bố trí thời gian tham dự./.'],
  signerAuthority: 'TM. Ban Chỉ đạo',
  signerTitle: 'Trưởng ban',
  signerName: 'Lương Tam Quang',
  copyTo: ['- Như trên;', '- Lưu: VT.'],
  pass: { code: 'K7QM-42XD', modules: passQrModules('K7QM-42XD') },
};

/** The text a reader (poppler's pdftotext, from Debian's poppler-utils) gets out of the file. */
function textOf(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

describe('renderLetterPdf', () => {
  it('prints an A4 PDF whose text keeps every Vietnamese diacritic', async () => {
    const pdf = await renderLetterPdf(LETTER);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(pdf);
    for (const expected of [
      'BỘ CÔNG AN',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 7/GM-BCĐ',
      'Hà Nội, ngày 05 tháng 7 năm 2027',
      'GIẤY MỜI',
      'Kính gửi:',
      'Nguyễn Thị Hường',
      'Nhà văn hóa bản Huổi Lếch, xã Mường Nhé',
      'Nơi nhận:',
      '- Lưu: VT.',
      'TM. BAN CHỈ ĐẠO',
      'TRƯỞNG BAN',
      'Lương Tam Quang',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the pass: its code typed, and a QR code a camera reads back as the code', async () => {
    const pdf = await renderLetterPdf(LETTER);
    expect(textOf(pdf)).toContain('Mã thẻ dự Ngày hội: K7QM-42XD');
    expect(decodeQrInPdf(pdf)).toBe('K7QM-42XD');
    const without = await renderLetterPdf({ ...LETTER, pass: null });
    expect(textOf(without)).not.toContain('Mã thẻ');
    expect(decodeQrInPdf(without)).toBeNull();
  });

  it('prints decomposed (NFD) input as the composed letters', async () => {
    const text = textOf(await renderLetterPdf({ ...LETTER, recipient: 'Đồng chí Nguyễn Thị Hường'.normalize('NFD') }));
    expect(text).toContain('Đồng chí Nguyễn Thị Hường');
  });

  it('keeps every letter readable when letters follow one another (fonts, shaping and subsets kept across letters)', async () => {
    await renderLetterPdf(LETTER); // italics "Hà Nội, ngày … tháng … năm": "a" only inside composite glyphs
    const second = await renderLetterPdf({
      ...LETTER,
      placeAndDate: 'Thanh Hóa, ngày 05 tháng 7 năm 2027',
      notice: 'Thay đổi thời gian: giấy mời này thay giấy mời đã gửi.',
      recipient: 'Đồng chí Phạm Văn Bảy',
    });
    const text = textOf(second);
    expect(text).toContain('Thanh Hóa, ngày 05 tháng 7 năm 2027');
    expect(text).toContain('Thay đổi thời gian: giấy mời này thay giấy mời đã gửi.');
    expect(text).toContain('Đồng chí Phạm Văn Bảy');
    expect(textOf(await renderLetterPdf(LETTER))).toContain('Nguyễn Thị Hường');
  });

  it('refuses a character the font cannot print, naming it and where it is', async () => {
    await expect(renderLetterPdf({ ...LETTER, recipient: 'Đồng chí 漢 Hường' })).rejects.toThrow(LetterRenderError);
    await expect(renderLetterPdf({ ...LETTER, recipient: 'Đồng chí 漢 Hường' })).rejects.toThrow('“漢” (U+6F22) trong kính gửi');
  });
});
