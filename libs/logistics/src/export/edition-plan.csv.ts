/**
 * The edition plan as CSV: the columns of the "Kế hoạch" sheet, no title row, UTF-8 with a BOM so that
 * Excel shows the diacritics. Streamed row by row, waiting for the client when it reads slowly.
 * Amounts are plain integers of đồng (no thousands separators), so spreadsheets read them as numbers.
 *
 * Text typed by people (venue names, addresses, substitutes' names…) could start a spreadsheet
 * formula (`=HYPERLINK(…)`, `+…`, `-…`, `@…`, or after a tab/CR): `escape_formulas` prefixes every such
 * text cell with `'`, so Excel and LibreOffice show it as text (OWASP "CSV injection"). Numbers,
 * negative variances included, stay numbers.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { EditionPlanRow, PLAN_COLUMNS } from './edition-plan.rows';

export function planCsvRecord(row: EditionPlanRow): Array<string | number> {
  return PLAN_COLUMNS.map((column) => {
    const value = row[column.key];
    if (Array.isArray(value)) return value.join('; ');
    return value ?? '';
  });
}

export async function writeEditionPlanCsv(output: Writable, rows: AsyncIterable<EditionPlanRow>): Promise<void> {
  const stringifier = stringify({ bom: true, record_delimiter: 'windows', escape_formulas: true });
  const done = pipeline(stringifier, output);
  try {
    stringifier.write(PLAN_COLUMNS.map((column) => column.header));
    for await (const row of rows) {
      if (!stringifier.write(planCsvRecord(row))) await once(stringifier, 'drain');
    }
  } catch (error) {
    stringifier.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  stringifier.end();
  await done;
}
