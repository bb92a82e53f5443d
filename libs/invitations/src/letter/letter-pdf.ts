/**
 * Prints a giấy mời (LetterView) to PDF in the layout of Nghị định 30/2020/NĐ-CP: A4, margins 20/15/20/30 mm,
 * issuing body and unit left and Quốc hiệu – Tiêu ngữ right, number under the unit, place and date under
 * the motto, the title and its summary centred, the body, then Nơi nhận left and the signer right.
 *
 * The font is Noto Serif, read from the `@expo-google-fonts/noto-serif` package installed with the
 * app (the full Google Fonts files, every Vietnamese letter with its tone marks in one TTF; OFL
 * licence). Nothing is downloaded at run time, and pdfkit embeds only the glyphs a letter uses. A text
 * with a character the font lacks is refused (LetterRenderError) rather than printed as empty boxes:
 * the e-mail then stays queued with the error shown to planners, never sent without its letter.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { LetterView } from './letter-view';

const FONT_PACKAGE = '@expo-google-fonts/noto-serif';
const FONT_FILES = {
  regular: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italic: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;
type FontStyle = keyof typeof FONT_FILES;

export class LetterRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LetterRenderError';
  }
}

let fonts: Record<FontStyle, fontkit.Font> | undefined;

/**
 * The four TTFs, read and parsed once per process from the installed package (resolved like any
 * dependency). pdfkit takes a parsed fontkit font as well as a file: parsed once, its tables and the
 * glyphs it has shaped stay in memory, and a letter renders in milliseconds instead of re-parsing four
 * 500 kB fonts (≈ 0.5 s a letter on this project's bench machine).
 */
function loadFonts(): Record<FontStyle, fontkit.Font> {
  if (!fonts) {
    const resolve = createRequire(__filename).resolve;
    const parse = (file: string) => {
      const font = fontkit.create(readFileSync(resolve(`${FONT_PACKAGE}/${file}`)));
      if (!('layout' in font)) throw new Error(`${file} is a font collection, not a font`);
      return withCodePoints(font);
    };
    fonts = {
      regular: parse(FONT_FILES.regular),
      bold: parse(FONT_FILES.bold),
      italic: parse(FONT_FILES.italic),
      boldItalic: parse(FONT_FILES.boldItalic),
    };
  }
  return fonts;
}

/**
 * fontkit remembers a glyph with the characters it was first asked for. Embedding a subset asks for
 * the components of composite glyphs without characters ("ậ" is drawn from "a" and two marks), so
 * with a font kept across letters, a later letter would map "a" to no text at all: "Thanh Hóa" in
 * italics read back as "Th nh Hó". A glyph remembered without characters gets them the next time
 * it is asked for with some (what pdfkit's ToUnicode map is built from).
 */
function withCodePoints(font: fontkit.Font): fontkit.Font {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, characters?: number[]) => {
    const glyph = getGlyph(id, characters);
    if (glyph && glyph.codePoints.length === 0 && characters?.length) (glyph as { codePoints: number[] }).codePoints = characters;
    return glyph;
  };
  return font;
}

const LAYOUT_CACHE_SIZE = 20_000;
const SUBSET_CACHE_SIZE = 32;

/**
 * Every letter's regular and bold fonts start with these glyphs, in this order: the subset pdfkit
 * embeds is then the same bytes for nearly every letter (only a rare letter outside Vietnamese adds
 * glyphs), encoded and compressed once instead of once a letter. Costs ~25 kB a letter; saves half
 * its render time.
 */
const PRELOADED_TEXT = (() => {
  const lower = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz';
  return `${lower}${lower.toLocaleUpperCase('vi')}0123456789 .,;:!?-–—“”"'()/%&+`;
})();

/** The parts of pdfkit's EmbeddedFont (0.20) this file reaches into; pinned by letter-pdf.spec.ts. */
interface PdfkitFont {
  font: fontkit.Font;
  layoutCache?: Record<string, unknown>;
  subset: { glyphs: number[]; encode(): Uint8Array };
  unicode: number[][];
  embed(): void;
  toUnicodeCmap: (this: PdfkitFont) => PdfkitReference;
  encode(text: string): unknown;
  document: unknown;
}
interface PdfkitReference {
  data: Record<string, unknown>;
  compress: boolean;
  end(chunk?: Uint8Array | string): void;
}
interface PdfkitDocument {
  _font: PdfkitFont;
  ref(data?: Record<string, unknown>): PdfkitReference;
}

/**
 * What letters share, per style, across documents (pdfkit keeps both per document):
 * - shaping: pdfkit lays text out word by word through fontkit (GSUB and GPOS) and remembers the
 *   words, already scaled, in the font's `layoutCache` for one document; letters share almost all
 *   their words, so every document of the process uses one cache a style (pdfkit never changes a
 *   cached run: justification copies the positions it widens). Bounded: replaced when full.
 * - the embedded subset: the font file pdfkit writes is the subset's bytes deflated; the same glyphs
 *   (see PRELOADED_TEXT) give the same bytes, so they are encoded and deflated once and written as an
 *   already-compressed stream (`/Filter /FlateDecode`, pdfkit's compression turned off for that one
 *   stream). Its ToUnicode map (how a reader gets the text back) likewise, by the characters it maps.
 */
interface SharedStyle {
  layouts: Record<string, unknown>;
  letters: number;
  subsets: Map<string, Buffer>;
  cmaps: Map<string, Buffer>;
}
const shared = new Map<FontStyle, SharedStyle>();

function shareAcrossLetters(pdf: PDFKit.PDFDocument, style: FontStyle): void {
  const doc = pdf as unknown as PdfkitDocument;
  let state = shared.get(style);
  if (!state) shared.set(style, (state = { layouts: Object.create(null) as Record<string, unknown>, letters: 0, subsets: new Map(), cmaps: new Map() }));
  // Bounded: counted every 100 letters (counting is not free), replaced when full.
  if (++state.letters % 100 === 0 && Object.keys(state.layouts).length >= LAYOUT_CACHE_SIZE) state.layouts = Object.create(null) as Record<string, unknown>;
  pdf.font(style);
  const font = doc._font;
  font.layoutCache = state.layouts;
  const toUnicodeCmap = font.toUnicodeCmap;
  font.toUnicodeCmap = () => {
    const key = font.unicode.join(';');
    let bytes = state.cmaps.get(key);
    if (!bytes) {
      // pdfkit's own map, written once uncompressed to a throwaway document and kept deflated.
      const text = cmapText(font, toUnicodeCmap);
      if (state.cmaps.size >= SUBSET_CACHE_SIZE) state.cmaps.clear();
      bytes = deflateSync(text);
      state.cmaps.set(key, bytes);
    }
    const cmap = doc.ref({ Filter: 'FlateDecode' });
    cmap.end(bytes);
    return cmap;
  };
  const embed = font.embed.bind(font);
  font.embed = () => {
    const key = font.subset.glyphs.join(',');
    let bytes = state.subsets.get(key);
    if (!bytes) {
      if (state.subsets.size >= SUBSET_CACHE_SIZE) state.subsets.clear();
      bytes = deflateSync(font.subset.encode());
      state.subsets.set(key, bytes);
    }
    const compressed = bytes;
    font.subset.encode = () => compressed;
    // The first object embed() creates is the font file stream: mark it as already deflated.
    const ref = doc.ref.bind(doc);
    doc.ref = (data) => {
      doc.ref = ref;
      const fontFile = ref(data);
      fontFile.compress = false;
      fontFile.data.Filter = 'FlateDecode';
      return fontFile;
    };
    try {
      embed();
    } finally {
      doc.ref = ref;
    }
  };
}

/** The bytes pdfkit's toUnicodeCmap writes (its text and the newline pdfkit adds to a string chunk). */
function cmapText(font: PdfkitFont, toUnicodeCmap: PdfkitFont['toUnicodeCmap']): Buffer {
  const document = font.document;
  let text = '';
  font.document = { ref: () => ({ end: (chunk: string) => (text = chunk) }) };
  try {
    toUnicodeCmap.call(font);
  } finally {
    font.document = document;
  }
  return Buffer.from(`${text}\n`, 'latin1');
}

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

export async function renderLetterPdf(input: LetterView): Promise<Buffer> {
  // Composed letters (NFC): text typed on some keyboards arrives as base letter + combining marks.
  const letter = JSON.parse(JSON.stringify(input).normalize('NFC')) as LetterView;
  const files = loadFonts();
  assertPrintable(letter);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    font: null as unknown as string, // no default font (pdfkit would load Helvetica): every text names its style
    info: { Title: `Giấy mời số ${letter.numberText}`, Author: letter.issuingUnit, Subject: letter.summary },
    lang: 'vi-VN',
  });
  for (const style of Object.keys(files) as FontStyle[]) {
    doc.registerFont(style, files[style] as unknown as string); // a parsed fontkit font (see loadFonts)
    shareAcrossLetters(doc, style);
  }
  for (const style of ['regular', 'bold'] as const) preload(doc, style);
  const done = collect(doc);
  draw(doc, letter);
  doc.end();
  return done;
}

/** Puts PRELOADED_TEXT's glyphs first in the style's subset (pdfkit's encode records them, nothing is drawn). */
function preload(doc: PDFKit.PDFDocument, style: FontStyle): void {
  doc.font(style);
  (doc as unknown as PdfkitDocument)._font.encode(PRELOADED_TEXT);
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Every character of every field has a glyph in the font (the four styles cover the same letters). */
function assertPrintable(letter: LetterView): void {
  const font = loadFonts().regular;
  for (const [field, value] of fieldsOf(letter)) {
    for (const char of value) {
      const codePoint = char.codePointAt(0)!;
      if (codePoint < 0x20 || font.hasGlyphForCodePoint(codePoint)) continue;
      const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
      throw new LetterRenderError(`Không in được giấy mời: phông chữ không có ký tự “${char}” (U+${hex}) trong ${field}.`);
    }
  }
}

function fieldsOf(letter: LetterView): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    ['cơ quan chủ quản', letter.issuingBody],
    ['cơ quan ban hành', letter.issuingUnit],
    ['số giấy mời', letter.numberText],
    ['địa danh, ngày tháng', letter.placeAndDate],
    ['trích yếu', letter.summary],
    ['kính gửi', letter.recipient],
    ['người ký', `${letter.signerAuthority} ${letter.signerTitle} ${letter.signerName}`],
  ];
  letter.paragraphs.forEach((paragraph) => fields.push(['nội dung', paragraph]));
  letter.details.forEach(({ label, value }) => fields.push([label.toLocaleLowerCase('vi'), value]));
  letter.copyTo.forEach((line) => fields.push(['nơi nhận', line]));
  if (letter.notice) fields.push(['thông báo thay đổi', letter.notice]);
  if (letter.pass) fields.push(['mã thẻ', letter.pass.code]);
  return fields;
}

function draw(doc: PDFKit.PDFDocument, letter: LetterView): void {
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const leftWidth = width * 0.42;
  const rightX = left + leftWidth;
  const rightWidth = width - leftWidth;
  const top = MARGIN.top;

  // Left: issuing body (regular), issuing unit (bold), a short rule, the number.
  doc.font('regular').fontSize(12.5).text(letter.issuingBody.toLocaleUpperCase('vi'), left, top, { width: leftWidth, align: 'center' });
  doc.font('bold').fontSize(12.5).text(letter.issuingUnit.toLocaleUpperCase('vi'), left, doc.y, { width: leftWidth, align: 'center' });
  rule(doc, left + leftWidth / 2, doc.y + 2, leftWidth / 3);
  doc
    .font('regular')
    .fontSize(13)
    .text(`Số: ${letter.numberText}`, left, doc.y + 8, { width: leftWidth, align: 'center' });
  const leftBottom = doc.y;

  // Right: Quốc hiệu, Tiêu ngữ with its rule, then the place and date in italics.
  doc.font('bold').fontSize(12.5).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightWidth, align: 'center' });
  doc.font('bold').fontSize(13.5).text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightWidth, align: 'center' });
  rule(doc, rightX + rightWidth / 2, doc.y + 2, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  doc
    .font('italic')
    .fontSize(13)
    .text(letter.placeAndDate, rightX, doc.y + 8, { width: rightWidth, align: 'center' });

  // Title and summary (trích yếu), centred.
  let y = Math.max(leftBottom, doc.y) + 22;
  doc.font('bold').fontSize(14).text('GIẤY MỜI', left, y, { width, align: 'center' });
  doc
    .font('bold')
    .fontSize(13.5)
    .text(letter.summary, left, doc.y + 2, { width, align: 'center' });
  y = doc.y + 14;

  if (letter.notice) {
    doc.font('boldItalic').fontSize(12.5).text(letter.notice, left, y, { width, align: 'justify' });
    y = doc.y + 8;
  }
  doc
    .font('regular')
    .fontSize(14)
    .text('Kính gửi: ', left + 15 * MM, y, { continued: true });
  doc.font('bold').text(letter.recipient, { width: width - 15 * MM });
  doc.moveDown(0.6);
  const body = { width, align: 'justify' as const, indent: 1 * 28.35, paragraphGap: 6, lineGap: 2 };
  for (const paragraph of letter.paragraphs) doc.font('regular').fontSize(14).text(paragraph, left, doc.y, body);
  for (const { label, value } of letter.details) {
    doc
      .font('bold')
      .fontSize(14)
      .text(`- ${label}: `, left + 1 * 28.35, doc.y, { continued: true, lineGap: 2 });
    doc.font('regular').text(value, { width: width - 28.35, align: 'justify', paragraphGap: 4, lineGap: 2 });
  }
  for (const paragraph of letter.closing)
    doc
      .font('regular')
      .fontSize(14)
      .text(paragraph, left, doc.y + 2, body);

  // Nơi nhận (left) and the signer (right), side by side; a new page if they would not fit.
  const signerHeight = 150;
  if (doc.y + signerHeight > doc.page.height - MARGIN.bottom) doc.addPage();
  y = doc.y + 12;
  doc.font('boldItalic').fontSize(12).text('Nơi nhận:', left, y, { width: leftWidth });
  doc.font('regular').fontSize(11);
  for (const line of letter.copyTo) doc.text(line, left, doc.y, { width: leftWidth });
  const copyToBottom = doc.y;
  const signerX = left + width * 0.45;
  const signerWidth = width * 0.55;
  doc.font('bold').fontSize(14);
  let signerY = y;
  for (const line of [letter.signerAuthority, letter.signerTitle].filter((text) => text !== '')) {
    doc.text(line.toLocaleUpperCase('vi'), signerX, signerY, { width: signerWidth, align: 'center' });
    signerY = doc.y;
  }
  doc
    .font('italic')
    .fontSize(12)
    .text('(đã ký)', signerX, signerY + 20, { width: signerWidth, align: 'center' });
  if (letter.signerName)
    doc
      .font('bold')
      .fontSize(14)
      .text(letter.signerName, signerX, doc.y + 36, { width: signerWidth, align: 'center' });
  if (letter.pass) drawPass(doc, letter.pass, Math.max(doc.y, copyToBottom) + 18);
}

const PASS_SIZE = 32 * MM;

/**
 * The pass: its QR code (vector squares, sharp at any print size, with the 4-module quiet zone) and
 * the code typed beside it, to be shown at the venue's door. A page of its own if it does not fit.
 */
function drawPass(doc: PDFKit.PDFDocument, pass: NonNullable<LetterView['pass']>, top: number): void {
  const size = pass.modules.length;
  const module = PASS_SIZE / (size + 8);
  let y = top;
  if (y + PASS_SIZE > doc.page.height - MARGIN.bottom) {
    doc.addPage();
    y = MARGIN.top;
  }
  const x = MARGIN.left;
  // One path of a rectangle per run of dark modules in a row, written as raw operators in one go (in
  // pdfkit's top-left coordinates): a rect() call per module made the pass cost more than the letter.
  const runs: string[] = [];
  const at = (value: number) => value.toFixed(2);
  pass.modules.forEach((row, rowIndex) => {
    for (let column = 0; column < row.length; column++) {
      if (!row[column]) continue;
      const start = column;
      while (row[column + 1]) column++;
      runs.push(`${at(x + (start + 4) * module)} ${at(y + (rowIndex + 4) * module)} ${at((column - start + 1) * module)} ${at(module)} re`);
    }
  });
  doc.save();
  doc.fillColor('black');
  doc.addContent(runs.join('\n'));
  doc.addContent('f');
  doc.restore();
  const textX = x + PASS_SIZE + 6 * MM;
  const textWidth = doc.page.width - MARGIN.right - textX;
  doc
    .font('bold')
    .fontSize(13)
    .text(`Mã thẻ dự Ngày hội: ${pass.code}`, textX, y + PASS_SIZE / 2 - 20, { width: textWidth });
  doc
    .font('italic')
    .fontSize(11.5)
    .text('Đề nghị đồng chí xuất trình mã QR này (hoặc đọc mã thẻ) tại nơi đón tiếp để điểm danh.', textX, doc.y + 2, {
      width: textWidth,
    });
}

function rule(doc: PDFKit.PDFDocument, centerX: number, y: number, length: number): void {
  doc
    .moveTo(centerX - length / 2, y)
    .lineTo(centerX + length / 2, y)
    .lineWidth(0.6)
    .stroke();
}
