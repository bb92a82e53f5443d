/**
 * A plain printed sheet as PDF (issue 18: a venue's programme, checklist and guest list): A4, a title,
 * lines under it, then sections of rows. The giấy mời's approach (libs/invitations, letter-pdf.ts):
 * pdfkit with Noto Serif from the `@expo-google-fonts/noto-serif` package installed with the app, every
 * Vietnamese letter in one TTF, embedded as a subset, nothing downloaded at run time — so a reader (and
 * `pdftotext`) gets the Vietnamese text back. Sheets are printed one at a time on request: pdfkit parses
 * the font for each document (a fraction of a second), without the letters' shared caches.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const FONT_PACKAGE = '@expo-google-fonts/noto-serif';
const FONTS = { regular: '400Regular/NotoSerif_400Regular.ttf', bold: '700Bold/NotoSerif_700Bold.ttf' } as const;

let fontBytes: Record<keyof typeof FONTS, Buffer> | undefined;

function fonts(): Record<keyof typeof FONTS, Buffer> {
  if (!fontBytes) {
    const resolve = createRequire(__filename).resolve;
    fontBytes = { regular: readFileSync(resolve(`${FONT_PACKAGE}/${FONTS.regular}`)), bold: readFileSync(resolve(`${FONT_PACKAGE}/${FONTS.bold}`)) };
  }
  return fontBytes;
}

export interface PrintSection {
  heading: string;
  /** Each row a line: its first cell in bold (a time, a date), the rest after it. */
  rows: Array<{ lead: string; text: string }>;
  /** Printed when there are no rows. */
  empty: string;
}

export interface PrintSheet {
  title: string;
  /** Under the title: place, date, hours… */
  lines: string[];
  sections: PrintSection[];
  /** At the foot of the last page: when and by whom it was printed. */
  footer: string;
}

const MM = 72 / 25.4;
const MARGIN = 18 * MM;

export function renderPrintPdf(input: PrintSheet): Promise<Buffer> {
  // Composed letters (NFC): text typed on some keyboards arrives as base letter + combining marks.
  const sheet = JSON.parse(JSON.stringify(input).normalize('NFC')) as PrintSheet;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    font: null as unknown as string, // no default font (pdfkit would load Helvetica): every text names its style
    info: { Title: sheet.title },
    lang: 'vi-VN',
  });
  const bytes = fonts();
  doc.registerFont('regular', bytes.regular);
  doc.registerFont('bold', bytes.bold);
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const leadWidth = 32 * MM;
  doc.font('bold').fontSize(16).text(sheet.title, MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.3);
  for (const line of sheet.lines) doc.font('regular').fontSize(11).text(line, MARGIN, doc.y, { width, align: 'center' });
  for (const section of sheet.sections) {
    doc.moveDown(1);
    if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
    doc.font('bold').fontSize(13).text(section.heading.toLocaleUpperCase('vi'), MARGIN, doc.y, { width });
    doc.moveDown(0.3);
    if (section.rows.length === 0) doc.font('regular').fontSize(11).text(section.empty, MARGIN, doc.y, { width });
    for (const row of section.rows) {
      if (doc.y > doc.page.height - MARGIN - 30) doc.addPage();
      const y = doc.y;
      doc
        .font('bold')
        .fontSize(11)
        .text(row.lead, MARGIN, y, { width: leadWidth - 4 });
      const leadBottom = doc.y;
      doc
        .font('regular')
        .fontSize(11)
        .text(row.text, MARGIN + leadWidth, y, { width: width - leadWidth });
      doc.y = Math.max(doc.y, leadBottom) + 3;
    }
  }
  doc.moveDown(1.5);
  doc.font('regular').fontSize(9).text(sheet.footer, MARGIN, doc.y, { width, align: 'right' });
  doc.end();
  return done;
}
