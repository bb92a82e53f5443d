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
      return font;
    };
    fonts = {
      regular: withLayoutCache(parse(FONT_FILES.regular)),
      bold: withLayoutCache(parse(FONT_FILES.bold)),
      italic: withLayoutCache(parse(FONT_FILES.italic)),
      boldItalic: withLayoutCache(parse(FONT_FILES.boldItalic)),
    };
  }
  return fonts;
}

const LAYOUT_CACHE_SIZE = 20_000;
const SUBSET_CACHE_SIZE = 32;

/**
 * Every letter's regular and bold fonts start with these glyphs, in this order: the subset pdfkit
 * embeds is then the same bytes for nearly every letter (only a rare letter outside Vietnamese adds
 * glyphs), encoded once instead of once a letter. Costs ~25 kB a letter; saves half its render time.
 */
const PRELOADED_TEXT = (() => {
  const lower = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz';
  return `${lower}${lower.toLocaleUpperCase('vi')}0123456789 .,;:!?-–—“”"'()/%&+`;
})();

/**
 * The font with its OpenType shaping (fontkit's layout: GSUB and GPOS) remembered across letters.
 * pdfkit shapes word by word and remembers words only within one document; letters share almost all
 * their words, and shaping them again was most of a letter's render time. Each caller gets its own
 * copy of the positions (pdfkit scales them in place); glyphs are read only. Bounded: cleared when full.
 */
function withLayoutCache(font: fontkit.Font): fontkit.Font {
  const cache = new Map<string, fontkit.GlyphRun>();
  const layout = (text: string, features?: unknown) => {
    if (features !== undefined) return font.layout(text, features as string[]);
    let run = cache.get(text);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_SIZE) cache.clear();
      run = font.layout(text);
      cache.set(text, run);
    }
    const positions = run.positions.map((position) => ({ ...position }));
    return {
      glyphs: run.glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((width, position) => width + position.xAdvance, 0);
      },
    };
  };
  // The embedded subset's bytes, by the glyphs it holds (see PRELOADED_TEXT): the same for most letters.
  const subsets = new Map<string, Uint8Array>();
  const createSubset = () => {
    const subset = font.createSubset() as fontkit.Subset & { glyphs: number[] };
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let bytes = subsets.get(key);
      if (!bytes) {
        if (subsets.size >= SUBSET_CACHE_SIZE) subsets.clear();
        bytes = encode();
        subsets.set(key, bytes);
      }
      return bytes;
    };
    return subset;
  };
  return new Proxy(font, {
    get(target, property) {
      if (property === 'layout') return layout;
      if (property === 'createSubset') return createSubset;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

export async function renderLetterPdf(input: LetterView): Promise<Buffer> {
  // Composed letters (NFC): text typed on some keyboards arrives as base letter + combining marks.
  const letter = JSON.parse(JSON.stringify(input).normalize('NFC')) as LetterView;
  const files = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    font: files.regular as unknown as string, // a parsed fontkit font (see loadFonts)
    info: { Title: `Giấy mời số ${letter.numberText}`, Author: letter.issuingUnit, Subject: letter.summary },
    lang: 'vi-VN',
  });
  for (const style of Object.keys(files) as FontStyle[]) doc.registerFont(style, files[style] as unknown as string);
  assertPrintable(letter);
  for (const style of ['regular', 'bold'] as const) preload(doc, style);
  const done = collect(doc);
  draw(doc, letter);
  doc.end();
  return done;
}

/** Puts PRELOADED_TEXT's glyphs first in the style's subset (pdfkit's encode records them, nothing is drawn). */
function preload(doc: PDFKit.PDFDocument, style: FontStyle): void {
  doc.font(style);
  (doc as unknown as { _font: { encode(text: string): unknown } })._font.encode(PRELOADED_TEXT);
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
}

function rule(doc: PDFKit.PDFDocument, centerX: number, y: number, length: number): void {
  doc
    .moveTo(centerX - length / 2, y)
    .lineTo(centerX + length / 2, y)
    .lineWidth(0.6)
    .stroke();
}
