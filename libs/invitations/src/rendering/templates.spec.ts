import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { InvitationEmailView, RsvpPageView } from './rendering.types';
import { renderInvitationEmail, renderRsvpPage } from './templates';

const TEMPLATE_DIR = join(__dirname, '..', 'templates');

function emailView(overrides: Partial<InvitationEmailView> = {}): InvitationEmailView {
  return {
    kind: 'invitation',
    delegateName: 'Nguyễn Văn An',
    delegateTitle: 'Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ',
    role: 'chief_guest',
    editionYear: 2027,
    editionTheme: 'Toàn dân chung tay bảo vệ an ninh Tổ quốc',
    venueName: 'Nhà văn hóa thôn Đông',
    venuePlace: 'Nhà văn hóa thôn Đông',
    fullAddress: 'Thôn Đông, Xã Yên Thường, Thành phố Hà Nội',
    letterNumber: '12/GM-BCĐ',
    letterPlaceAndDate: 'Hà Nội, ngày 05 tháng 7 năm 2027',
    issuingBody: 'Bộ Công an',
    issuingUnit: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
    issuerName: 'Ban Chỉ đạo Ngày hội toàn dân bảo vệ an ninh Tổ quốc',
    signerAuthority: 'TM. Ban Chỉ đạo',
    signerTitle: 'Trưởng ban',
    signerName: 'Lương Tam Quang',
    address: 'Thôn Đông',
    communeName: 'Xã Yên Thường',
    provinceName: 'Thành phố Hà Nội',
    date: '2027-08-19',
    startTime: '07:30',
    endTime: '11:30',
    programme: [
      { startTime: '07:30', endTime: '09:00', partName: 'Phần lễ', title: 'Khai mạc và phát biểu chỉ đạo' },
      { startTime: '09:00', endTime: '11:30', partName: 'Phần hội', title: 'Hội thi & trò chơi dân gian' },
    ],
    hostOrganisation: 'Công an thành phố Hà Nội',
    contact: { name: 'Trần Thị Bình', phone: '0912 345 678', email: 'tranthibinh@ca.hanoi.gov.vn' },
    rsvpUrl: 'https://ngayhoi.vn/rsvp/abc123?lang=vi&src=mail',
    feedUrl: 'https://ngayhoi.vn/lich/abc123.ics',
    passCode: 'K7QM-42XD',
    reason: null,
    previous: null,
    ...overrides,
  };
}

function rsvpView(overrides: Partial<RsvpPageView> = {}): RsvpPageView {
  return {
    state: 'open',
    invitation: {
      delegateName: 'Nguyễn Văn An',
      venueName: 'Nhà văn hóa thôn Đông',
      address: 'Thôn Đông, xã Yên Thường',
      provinceName: 'Thành phố Hà Nội',
      date: '2027-08-19',
      startTime: '07:30',
      endTime: '11:30',
      editionYear: 2027,
      answer: null,
    },
    actionUrl: '/rsvp/abc123',
    ...overrides,
  };
}

function forms(html: string): string[] {
  return html.match(/<form\b[\s\S]*?<\/form>/g) ?? [];
}

describe('templates on disk', () => {
  it('never use the unescaped triple-stash', () => {
    for (const file of readdirSync(TEMPLATE_DIR).filter((name) => name.endsWith('.hbs'))) {
      expect(readFileSync(join(TEMPLATE_DIR, file), 'utf8')).not.toContain('{{{');
    }
  });
});

describe('renderInvitationEmail (invitation)', () => {
  const email = renderInvitationEmail(emailView());

  it('has a one-line Vietnamese subject with number, year, venue and dd/MM/yyyy date', () => {
    expect(email.subject).toBe(
      'Giấy mời số 12/GM-BCĐ dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 tại Nhà văn hóa thôn Đông, Thành phố Hà Nội, ngày 19/08/2027',
    );
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('says "tại" once in the subject when the venue is named "Ngày hội … tại …"', () => {
    const named = renderInvitationEmail(emailView({ venueName: 'Ngày hội toàn dân bảo vệ an ninh Tổ quốc tại bản Kéo', venuePlace: 'bản Kéo' }));
    expect(named.subject.match(/ tại /g)).toHaveLength(1);
    expect(named.subject).toContain('năm 2027 tại bản Kéo, Thành phố Hà Nội');
  });

  it.each(['html', 'text'] as const)('%s body is the administrative letter: letterhead, number, place and date, one address line, signer', (part) => {
    const body = email[part];
    expect(body).toContain('BỘ CÔNG AN');
    expect(body).toContain('BAN CHỈ ĐẠO NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC');
    expect(body).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(body).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(body).toContain('Số: 12/GM-BCĐ');
    expect(body).toContain('Hà Nội, ngày 05 tháng 7 năm 2027');
    expect(body).toContain('TM. BAN CHỈ ĐẠO');
    expect(body).toContain('Lương Tam Quang');
    expect(body.split('Thôn Đông, Xã Yên Thường').length - 1).toBe(1);
    expect(body).toContain('Giấy mời bản PDF (số 12/GM-BCĐ) được gửi kèm thư này.');
  });

  it('leaves the number and its line out of a draft (no number yet)', () => {
    const draft = renderInvitationEmail(emailView({ letterNumber: null, letterPlaceAndDate: null }));
    expect(draft.subject).toMatch(/^Giấy mời dự Ngày hội/);
    expect(draft.text).not.toContain('Số:');
    expect(draft.text).not.toContain('bản PDF');
  });

  it.each(['html', 'text'] as const)('%s body has the greeting, festival, role, place and time', (part) => {
    const body = email[part];
    expect(body).toContain('Kính gửi: đồng chí Nguyễn Văn An');
    expect(body).toContain('Ủy viên Bộ Chính trị, Phó Thủ tướng Chính phủ');
    expect(body).toContain('Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027');
    expect(body).toContain('“Toàn dân chung tay bảo vệ an ninh Tổ quốc”');
    expect(body).toContain('dự, phát biểu chỉ đạo và tặng quà');
    expect(body).toContain('Nhà văn hóa thôn Đông');
    expect(body).toContain('Thôn Đông, Xã Yên Thường, Thành phố Hà Nội');
    expect(body).toContain('từ 07:30 đến 11:30 (giờ Việt Nam), ngày 19/08/2027');
    expect(body).not.toContain('2027-08-19');
    expect(body).toContain('Công an thành phố Hà Nội');
    expect(body).not.toContain('THÔNG BÁO THAY ĐỔI');
  });

  it.each(['html', 'text'] as const)('%s body has the contact, the RSVP link and the feed link', (part) => {
    const body = email[part];
    expect(body).toContain('Trần Thị Bình');
    expect(body).toContain('0912 345 678');
    expect(body).toContain('tranthibinh@ca.hanoi.gov.vn');
    expect(body).toContain('Xác nhận tham dự / Báo vắng / Cử người thay');
    expect(body).toContain('https://ngayhoi.vn/lich/abc123.ics');
  });

  it('lists the programme lines in the HTML table and the text', () => {
    expect(email.html).toMatch(/07:30 - 09:00<\/td>\s*<td[^>]*>Phần lễ<\/td>\s*<td[^>]*>Khai mạc và phát biểu chỉ đạo<\/td>/);
    expect(email.html).toMatch(/09:00 - 11:30<\/td>\s*<td[^>]*>Phần hội<\/td>\s*<td[^>]*>Hội thi &amp; trò chơi dân gian<\/td>/);
    expect(email.text).toContain('- 07:30 - 09:00 | Phần lễ | Khai mạc và phát biểu chỉ đạo');
    expect(email.text).toContain('- 09:00 - 11:30 | Phần hội | Hội thi & trò chơi dân gian');
  });

  it('links the RSVP page with a button-styled anchor (attribute-escaped) and in plain text', () => {
    expect(email.html).toMatch(
      /<a href="https:\/\/ngayhoi\.vn\/rsvp\/abc123\?lang&#x3D;vi&amp;src&#x3D;mail"[^>]*style="display:inline-block;[^"]*"[^>]*>Xác nhận tham dự \/ Báo vắng \/ Cử người thay<\/a>/,
    );
    expect(email.text).toContain('https://ngayhoi.vn/rsvp/abc123?lang=vi&src=mail');
  });

  it('is a table-based HTML document in Vietnamese and the text part has no markup', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).toContain('<html lang="vi">');
    expect(email.html).toContain('charset=utf-8');
    expect(email.html).not.toMatch(/display:\s*grid|display:\s*flex/);
    expect(email.text).not.toMatch(/<[a-z][^>]*>/i);
    expect(email.text).not.toMatch(/&amp;|&lt;|&#x/);
  });

  it('says "cùng dự" for an accompanying delegate and omits a missing title', () => {
    const accompanying = renderInvitationEmail(emailView({ role: 'accompanying', delegateTitle: null }));
    expect(accompanying.text).toContain('kính mời đồng chí cùng dự tại Ngày hội');
    expect(accompanying.text).not.toContain('phát biểu chỉ đạo và tặng quà');
    expect(accompanying.text).toContain('Kính gửi: đồng chí Nguyễn Văn An.');
  });

  it('shows the pass code typed and its QR code as the inline image, only on letters that invite', () => {
    const email = renderInvitationEmail(emailView());
    expect(email.text).toContain('Mã thẻ dự Ngày hội: K7QM-42XD');
    expect(email.html).toContain('src="cid:pass-qr@ngayhoi.vn"');
    expect(email.html).toContain('K7QM-42XD');
    const none = renderInvitationEmail(emailView({ passCode: null }));
    expect(none.html).not.toContain('cid:pass-qr');
    expect(none.text).not.toContain('Mã thẻ');
  });

  it('falls back to the contact person when there is no RSVP or feed link', () => {
    const noLinks = renderInvitationEmail(emailView({ rsvpUrl: null, feedUrl: null }));
    for (const body of [noLinks.html, noLinks.text]) {
      expect(body).not.toContain('Xác nhận tham dự / Báo vắng / Cử người thay');
      expect(body).not.toContain('https://ngayhoi.vn/lich');
      expect(body).toContain('phản hồi việc tham dự qua đầu mối liên hệ');
    }
  });

  it('HTML-escapes user data such as a <script> in the venue name', () => {
    const hostile = renderInvitationEmail(emailView({ venuePlace: 'Sân <script>alert("x")</script> văn hóa', delegateName: 'A & B' }));
    expect(hostile.html).not.toContain('<script');
    expect(hostile.html).toContain('Sân &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; văn hóa');
    expect(hostile.html).toContain('A &amp; B');
    // Subject and text are not HTML: they keep the characters as typed.
    expect(hostile.subject).toContain('Sân <script>alert("x")</script> văn hóa');
    expect(hostile.text).toContain('Kính gửi: đồng chí A & B');
  });
});

describe('renderInvitationEmail (update)', () => {
  const update = renderInvitationEmail(
    emailView({
      kind: 'update',
      date: '2027-08-26',
      startTime: '08:00',
      endTime: '11:00',
      previous: { date: '2027-08-19', startTime: '07:30', endTime: '11:30' },
    }),
  );

  it('says THÔNG BÁO THAY ĐỔI in the subject and the bodies', () => {
    expect(update.subject).toMatch(/^\[THÔNG BÁO THAY ĐỔI\] Giấy mời số 12\/GM-BCĐ dự Ngày hội/);
    expect(update.subject).toContain('26/08/2027');
    expect(update.html).toContain('THÔNG BÁO THAY ĐỔI');
    expect(update.text).toContain('THÔNG BÁO THAY ĐỔI');
  });

  it.each(['html', 'text'] as const)('%s shows the new and the previous date and time', (part) => {
    const body = update[part];
    expect(body).toContain('từ 08:00 đến 11:00 (giờ Việt Nam), ngày 26/08/2027');
    expect(body).toContain('Thời gian đã thông báo trước đây');
    expect(body).toContain('từ 07:30 đến 11:30, ngày 19/08/2027');
  });

  it('omits the previous line when there is no previous time', () => {
    const noPrevious = renderInvitationEmail(emailView({ kind: 'update', previous: null }));
    expect(noPrevious.text).toContain('THÔNG BÁO THAY ĐỔI');
    expect(noPrevious.text).not.toContain('Thời gian đã thông báo trước đây');
  });
});

describe('renderInvitationEmail (programme update)', () => {
  const update = renderInvitationEmail(
    emailView({
      kind: 'programme-update',
      previous: null,
      programme: [
        { startTime: '08:30', endTime: '09:00', title: 'Khai mạc', partName: 'Phần lễ' },
        { startTime: '09:00', endTime: '11:00', title: 'Hội thi', partName: 'Phần hội' },
      ],
    }),
  );

  it('says the programme changed (not the date or place) in the subject and the bodies, and lists the new programme', () => {
    expect(update.subject).toMatch(/^\[CẬP NHẬT CHƯƠNG TRÌNH\] Giấy mời số 12\/GM-BCĐ dự Ngày hội/);
    for (const body of [update.html, update.text]) {
      expect(body).toContain('THÔNG BÁO ĐIỀU CHỈNH CHƯƠNG TRÌNH');
      expect(body).toContain('Chương trình Ngày hội đã được điều chỉnh; thời gian và địa điểm tổ chức không thay đổi.');
      expect(body).not.toContain('thay đổi về thời gian hoặc địa điểm');
      expect(body).toContain('08:30 - 09:00');
      expect(body).toContain('Hội thi');
    }
  });
});

describe('renderInvitationEmail (cancellation)', () => {
  const cancellation = renderInvitationEmail(emailView({ kind: 'cancellation', reason: 'Bão số 3 đổ bộ, không bảo đảm an toàn cho nhân dân' }));

  it('has a cancellation subject', () => {
    expect(cancellation.subject).toBe(
      'Thông báo hủy giấy mời số 12/GM-BCĐ dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 tại Nhà văn hóa thôn Đông, Thành phố Hà Nội, ngày 19/08/2027',
    );
  });

  it.each(['html', 'text'] as const)('%s says what is cancelled, why, apologises and names the contact', (part) => {
    const body = cancellation[part];
    expect(body).toContain('Kính gửi: đồng chí Nguyễn Văn An');
    expect(body).toContain('nay được hủy bỏ');
    expect(body).toContain('Nhà văn hóa thôn Đông');
    expect(body).toContain('19/08/2027');
    expect(body).toContain('Lý do:');
    expect(body).toContain('Bão số 3 đổ bộ, không bảo đảm an toàn cho nhân dân');
    expect(body).toContain('thành thật xin lỗi');
    expect(body).toContain('Trần Thị Bình');
    expect(body).not.toContain('Xác nhận tham dự / Báo vắng / Cử người thay');
  });

  it('leaves out the reason line when there is no reason', () => {
    const noReason = renderInvitationEmail(emailView({ kind: 'cancellation', reason: null }));
    expect(noReason.html).not.toContain('Lý do:');
    expect(noReason.text).not.toContain('Lý do:');
  });
});

describe('renderRsvpPage', () => {
  it('is a self-contained HTML5 page: no script, no external assets', () => {
    for (const state of ['open', 'answered', 'withdrawn', 'invalid'] as const) {
      const html = renderRsvpPage(rsvpView({ state }));
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<html lang="vi">');
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('name="viewport"');
      expect(html).not.toMatch(/<script|<link\b|<img\b|\ssrc=|url\(/i);
    }
  });

  it('reveals nothing for an invalid link, even if the caller passed details', () => {
    const html = renderRsvpPage(rsvpView({ state: 'invalid', notice: 'Ghi chú nội bộ' }));
    expect(html).toContain('Liên kết không hợp lệ hoặc đã hết hạn.');
    expect(html).not.toContain('Nguyễn Văn An');
    expect(html).not.toContain('Nhà văn hóa thôn Đông');
    expect(html).not.toContain('Thôn Đông');
    expect(html).not.toContain('19/08/2027');
    expect(html).not.toContain('2027');
    expect(html).not.toContain('Ghi chú nội bộ');
    expect(html).not.toContain('/rsvp/abc123');
    expect(forms(html)).toHaveLength(0);
  });

  it('shows the event and three POST forms when open', () => {
    const html = renderRsvpPage(rsvpView());
    expect(html).toContain('Nguyễn Văn An');
    expect(html).toContain('Nhà văn hóa thôn Đông');
    expect(html).toContain('19/08/2027');
    expect(html).toContain('Từ 07:30 đến 11:30 (giờ Việt Nam)');

    const all = forms(html);
    expect(all).toHaveLength(3);
    for (const form of all) {
      // The substitute form comes back to itself (its errors are shown there).
      expect(form).toMatch(/<form method="post" action="\/rsvp\/abc123(#substitute)?" enctype="application\/x-www-form-urlencoded">/);
    }
    expect(all[2]).toContain('action="/rsvp/abc123#substitute"');
    expect(all[0]).toContain('name="answer" value="accept"');
    expect(all[1]).toContain('name="answer" value="decline"');
    expect(all[2]).toContain('name="answer" value="substitute"');
  });

  it('asks for the substitute’s name, position and e-mail (required) and phone (optional), with Vietnamese labels', () => {
    const substitute = forms(renderRsvpPage(rsvpView()))[2];
    for (const [field, type] of [
      ['substituteName', 'text'],
      ['substitutePosition', 'text'],
      ['substituteEmail', 'email'],
    ]) {
      expect(substitute).toMatch(new RegExp(`<label for="${field}">[^<]+</label>`));
      expect(substitute).toMatch(new RegExp(`<input type="${type}" id="${field}" name="${field}" required`));
    }
    expect(substitute).toMatch(/<input type="tel" id="substitutePhone" name="substitutePhone" maxlength/);
    expect(substitute).toContain('Họ và tên người dự thay');
    expect(substitute).toContain('Chức vụ, đơn vị công tác');
    expect(substitute).toContain('Thư điện tử của người dự thay');
    expect(substitute).not.toContain('role="alert"');
  });

  it('shows what was wrong under each field and keeps what was typed (escaped)', () => {
    const html = renderRsvpPage(
      rsvpView({
        errors: { substituteEmail: 'Thư điện tử của người dự thay không hợp lệ (ví dụ: nguyenvana@example.vn).' },
        values: { substituteName: 'Nguyễn Văn <Bình>', substituteEmail: 'binh@' },
      }),
    );
    const substitute = forms(html)[2];
    expect(substitute).toContain('role="alert"');
    expect(substitute).toContain('<p class="error" id="substituteEmailError">Thư điện tử của người dự thay không hợp lệ');
    expect(substitute).toContain('value="Nguyễn Văn &lt;Bình&gt;"');
    expect(substitute).toContain('value="binh@"');
    expect(substitute).toMatch(/id="substituteEmail"[^>]*aria-invalid="true"/);
    expect(substitute).not.toContain('substituteNameError');
  });

  it('shows the current answer and the notice once answered, and still allows a change', () => {
    const html = renderRsvpPage(
      rsvpView({
        state: 'answered',
        invitation: { ...rsvpView().invitation!, answer: 'substitute_proposed' },
        notice: 'Cảm ơn, câu trả lời của đồng chí đã được ghi nhận.',
      }),
    );
    expect(html).toContain('Đồng chí đã đề nghị cử người tham dự thay.');
    expect(html).toContain('Cảm ơn, câu trả lời của đồng chí đã được ghi nhận.');
    expect(forms(html)).toHaveLength(3);
  });

  it('says the invitation was withdrawn and offers no form', () => {
    const html = renderRsvpPage(rsvpView({ state: 'withdrawn' }));
    expect(html).toContain('Giấy mời này đã được thu hồi.');
    expect(forms(html)).toHaveLength(0);
    expect(html).not.toContain('name="answer"');

    const bare = renderRsvpPage({ state: 'withdrawn' });
    expect(bare).toContain('Giấy mời này đã được thu hồi.');
    expect(forms(bare)).toHaveLength(0);
  });

  it('names the approved deputy (name and position, no contact) on the withdrawn page', () => {
    const html = renderRsvpPage(rsvpView({ state: 'withdrawn', replacedBy: { name: 'Nguyễn Văn <Bình>', position: 'Phó Cục trưởng' } }));
    expect(html).toContain('Ban Tổ chức đã chấp thuận đồng chí Nguyễn Văn &lt;Bình&gt;, Phó Cục trưởng tham dự thay đồng chí.');
    expect(html).not.toContain('Giấy mời này đã được thu hồi.</strong>');
    expect(forms(html)).toHaveLength(0);
  });

  it('escapes the notice and the event details', () => {
    const html = renderRsvpPage(
      rsvpView({
        notice: '<img src=x onerror=alert(1)>',
        invitation: { ...rsvpView().invitation!, venueName: '<script>alert(1)</script>' },
      }),
    );
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
