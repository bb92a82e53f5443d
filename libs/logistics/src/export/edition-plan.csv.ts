/**
 * The edition plan as CSV: the columns of the "Kế hoạch" sheet, no title row, UTF-8 with a BOM so that
 * Excel shows the diacritics. Streamed row by row, waiting for the client when it reads slowly.
 * Amounts are plain integers of đồng (no thousands separators), so spreadsheets read them as numbers.
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
  const stringifier = stringify({ bom: true, record_delimiter: 'windows' });
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
