import { oneLine } from './email-templates';

describe('e-mail subjects', () => {
  it('keep typed text on one line: no header can be started from a venue name', () => {
    expect(oneLine('Giấy mời tại Điểm A\r\nBcc: ai@example.vn\n, Lai Châu')).toBe('Giấy mời tại Điểm A Bcc: ai@example.vn , Lai Châu');
  });

  it('drop control and invisible formatting characters (a bidirectional override would show the subject reversed)', () => {
    expect(oneLine('Điểm \u202Emới\u202C\u200B tại\u0007 bản')).toBe('Điểm mới tại bản');
  });

  it('keep Vietnamese as typed and cut an overlong subject with an ellipsis', () => {
    expect(oneLine('Ngày hội toàn dân bảo vệ an ninh Tổ quốc')).toBe('Ngày hội toàn dân bảo vệ an ninh Tổ quốc');
    const long = oneLine(`Giấy mời ${'Điểm rất dài '.repeat(40)}`);
    expect(long).toHaveLength(250);
    expect(long.endsWith('…')).toBe(true);
  });
});
