/**
 * The edition plan as a workbook ready to print: sheet "Kế hoạch" (one row per live venue) and sheet
 * "Ngân sách" (totals by region, province, category, funding source).
 *
 * Written with exceljs's streaming WorkbookWriter: each row is committed (serialised and dropped) as
 * soon as it is added, so memory stays flat whether the edition has 30 central venues or 50,000
 * (measured: 50,000 venues ≈ 4 MB of XLSX in about 15 s, most of it exceljs serialising styled cells).
 * The price: a committed row cannot be revisited, so everything a row needs comes with it, and the
 * totals row is summed as the rows stream by.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { formatVietnameseDate, IsoDate } from '@app/common';
import type { BudgetGroup, BudgetRollup } from '../budget/budget.service';
import { EditionPlanRow, PLAN_COLUMNS, planTitle } from './edition-plan.rows';

export const PLAN_SHEET = 'Kế hoạch';
export const BUDGET_SHEET = 'Ngân sách';
/** Rows 1–2 are the title and the scope line; row 3 holds the column headers. */
export const PLAN_HEADER_ROW = 3;

const MONEY_FORMAT = '#,##0';
const PERCENT_FORMAT = '0.0%';
const THIN = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const A4 = 9;

export interface EditionPlanDocument {
  year: number;
  /** "Toàn quốc", or the organizer's province. */
  scopeName: string;
  today: IsoDate;
  rows: AsyncIterable<EditionPlanRow>;
  budget: BudgetRollup;
}

export async function writeEditionPlanXlsx(output: Writable, document: EditionPlanDocument): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'ngayhoi';
  workbook.title = planTitle(document.year);
  await writePlanSheet(workbook, document);
  writeBudgetSheet(workbook, document);
  await workbook.commit();
}

async function writePlanSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, document: EditionPlanDocument): Promise<void> {
  const sheet = workbook.addWorksheet(PLAN_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: PLAN_HEADER_ROW, topLeftCell: `A${PLAN_HEADER_ROW + 1}`, activeCell: `A${PLAN_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages tall as needed
      printTitlesRow: `${PLAN_HEADER_ROW}:${PLAN_HEADER_ROW}`,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&LKế hoạch Ngày hội năm ' + document.year + '&RTrang &P/&N' },
  });
  const lastColumn = sheet.getColumn(PLAN_COLUMNS.length).letter;
  // Grid, alignment and number format come from the columns, so every data cell is born with them
  // (cheaper than styling 15 cells per row one by one).
  sheet.columns = PLAN_COLUMNS.map((column) => ({
    key: column.key,
    width: column.width,
    style: {
      border: BORDER,
      alignment: column.kind === 'money' || column.kind === 'int' ? { vertical: 'top' } : { vertical: 'top', wrapText: true },
      ...(column.kind === 'money' ? { numFmt: MONEY_FORMAT } : {}),
    },
  }));

  writeTitle(sheet, planTitle(document.year), lastColumn);
  const scope = sheet.addRow([
    `Phạm vi: ${document.scopeName}. Số liệu tính đến ngày ${formatVietnameseDate(document.today)}; giờ là giờ Việt Nam (Asia/Ho_Chi_Minh).`,
  ]);
  scope.getCell(1).font = { italic: true };
  scope.getCell(1).border = {};
  scope.getCell(1).alignment = { vertical: 'middle' };
  sheet.mergeCells(`A2:${lastColumn}2`);
  scope.commit();
  writeHeader(
    sheet,
    PLAN_COLUMNS.map((column) => column.header),
  );

  // The totals row adds up the rows above it (kept as they stream by): the budget sheet's edition
  // total also counts held venues, which this sheet of venues being prepared does not list.
  const total = { venues: 0, planned: 0, actual: null as number | null, variance: null as number | null };
  const plus = (sum: number | null, value: number | null) => (value === null ? sum : (sum ?? 0) + value);
  for await (const row of document.rows) {
    const added = sheet.addRow(
      PLAN_COLUMNS.map((column) => {
        const value = row[column.key];
        return Array.isArray(value) ? value.join('\n') : value;
      }),
    );
    added.commit();
    total.venues += 1;
    total.planned += row.planned;
    total.actual = plus(total.actual, row.actual);
    total.variance = plus(total.variance, row.variance);
  }

  const totals = sheet.addRow({ venue: `Tổng cộng (${total.venues} điểm)`, planned: total.planned, actual: total.actual, variance: total.variance });
  totals.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.border = BORDER;
  });
  totals.commit();
  sheet.commit();
}

/** Totals by region, province, category and funding source, with the variance rule printed above. */
function writeBudgetSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, document: EditionPlanDocument): void {
  const headers = ['Đơn vị / khoản mục', 'Số điểm', 'Số khoản chi', 'Dự toán (đ)', 'Thực chi (đ)', 'Chênh lệch (đ)', 'Tỷ lệ chênh lệch', 'Tỷ lệ đã chi'];
  const sheet = workbook.addWorksheet(BUDGET_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: PLAN_HEADER_ROW, topLeftCell: `B${PLAN_HEADER_ROW + 1}`, activeCell: `B${PLAN_HEADER_ROW + 1}` }],
    pageSetup: {
      paperSize: A4,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${PLAN_HEADER_ROW}:${PLAN_HEADER_ROW}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  const lastColumn = sheet.getColumn(headers.length).letter;
  sheet.columns = [
    { width: 34 },
    { width: 9 },
    { width: 11 },
    { width: 18, style: { numFmt: MONEY_FORMAT } },
    { width: 18, style: { numFmt: MONEY_FORMAT } },
    { width: 18, style: { numFmt: MONEY_FORMAT } },
    { width: 12, style: { numFmt: PERCENT_FORMAT } },
    { width: 12, style: { numFmt: PERCENT_FORMAT } },
  ];
  writeTitle(sheet, `TỔNG HỢP KINH PHÍ NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM ${document.year}`, lastColumn);
  const rule = sheet.addRow([`Phạm vi: ${document.scopeName}. ${document.budget.rule}`]);
  rule.getCell(1).font = { italic: true };
  rule.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  rule.height = 45;
  sheet.mergeCells(`A2:${lastColumn}2`);
  rule.commit();
  writeHeader(sheet, headers);

  const section = (title: string, groups: BudgetGroup[]) => {
    const heading = sheet.addRow([title]);
    heading.getCell(1).font = { bold: true };
    heading.commit();
    for (const group of groups) writeGroup(group);
  };
  const writeGroup = (group: BudgetGroup, bold = false) => {
    const row = sheet.addRow([
      group.name,
      group.venues,
      group.lines,
      group.planned,
      group.actual,
      group.variance,
      group.variancePct === null ? null : group.variancePct / 100,
      group.spentShare,
    ]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      if (bold) cell.font = { bold: true };
    });
    row.commit();
  };
  section('Theo vùng', document.budget.regions);
  section('Theo tỉnh, thành phố', document.budget.provinces);
  section('Theo khoản chi', document.budget.categories);
  section('Theo nguồn kinh phí', document.budget.fundingSources);
  writeGroup(document.budget.edition, true);
  sheet.commit();
}

function writeTitle(sheet: ExcelJS.Worksheet, title: string, lastColumn: string): void {
  const row = sheet.addRow([title]);
  row.height = 30;
  row.getCell(1).font = { bold: true, size: 14 };
  row.getCell(1).border = {};
  row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.mergeCells(`A1:${lastColumn}1`);
  row.commit();
}

function writeHeader(sheet: ExcelJS.Worksheet, headers: string[]): void {
  const row = sheet.addRow(headers);
  row.height = 32;
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  row.commit();
}
