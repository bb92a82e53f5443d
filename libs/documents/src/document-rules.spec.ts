import { keptFileName, mediaTypesText, sizeText, titleKey, tidyTitle, tooLargeMessage, uploadRefusal } from './document-rules';

const ALLOWED = ['application/pdf', 'image/png'];

describe('document rules', () => {
  it('accepts content recognised as an allowed type, whatever the name says', () => {
    expect(uploadRefusal('application/pdf', ALLOWED)).toBeNull();
    expect(uploadRefusal('image/png', ALLOWED)).toBeNull();
  });

  it('refuses content of another type, naming what it is and what is accepted', () => {
    const refusal = uploadRefusal('application/x-msdownload', ALLOWED);
    expect(refusal).toEqual({
      code: 'DOCUMENT_TYPE_REFUSED',
      message: 'Nội dung tệp là application/x-msdownload, loại không được phép tải lên. Chỉ nhận tệp PDF, PNG.',
      details: { detectedType: 'application/x-msdownload', allowedTypes: ALLOWED },
    });
    expect(uploadRefusal('image/jpeg', ALLOWED)?.message).toBe('Nội dung tệp là JPEG, loại không được phép tải lên. Chỉ nhận tệp PDF, PNG.');
  });

  it('refuses content that is not recognisable at all', () => {
    expect(uploadRefusal(undefined, ALLOWED)).toMatchObject({ code: 'DOCUMENT_TYPE_UNKNOWN', details: { detectedType: null } });
  });

  it('says sizes as people do', () => {
    expect(sizeText(20 * 1024 * 1024)).toBe('20 MB');
    expect(sizeText(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(sizeText(2048)).toBe('2 KB');
    expect(sizeText(10)).toBe('10 byte');
    expect(tooLargeMessage(1024 * 1024)).toBe('Tệp vượt quá dung lượng cho phép (tối đa 1 MB). Không có gì được lưu.');
    expect(mediaTypesText(['application/vnd.openxmlformats-officedocument.wordprocessingml.document'])).toBe('Word (.docx)');
  });

  it('matches titles without regard to case, spacing or Unicode composition', () => {
    const decomposed = 'Kịch bản chi tiết'.normalize('NFD');
    expect(titleKey(`  ${decomposed.toUpperCase()}  `)).toBe(titleKey('kịch bản   chi tiết'));
    expect(tidyTitle(' Phương  án\tan ninh ')).toBe('Phương án an ninh');
    expect(titleKey('Dự toán')).not.toBe(titleKey('Dự toán 2'));
  });

  it('keeps the last part of a file name, composed and without control characters', () => {
    expect(keptFileName('C:\\Users\\an\\Kịch bản Ngày hội.pdf')).toBe('Kịch bản Ngày hội.pdf');
    expect(keptFileName('a/b/Phương án\u0007.pdf'.normalize('NFD'))).toBe('Phương án.pdf');
    expect(keptFileName('')).toBe('tai-lieu');
    expect(keptFileName(undefined)).toBe('tai-lieu');
    expect(keptFileName('..')).toBe('tai-lieu');
    const long = `${'ả'.repeat(300)}.docx`;
    expect(keptFileName(long)).toHaveLength(200);
    expect(keptFileName(long).endsWith('.docx')).toBe(true);
  });
});
