import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { type Actor, Role } from '@app/auth';
import { assertVersion, inTransaction, lockForUpdate, NotFoundError, queryRows, requireVersion } from '@app/common';
import { EditionsService } from '@app/editions';
import { provinceNames, Region, REGION_NAMES } from '@app/provinces';
import { LIVE_VENUE_STATUSES, VENUE_FACTS, VenueEvents, VenuesService, VenueStatus } from '@app/venues';
import { BudgetLine } from './budget.entities';
import { BUDGET_CATEGORY_NAMES, BudgetCategory, FUNDING_SOURCE_NAMES, FundingSource } from './budget.enums';
import { BUDGET_VARIANCE_RULE, budgetTotals, BudgetTotals } from './budget-rules';
import { CreateBudgetLineDto, UpdateBudgetLineDto } from './dto/budget.dto';
import type { BudgetGroup, BudgetRollup } from './dto/budget-rollup.dto';
import { BudgetCache } from './budget.cache';
import { vndOf } from './money';

/**
 * Venues whose budget counts: approved, scheduled, and held — actual spending is mostly recorded after
 * the festival, so a held venue's lines stay editable and in the totals. Written for venues' VENUE_FACTS
 * read model aliased `v`.
 */
const BUDGET_VENUE_CONDITION = `v.status IN (${[...LIVE_VENUE_STATUSES, VenueStatus.Held].map((status) => `'${status}'`).join(', ')})`;

const LINE = 'khoản dự toán';

// The plan export reads the roll-up's types from here.
export type { BudgetGroup, BudgetRollup } from './dto/budget-rollup.dto';

type Dimension = 'venue' | 'province' | 'region' | 'category' | 'funding_source' | 'edition';

interface RollupRow {
  dimension: Dimension;
  venue_id: string | null;
  venue_name: string | null;
  province_code: string | null;
  region: Region | null;
  category: BudgetCategory | null;
  funding_source: FundingSource | null;
  venues: number;
  lines: number;
  lines_with_actual: number;
  planned: string;
  settled_planned: string;
  actual: string;
}

/**
 * Each venue's estimate and actual costs, line by line, and their roll-ups by province, region,
 * category, funding source and edition. Writes follow the venue's rules (its province's organizers
 * and planners, while the venue is still editable), exactly like its tasks.
 */
@Injectable()
export class BudgetService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly cache: BudgetCache,
    private readonly venueEvents: VenueEvents,
  ) {}

  onModuleInit(): void {
    // A venue's name, province or status moves it in (or out of) the roll-up.
    this.venueEvents.subscribe((_manager, change, afterCommit) => {
      this.cache.changed(afterCommit, change.after.editionId);
      return Promise.resolve();
    });
  }

  async list(venueId: string, actor: Actor): Promise<BudgetLine[]> {
    await this.venues.getReadable(venueId, actor);
    return this.dataSource.manager.find(BudgetLine, { where: { venueId }, order: { category: 'ASC', createdAt: 'ASC' } });
  }

  async create(venueId: string, input: CreateBudgetLineDto, actor: Actor): Promise<BudgetLine> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor, { afterHeld: true });
      const line = await manager.save(
        manager.create(BudgetLine, {
          venueId,
          editionId: venue.editionId,
          category: input.category,
          description: input.description.trim(),
          plannedVnd: input.plannedVnd,
          actualVnd: input.actualVnd ?? null,
          fundingSource: input.fundingSource,
          notes: input.notes ?? null,
        }),
      );
      await this.audit.record(manager, { actor, entityType: 'budget_line', entityId: line.id, action: 'create', after: line });
      this.cache.changed(afterCommit, venue.editionId);
      return line;
    });
  }

  async update(venueId: string, lineId: string, input: UpdateBudgetLineDto, actor: Actor): Promise<BudgetLine> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor, { afterHeld: true });
      const line = await this.lockLine(manager, venueId, lineId, input.version);
      const before = { ...line };
      if (input.category !== undefined) line.category = input.category;
      if (input.description !== undefined) line.description = input.description.trim();
      if (input.plannedVnd !== undefined) line.plannedVnd = input.plannedVnd;
      if (input.actualVnd !== undefined) line.actualVnd = input.actualVnd; // null: back to "not settled"
      if (input.fundingSource !== undefined) line.fundingSource = input.fundingSource;
      if (input.notes !== undefined) line.notes = input.notes;
      const saved = await manager.save(line);
      await this.audit.record(manager, { actor, entityType: 'budget_line', entityId: lineId, action: 'update', before, after: saved });
      this.cache.changed(afterCommit, venue.editionId);
      return saved;
    });
  }

  /** `version` is required (428 without it, 409 when stale): a removal must not undo an edit it never saw. */
  async remove(venueId: string, lineId: string, version: number | undefined, actor: Actor): Promise<void> {
    await inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor, { afterHeld: true });
      const line = await this.lockLine(manager, venueId, lineId, requireVersion(version));
      await manager.delete(BudgetLine, { id: lineId });
      await this.audit.record(manager, { actor, entityType: 'budget_line', entityId: lineId, action: 'delete', before: line });
      this.cache.changed(afterCommit, venue.editionId);
    });
  }

  /**
   * The edition's budget rolled up, as JSON; organizers see their province only. Computed once per
   * change and served from BudgetCache in between (a national edition has about 150,000 lines).
   */
  async editionBudgetJson(editionId: string, actor: Actor): Promise<string> {
    const province = actor.role === Role.ProvincialOrganizer ? actor.provinceCode : null;
    return this.cache.get(editionId, province ?? 'all', '', async () => {
      await this.editions.get(editionId); // on a miss only: a served answer costs no query
      return this.rollup(this.dataSource.manager, editionId, province);
    });
  }

  /**
   * Every roll-up in one aggregate statement (GROUPING SETS over the live venues and their lines),
   * so venue, province, region and edition totals always agree. Also used by the plan export.
   */
  async rollup(manager: EntityManager, editionId: string, provinceCode: string | null): Promise<BudgetRollup> {
    const rows = await queryRows<RollupRow>(
      manager,
      `SELECT CASE WHEN GROUPING(v.id) = 0 THEN 'venue'
                   WHEN GROUPING(v.province_code) = 0 THEN 'province'
                   WHEN GROUPING(v.region) = 0 THEN 'region'
                   WHEN GROUPING(b.category) = 0 THEN 'category'
                   WHEN GROUPING(b.funding_source) = 0 THEN 'funding_source'
                   ELSE 'edition' END AS dimension,
              v.id AS venue_id, v.name AS venue_name, v.province_code, v.region::text AS region,
              b.category::text AS category, b.funding_source::text AS funding_source,
              count(DISTINCT v.id)::int AS venues,
              count(b.id)::int AS lines,
              count(b.actual_vnd)::int AS lines_with_actual,
              COALESCE(sum(b.planned_vnd), 0)::text AS planned,
              COALESCE(sum(b.planned_vnd) FILTER (WHERE b.actual_vnd IS NOT NULL), 0)::text AS settled_planned,
              COALESCE(sum(b.actual_vnd), 0)::text AS actual
         FROM ${VENUE_FACTS} v
         LEFT JOIN budget_lines b ON b.venue_id = v.id
        WHERE v.edition_id = $1 AND ${BUDGET_VENUE_CONDITION} AND ($2::text IS NULL OR v.province_code = $2)
        GROUP BY GROUPING SETS ((v.id, v.name, v.province_code, v.region), (v.province_code), (v.region), (b.category), (b.funding_source), ())`,
      [editionId, provinceCode],
    );
    const provinceName = await provinceNames(manager);
    const totalsOf = (row: RollupRow): BudgetTotals =>
      budgetTotals({
        lines: row.lines,
        linesWithActual: row.lines_with_actual,
        planned: vndOf(row.planned)!,
        settledPlanned: vndOf(row.settled_planned)!,
        actual: vndOf(row.actual)!,
      });
    const group = (key: string, name: string, row: RollupRow): BudgetGroup => ({ key, name, venues: row.venues, ...totalsOf(row) });
    const of = (dimension: Dimension) => rows.filter((row) => row.dimension === dimension);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    return {
      editionId,
      rule: BUDGET_VARIANCE_RULE,
      edition: group(editionId, provinceCode ? 'Toàn tỉnh' : 'Toàn quốc', of('edition')[0]),
      regions: of('region')
        .map((row) => group(row.region!, REGION_NAMES[row.region!], row))
        .sort(byKey),
      provinces: of('province')
        .map((row) => group(row.province_code!, provinceName.get(row.province_code!)!, row))
        .sort(byKey),
      venues: of('venue')
        .map((row) => ({ venueId: row.venue_id!, name: row.venue_name!, provinceCode: row.province_code!, ...totalsOf(row) }))
        .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.name.localeCompare(b.name, 'vi')),
      // Venues without any line form a NULL category/source group: they are in no category.
      categories: of('category')
        .filter((row) => row.category !== null)
        .map((row) => group(row.category!, BUDGET_CATEGORY_NAMES[row.category!], row))
        .sort(byKey),
      fundingSources: of('funding_source')
        .filter((row) => row.funding_source !== null)
        .map((row) => group(row.funding_source!, FUNDING_SOURCE_NAMES[row.funding_source!], row))
        .sort(byKey),
    };
  }

  private async lockLine(manager: EntityManager, venueId: string, lineId: string, version?: number): Promise<BudgetLine> {
    const line = await lockForUpdate(manager, BudgetLine, lineId, undefined, LINE);
    if (line.venueId !== venueId) throw new NotFoundError(LINE, lineId);
    if (version !== undefined) assertVersion(version, line.version);
    return line;
  }
}
