import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Role } from '@app/auth';
import { queryRows, todayInFestivalZone } from '@app/common';
import { EditionsService } from '@app/editions';
import { provinceName, Region, REGION_NAMES } from '@app/provinces';
import { anchorDate, VenueEvents, VenuesService } from '@app/venues';
import { VenueTask } from '../tasks/task.entities';
import type { Dashboard, DashboardGroup, VenueAtRisk } from './dto/readiness-dashboard.dto';
import type { CachedAnswer } from '../edition-answer-cache';
import { ReadinessCache } from './readiness.cache';
import { DASHBOARD_SQL, type DashboardRow, readinessFactsOf } from './readiness.query';
import { READINESS_NAMES } from './readiness.enums';
import { classifyReadiness, readinessOf, VenueReadiness } from './readiness-rules';

/** The rule, as the dashboard states it (in the readiness levels' Vietnamese names, not their codes). */
export const READINESS_RULE = `${READINESS_NAMES.late}: một việc quá hạn hơn 3 ngày, hoặc còn ≤ 3 ngày mà hoàn thành < 90%; ${READINESS_NAMES.at_risk.toLocaleLowerCase('vi')}: có việc quá hạn hoặc bị vướng; ${READINESS_NAMES.on_track.toLocaleLowerCase('vi')}: còn lại.`;

/** The dashboard lists this many venues at risk (a national edition can have thousands): the most urgent. */
export const VENUES_AT_RISK_SHOWN = 200;

/**
 * How far each venue's preparation is (readiness-rules.ts), one venue at a time or every live venue of
 * an edition at once, rolled up for the national dashboard.
 */
@Injectable()
export class ReadinessService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly venueEvents: VenueEvents,
    private readonly editions: EditionsService,
    private readonly readinessCache: ReadinessCache,
  ) {}

  onModuleInit(): void {
    // A venue's name, date and status show on the dashboard (its tasks tell the cache themselves).
    this.venueEvents.subscribe((_manager, change, afterCommit) => {
      this.readinessCache.changed(afterCommit, change.after.editionId);
      return Promise.resolve();
    });
  }

  async readiness(venueId: string, actor: Actor): Promise<VenueReadiness> {
    const venue = await this.venues.getReadable(venueId, actor);
    const tasks = await this.dataSource.manager.find(VenueTask, { where: { venueId } });
    return readinessOf(tasks, anchorDate(venue), todayInFestivalZone());
  }

  /**
   * The national dashboard in one request: every live venue's readiness counted by one statement
   * (DASHBOARD_SQL), rolled up by province, region and the whole edition, with the most urgent venues;
   * organizers see their province only. As JSON,
   * computed once per change and served from ReadinessCache in between (a national edition has a
   * million tasks; see edition-answer-cache.ts for what keeps it correct).
   */
  async dashboardJson(editionId: string, actor: Actor): Promise<CachedAnswer> {
    const today = todayInFestivalZone();
    const province = actor.role === Role.ProvincialOrganizer ? actor.provinceCode : null;
    return this.readinessCache.get(editionId, province ?? 'all', today, () => this.computeDashboard(editionId, province, today));
  }

  private async computeDashboard(editionId: string, province: string | null, today: string): Promise<Dashboard> {
    // Counted and ranked in PostgreSQL (a few dozen rows back, not one per venue: 50,000 at national scale).
    const rows = await queryRows<DashboardRow>(this.dataSource, DASHBOARD_SQL, [editionId, today, province, VENUES_AT_RISK_SHOWN]);
    // A row means a venue of the edition, hence the edition (a venue's edition cannot be deleted); with
    // none, the edition is looked up, for a 404 when there is none (not before the statement: the cold
    // answer would wait for it, and in a fresh process TypeORM's first query building takes tens of ms).
    if (rows.length === 0) await this.editions.get(editionId);
    const edition = new GroupSums(editionId, province ? provinceName(province) : 'Toàn quốc');
    const regions = new Map<string, GroupSums>();
    const provinces = new Map<string, GroupSums>();
    const venuesAtRisk: VenueAtRisk[] = [];
    for (const row of rows) {
      if (row.kind === 'venue') {
        // In the statement's order (late first, then by date); shown with the rule's own figures.
        venuesAtRisk[row.rank - 1] = {
          venueId: row.venue_id,
          name: row.name,
          provinceCode: row.province_code,
          date: row.date,
          ...classifyReadiness(readinessFactsOf(row), today),
        };
        continue;
      }
      let region = regions.get(row.region);
      if (!region) regions.set(row.region, (region = new GroupSums(row.region, REGION_NAMES[row.region as Region] ?? row.region)));
      let inProvince = provinces.get(row.province_code);
      if (!inProvince) provinces.set(row.province_code, (inProvince = new GroupSums(row.province_code, provinceName(row.province_code))));
      for (const group of [edition, region, inProvince]) group.add(row);
    }
    const sorted = (groups: Map<string, GroupSums>) => [...groups.values()].map((group) => group.view()).sort((a, b) => a.key.localeCompare(b.key));
    const editionView = edition.view();
    return {
      editionId,
      today,
      rule: READINESS_RULE,
      // An organizer's dashboard is their province's: its total is named after it, not "Toàn quốc".
      edition: editionView,
      regions: sorted(regions),
      provinces: sorted(provinces),
      venuesAtRiskTotal: editionView.atRisk + editionView.late,
      venuesAtRisk,
    };
  }
}

/** A dashboard group's counts, added up from its (province, region) groups. */
class GroupSums {
  private venues = 0;
  private onTrack = 0;
  private atRisk = 0;
  private late = 0;
  private totalWeight = 0;
  private doneWeight = 0;
  private overdue = 0;
  private blocked = 0;

  constructor(
    private readonly key: string,
    private readonly name: string,
  ) {}

  /** Adds the sums of a (province, region) group of venues. */
  add(row: Extract<DashboardRow, { kind: 'group' }>): void {
    this.venues += row.venues;
    this.onTrack += row.on_track;
    this.atRisk += row.at_risk;
    this.late += row.late;
    this.totalWeight += row.total_weight;
    this.doneWeight += row.done_weight;
    this.overdue += row.overdue;
    this.blocked += row.blocked;
  }

  view(): DashboardGroup {
    return {
      key: this.key,
      name: this.name,
      venues: this.venues,
      onTrack: this.onTrack,
      atRisk: this.atRisk,
      late: this.late,
      doneShare: this.totalWeight === 0 ? 1 : Math.round((this.doneWeight / this.totalWeight) * 1000) / 1000,
      overdue: this.overdue,
      blocked: this.blocked,
    };
  }
}
