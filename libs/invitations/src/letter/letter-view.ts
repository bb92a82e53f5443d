/** Everything a printed giấy mời shows, already worded (letter-rules.ts); the PDF renderer only lays it out. */
export interface LetterView {
  issuingBody: string;
  issuingUnit: string;
  /** "12/GM-BCĐ" */
  numberText: string;
  /** "Hà Nội, ngày 05 tháng 7 năm 2027" */
  placeAndDate: string;
  /** Trích yếu under the title: "Dự Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2027 tại bản Kéo". */
  summary: string;
  /** For an update, what changed (the letter replaces the one sent before). */
  notice: string | null;
  /** After "Kính gửi:", e.g. "Đồng chí Nguyễn Văn A, Bộ trưởng Bộ Công an". */
  recipient: string;
  paragraphs: string[];
  /** Thời gian, Địa điểm, Địa chỉ, Đơn vị tổ chức. */
  details: Array<{ label: string; value: string }>;
  closing: string[];
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
  /** The Nơi nhận lines, already punctuated ("- Như trên;" … "- Lưu: VT."). */
  copyTo: string[];
  /**
   * The delegate's pass code and its QR symbol (dark modules, row by row, from @app/common's
   * passQrModules), printed to be shown at the venue's door; null: none printed.
   */
  pass: { code: string; modules: boolean[][] } | null;
}
