import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { type Actor, assertCanWriteProvince, Role } from '@app/auth';
import { assertVersion, inTransaction, lockForUpdate, NotFoundError, queryRows, requireVersion } from '@app/common';
import { EditionsService } from '@app/editions';
import { provinceNames, Region, REGION_NAMES } from '@app/provinces';
import { VENUE_FACTS, VenueEvents, VenuesService } from '@app/venues';
import { BudgetLine } from './budget.entities';
import { BUDGET_CATEGORY_NAMES, BudgetCategory, FUNDING_SOURCE_NAMES, FundingSource } from './budget.enums';
import { BUDGET_VARIANCE_RULE, budgetTotals, BudgetTotals } from './budget-rules';
import { CreateBudgetLineDto, UpdateBudgetLineDto } from './dto/budget.dto';
import type { BudgetGroup, BudgetProvincePage, BudgetRollup, BudgetSummary, VenueBudget } from './dto/budget-rollup.dto';
import type { CachedAnswer } from '../edition-answer-cache';
import { BudgetCache } from './budget.cache';
import { BUDGET_VENUE_CONDITION, readBudgetRollups, refreshBudgetRollups } from './budget-rollups';
import { vndOf } from './money';

const LINE = 'khoản dự toán';

// The plan export reads the roll-up's types from here.
export type { BudgetGroup, BudgetRollup } from './dto/budget-rollup.dto';

/** Names sorted the Vietnamese way; one collator (localeCompare with a locale builds one per call). */
const VIETNAMESE = new Intl.Collator('vi');

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
    this.venueEvents.subscribe(async (manager, { before, after }, afterCommit) => {
      if (before.status !== after.status || before.provinceCode !== after.provinceCode || before.region !== after.region) {
        await refreshBudgetRollups(manager, [after.id]);
      }
      this.cache.changed(afterCommit, after.editionId);
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
      await refreshBudgetRollups(manager, [venueId]);
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
      await refreshBudgetRollups(manager, [venueId]);
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
      await refreshBudgetRollups(manager, [venueId]);
      this.cache.changed(afterCommit, venue.editionId);
    });
  }

  /**
   * The edition's budget rolled up by province, region, category, funding source and edition, as JSON,
   * without the venues (each province's are a page: provincePageJson); organizers see their province
   * only. Read from the roll-up tables (budget-rollups.ts: a few hundred rows), computed once per change
   * and served from BudgetCache in between.
   */
  async editionBudgetJson(editionId: string, actor: Actor): Promise<CachedAnswer> {
    const province = actor.role === Role.ProvincialOrganizer ? actor.provinceCode : null;
    return this.cache.get(editionId, province ?? 'all', '', async () => {
      await this.editions.get(editionId); // on a miss only: a served answer costs no query
      return this.summary(this.dataSource.manager, editionId, province);
    });
  }

  /** One province's page: its totals and its counted venues (an organizer: their own province only). */
  async provincePageJson(editionId: string, provinceCode: string, actor: Actor): Promise<CachedAnswer> {
    if (actor.role === Role.ProvincialOrganizer) assertCanWriteProvince(actor, provinceCode);
    return this.cache.get(editionId, `province:${provinceCode}`, '', async () => {
      await this.editions.get(editionId);
      const provinceName = await provinceNames(this.dataSource.manager);
      const name = provinceName.get(provinceCode);
      if (!name) throw new NotFoundError('tỉnh, thành phố', provinceCode);
      return this.provincePage(this.dataSource.manager, editionId, provinceCode, name);
    });
  }

  private async summary(manager: EntityManager, editionId: string, provinceCode: string | null): Promise<BudgetSummary> {
    const [rows, counts, provinceName] = await Promise.all([
      readBudgetRollups(manager, editionId, provinceCode),
      // Venues without a line count too: how many venues count, per province and region.
      queryRows<{ province_code: string; region: Region; venues: number }>(
        manager,
        `SELECT v.province_code, v.region::text AS region, count(*)::int AS venues
           FROM ${VENUE_FACTS} v
          WHERE v.edition_id = $1 AND ${BUDGET_VENUE_CONDITION} AND ($2::text IS NULL OR v.province_code = $2)
          GROUP BY v.province_code, v.region`,
        [editionId, provinceCode],
      ),
      provinceNames(manager),
    ]);
    const edition = new BudgetSums(editionId, provinceCode ? 'Toàn tỉnh' : 'Toàn quốc');
    const regions = new Map<string, BudgetSums>();
    const provinces = new Map<string, BudgetSums>();
    const categories = new Map<string, BudgetSums>();
    const sources = new Map<string, BudgetSums>();
    const groupOf = (groups: Map<string, BudgetSums>, key: string, name: () => string) => {
      let group = groups.get(key);
      if (!group) groups.set(key, (group = new BudgetSums(key, name())));
      return group;
    };
    const regionOf = (region: string) => groupOf(regions, region, () => REGION_NAMES[region as Region]);
    const provinceOf = (code: string) => groupOf(provinces, code, () => provinceName.get(code)!);
    for (const count of counts) {
      for (const group of [edition, regionOf(count.region), provinceOf(count.province_code)]) group.venues += count.venues;
    }
    for (const row of rows) {
      // Each line has one category: the category rows add up to the province's, region's and edition's totals.
      if (row.dimension === 'category') {
        for (const group of [edition, regionOf(row.region), provinceOf(row.province_code)]) group.addLines(row);
        groupOf(categories, row.key, () => BUDGET_CATEGORY_NAMES[row.key as BudgetCategory]).addVenues(row);
      } else {
        groupOf(sources, row.key, () => FUNDING_SOURCE_NAMES[row.key as FundingSource]).addVenues(row);
      }
    }
    const sorted = (groups: Map<string, BudgetSums>) => [...groups.values()].map((group) => group.view()).sort((a, b) => a.key.localeCompare(b.key));
    return {
      editionId,
      rule: BUDGET_VARIANCE_RULE,
      edition: edition.view(),
      regions: sorted(regions),
      provinces: sorted(provinces),
      categories: sorted(categories),
      fundingSources: sorted(sources),
    };
  }

  /**
   * A province's counted venues with their totals, from each venue's stored share of the roll-up (the
   * sums of its category parts), so that the page agrees with the summary's province row.
   */
  private async provincePage(manager: EntityManager, editionId: string, provinceCode: string, name: string): Promise<BudgetProvincePage> {
    const rows = await queryRows<
      { venue_id: string; name: string } & Omit<
        RollupRow,
        'dimension' | 'venue_id' | 'venue_name' | 'province_code' | 'region' | 'category' | 'funding_source' | 'venues'
      >
    >(
      manager,
      `SELECT v.id AS venue_id, v.name,
              COALESCE(sum((p->>'lines')::int), 0)::int AS lines,
              COALESCE(sum((p->>'lines_with_actual')::int), 0)::int AS lines_with_actual,
              COALESCE(sum((p->>'planned')::numeric), 0)::text AS planned,
              COALESCE(sum((p->>'settled_planned')::numeric), 0)::text AS settled_planned,
              COALESCE(sum((p->>'actual')::numeric), 0)::text AS actual
         FROM ${VENUE_FACTS} v
         LEFT JOIN venue_budget_rollups r ON r.venue_id = v.id
         LEFT JOIN LATERAL jsonb_array_elements(r.parts) AS p ON p->>'dimension' = 'category'
        WHERE v.edition_id = $1 AND v.province_code = $2 AND ${BUDGET_VENUE_CONDITION}
        GROUP BY v.id, v.name`,
      [editionId, provinceCode],
    );
    const province = new BudgetSums(provinceCode, name);
    const venues: VenueBudget[] = rows.map((row) => {
      province.venues += 1;
      province.addLines(row);
      return { venueId: row.venue_id, name: row.name, provinceCode, ...budgetTotals(sumsOf(row)) };
    });
    venues.sort((a, b) => VIETNAMESE.compare(a.name, b.name));
    return { editionId, province: province.view(), venues };
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

interface LineSums {
  lines: number;
  lines_with_actual: number;
  planned: string;
  settled_planned: string;
  actual: string;
}

const sumsOf = (row: LineSums) => ({
  lines: row.lines,
  linesWithActual: row.lines_with_actual,
  planned: vndOf(row.planned)!,
  settledPlanned: vndOf(row.settled_planned)!,
  actual: vndOf(row.actual)!,
});

/** A roll-up group's sums, added to row by row. */
class BudgetSums {
  venues = 0;
  private lines = 0;
  private linesWithActual = 0;
  private planned = 0;
  private settledPlanned = 0;
  private actual = 0;

  constructor(
    private readonly key: string,
    private readonly name: string,
  ) {}

  addLines(row: LineSums): void {
    const sums = sumsOf(row);
    this.lines += sums.lines;
    this.linesWithActual += sums.linesWithActual;
    this.planned += sums.planned;
    this.settledPlanned += sums.settledPlanned;
    this.actual += sums.actual;
  }

  /** A category's or source's row: its venues are those with a line under it (no venue has two provinces). */
  addVenues(row: LineSums & { venues: number }): void {
    this.venues += row.venues;
    this.addLines(row);
  }

  view(): BudgetGroup {
    // Summed as JS numbers: vndOf refuses a total past 2^53 rather than round it silently.
    const exact = (amount: number) => vndOf(amount)!;
    return {
      key: this.key,
      name: this.name,
      venues: this.venues,
      ...budgetTotals({
        lines: this.lines,
        linesWithActual: this.linesWithActual,
        planned: exact(this.planned),
        settledPlanned: exact(this.settledPlanned),
        actual: exact(this.actual),
      }),
    };
  }
}
