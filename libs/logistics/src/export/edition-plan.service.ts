import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '@app/auth';
import { IsoDate, todayInFestivalZone } from '@app/common';
import { EditionsService } from '@app/editions';
import { ProvincesService } from '@app/provinces';
import { BudgetService } from '../budget/budget.service';
import type { ExportFormat } from './dto/export.dto';
import { writeEditionPlanCsv } from './edition-plan.csv';
import { EditionPlanScope, editionPlanRecords } from './edition-plan.query';
import { contentDisposition, EditionPlanRecord, EditionPlanRow, planFileNames, planRowBuilder } from './edition-plan.rows';
import { writeEditionPlanXlsx } from './edition-plan.xlsx';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A download whose refusals (unknown edition…) are already past: only the writing is left. */
export interface EditionPlanDownload {
  contentType: string;
  contentDisposition: string;
  writeTo(output: Writable): Promise<void>;
}

/**
 * The edition plan for the steering committee, as XLSX or CSV. Everything is checked before the first
 * byte, so errors are still ordinary JSON answers; then the rows stream from a cursor straight into
 * the file, inside one read-only REPEATABLE READ transaction so rows and totals agree. The cost of
 * streaming is one pooled connection held for the length of the download.
 */
@Injectable()
export class EditionPlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly provinces: ProvincesService,
    private readonly budget: BudgetService,
  ) {}

  async prepare(editionId: string, format: ExportFormat, actor: Actor): Promise<EditionPlanDownload> {
    const edition = await this.editions.get(editionId);
    const provinceCode = actor.role === Role.ProvincialOrganizer ? actor.provinceCode : null;
    const scopeName = provinceCode ? (await this.provinces.require(provinceCode)).name : 'Toàn quốc';
    const scope: EditionPlanScope = { editionId, today: todayInFestivalZone(), provinceCode };
    const names = planFileNames(edition.year, format);
    return {
      contentType: CONTENT_TYPES[format],
      contentDisposition: contentDisposition(names.ascii, names.vietnamese),
      writeTo: (output) => this.write(output, format, scope, edition.year, scopeName),
    };
  }

  private async write(output: Writable, format: ExportFormat, scope: EditionPlanScope, year: number, scopeName: string): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const rows = numbered(editionPlanRecords(runner, scope), scope.today);
      if (format === 'csv') {
        await writeEditionPlanCsv(output, rows);
      } else {
        const budget = await this.budget.rollup(runner.manager, scope.editionId, scope.provinceCode);
        await writeEditionPlanXlsx(output, { year, scopeName, today: scope.today, rows, budget });
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

async function* numbered(records: AsyncIterable<EditionPlanRecord>, today: IsoDate): AsyncGenerator<EditionPlanRow> {
  const toRow = planRowBuilder(today);
  let stt = 0;
  for await (const record of records) yield toRow(record, ++stt);
}
