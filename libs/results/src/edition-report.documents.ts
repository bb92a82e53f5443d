/**
 * The edition report as documents: a workbook (sheets "Theo vùng" and "Theo tỉnh") and a printed sheet
 * (the common print layout, Noto Serif). Small: at most 34 provinces and 8 regions, so the workbook is
 * built in memory.
 */
import { create as createContentDisposition } from 'content-disposition';
import ExcelJS from 'exceljs';
import { renderPrintPdf } from '@app/common';
import type { ReportLine } from './result-rules';

export interface ReportDocumentInput {
  year: number;
  scopeName: string;
  provinces: ReportLine[];
  regions: ReportLine[];
  total: ReportLine;
  /** "Lập lúc 07:42 ngày 21/08/2027" */
  printedAt: string;
}

const number = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const REPORT_COLUMNS: ReadonlyArray<{ header: string; value: (line: ReportLine) => number | string | null; format?: string; width: number }> = [
  { header: 'Đơn vị', value: (line) => line.name, width: 26 },
  { header: 'Số điểm', value: (line) => line.venues, width: 9 },
  { header: 'Đã tổ chức', value: (line) => line.held, width: 11 },
  { header: 'Hủy', value: (line) => line.cancelled, width: 7 },
  { header: 'Đã báo cáo', value: (line) => line.reported, width: 11 },
  { header: 'Người tham dự', value: (line) => line.attendance, format: '#,##0', width: 14 },
  { header: 'Tập thể được khen', value: (line) => line.awardedCollectives, width: 12 },
  { header: 'Cá nhân được khen', value: (line) => line.awardedIndividuals, width: 12 },
  { header: 'Điểm Trung ương', value: (line) => line.centralVenues, width: 11 },
  { header: 'Có lãnh đạo dự', value: (line) => line.centralVenuesWithLeader, width: 11 },
  { header: 'Tỷ lệ có lãnh đạo', value: (line) => line.leaderCoverage, format: '0.0%', width: 11 },
  { header: 'Dự toán (đ)', value: (line) => line.budgetPlannedVnd, format: '#,##0', width: 18 },
  { header: 'Thực chi (đ)', value: (line) => line.budgetActualVnd, format: '#,##0', width: 18 },
  { header: 'Dự toán bình quân/điểm (đ)', value: (line) => line.budgetPerVenueVnd, format: '#,##0', width: 18 },
  { header: 'Việc đúng hạn', value: (line) => line.tasksOnTime, width: 10 },
  { header: 'Tổng số việc', value: (line) => line.tasks, width: 10 },
  { header: 'Tỷ lệ đúng hạn', value: (line) => line.onTimeRate, format: '0.0%', width: 11 },
];

export const REPORT_SHEETS = { regions: 'Theo vùng', provinces: 'Theo tỉnh' } as const;

export function reportTitle(year: number): string {
  return `Báo cáo kết quả Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm ${year}`;
}

export function reportFileNames(year: number, extension: 'xlsx' | 'pdf'): { ascii: string; vietnamese: string } {
  return { ascii: `bao-cao-ngay-hoi-${year}.${extension}`, vietnamese: `Báo cáo Ngày hội ${year}.${extension}` };
}

export function reportContentDisposition(year: number, extension: 'xlsx' | 'pdf'): string {
  const names = reportFileNames(year, extension);
  return createContentDisposition(names.vietnamese, { type: 'attachment', fallback: names.ascii });
}

export async function reportXlsx(input: ReportDocumentInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ngayhoi';
  workbook.title = reportTitle(input.year);
  addSheet(workbook, REPORT_SHEETS.regions, input, input.regions);
  addSheet(workbook, REPORT_SHEETS.provinces, input, input.provinces);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, input: ReportDocumentInput, lines: ReportLine[]): void {
  const sheet = workbook.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.addRow([reportTitle(input.year)]).font = { bold: true, size: 13 };
  sheet.addRow([`${input.scopeName} — ${input.printedAt}`]);
  const header = sheet.addRow(REPORT_COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const line of [...lines, input.total]) {
    const row = sheet.addRow(REPORT_COLUMNS.map((column) => column.value(line)));
    REPORT_COLUMNS.forEach((column, index) => {
      if (column.format) row.getCell(index + 1).numFmt = column.format;
    });
    if (line === input.total) row.font = { bold: true };
  }
  REPORT_COLUMNS.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width;
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
}

const ratioText = (value: number | null) => (value === null ? '—' : percent.format(value));

/** One line of figures as the printed report words them. */
export function reportLineText(line: ReportLine): string {
  return [
    `${number.format(line.venues)} điểm (${number.format(line.held)} đã tổ chức, ${number.format(line.cancelled)} hủy, ${number.format(line.reported)} đã báo cáo)`,
    `${number.format(line.attendance)} người tham dự`,
    `khen thưởng ${number.format(line.awardedCollectives)} tập thể, ${number.format(line.awardedIndividuals)} cá nhân`,
    `lãnh đạo dự ${number.format(line.centralVenuesWithLeader)}/${number.format(line.centralVenues)} điểm Trung ương (${ratioText(line.leaderCoverage)})`,
    `dự toán ${number.format(line.budgetPlannedVnd)} đ, thực chi ${number.format(line.budgetActualVnd)} đ` +
      (line.budgetPerVenueVnd === null ? '' : ` (bình quân ${number.format(line.budgetPerVenueVnd)} đ/điểm)`),
    `việc đúng hạn ${number.format(line.tasksOnTime)}/${number.format(line.tasks)} (${ratioText(line.onTimeRate)})`,
  ].join('; ');
}

export function reportPdf(input: ReportDocumentInput): Promise<Buffer> {
  const rows = (lines: ReportLine[]) =>
    lines.filter((line) => line.venues + line.cancelled > 0).map((line) => ({ lead: line.name, text: reportLineText(line) }));
  return renderPrintPdf({
    title: reportTitle(input.year),
    lines: [input.scopeName, `Tổng hợp: ${reportLineText(input.total)}.`],
    sections: [
      { heading: 'Theo vùng', rows: rows(input.regions), empty: 'Chưa có điểm tổ chức.' },
      { heading: 'Theo tỉnh, thành phố', rows: rows(input.provinces), empty: 'Chưa có điểm tổ chức.' },
    ],
    footer: input.printedAt,
  });
}
