import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, Role } from '@app/auth';
import { IsoDate, todayInFestivalZone } from '@app/common';
import { AppConfig } from '@app/config';
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
 * byte, so errors are still ordinary JSON answers; then the rows stream from a cursor into a temporary
 * file, inside one read-only REPEATABLE READ transaction so rows and totals agree, at the speed of the
 * disk; the transaction ends and the connection goes back to the pool before the first byte is sent,
 * and only then is the file streamed to the client, however slowly it reads (issue 16: ten slow
 * readers used to hold ten of the pool's connections and stall every login). The file is removed once
 * the download ends, completed or not.
 */
@Injectable()
export class EditionPlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly provinces: ProvincesService,
    private readonly budget: BudgetService,
    config: AppConfig,
  ) {
    this.builds = new Semaphore(config.EXPORT_CONCURRENCY);
  }

  /** Builds running at once (EXPORT_CONCURRENCY): the rest wait here, holding no connection. */
  private readonly builds: Semaphore;

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
    const dir = await mkdtemp(join(tmpdir(), 'ngayhoi-export-'));
    try {
      const file = join(dir, `plan.${format}`);
      await this.builds.run(() => this.build(file, format, scope, year, scopeName));
      await pipeline(createReadStream(file), output);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Writes the whole file from one snapshot; the pool's connection is back before the download starts. */
  private async build(file: string, format: ExportFormat, scope: EditionPlanScope, year: number, scopeName: string): Promise<void> {
    const target = createWriteStream(file);
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const rows = numbered(editionPlanRecords(runner, scope), scope.today);
      if (format === 'csv') {
        await writeEditionPlanCsv(target, rows);
      } else {
        const budget = await this.budget.rollup(runner.manager, scope.editionId, scope.provinceCode);
        await writeEditionPlanXlsx(target, { year, scopeName, today: scope.today, rows, budget });
      }
      if (!target.closed) await new Promise<void>((resolve, reject) => target.once('close', () => resolve()).once('error', reject));
      await runner.commitTransaction();
    } catch (error) {
      target.destroy();
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

/** At most `limit` tasks at once, the others in arrival order. */
class Semaphore {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
