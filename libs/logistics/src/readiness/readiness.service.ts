import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, Role } from '@app/auth';
import { queryRows, todayInFestivalZone } from '@app/common';
import { EditionsService } from '@app/editions';
import { provinceNames, Region, REGION_NAMES } from '@app/provinces';
import { anchorDate, VENUE_FACTS, VenueEvents, VenuesService } from '@app/venues';
import { VenueTask } from '../tasks/task.entities';
import type { Dashboard, DashboardGroup } from './dto/readiness-dashboard.dto';
import { ReadinessCache } from './readiness.cache';
import { LIVE_VENUE_READINESS_SQL, ReadinessRow, readinessFactsOf } from './readiness.query';
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
   * The national dashboard in one request: every live venue's readiness from one aggregate query,
   * rolled up by province, region and the whole edition; organizers see their province only. As JSON,
   * computed once per change and served from ReadinessCache in between (a national edition has a
   * million tasks; see edition-answer-cache.ts for what keeps it correct).
   */
  async dashboardJson(editionId: string, actor: Actor): Promise<string> {
    const today = todayInFestivalZone();
    const province = actor.role === Role.ProvincialOrganizer ? actor.provinceCode : null;
    return this.readinessCache.get(editionId, province ?? 'all', today, () => this.computeDashboard(editionId, province, today));
  }

  private async computeDashboard(editionId: string, province: string | null, today: string): Promise<Dashboard> {
    await this.editions.get(editionId);
    const rows = await queryRows<ReadinessRow & { name: string; province_code: string; region: string }>(
      this.dataSource,
      `WITH readiness AS (${LIVE_VENUE_READINESS_SQL})
       SELECT r.*, v.name, v.province_code, v.region::text AS region
         FROM readiness r JOIN ${VENUE_FACTS} v ON v.id = r.venue_id`,
      [editionId, today, province],
    );
    const provinceName = await provinceNames(this.dataSource.manager);
    const venues = rows.map((row) => ({ row, readiness: classifyReadiness(readinessFactsOf(row), today) }));
    const group = (key: string, name: string, members: typeof venues): DashboardGroup => {
      const total = members.reduce((sum, member) => sum + member.row.total_weight, 0);
      const done = members.reduce((sum, member) => sum + member.row.done_weight, 0);
      return {
        key,
        name,
        venues: members.length,
        onTrack: members.filter((member) => member.readiness.status === 'on_track').length,
        atRisk: members.filter((member) => member.readiness.status === 'at_risk').length,
        late: members.filter((member) => member.readiness.status === 'late').length,
        doneShare: total === 0 ? 1 : Math.round((done / total) * 1000) / 1000,
        overdue: members.reduce((sum, member) => sum + member.readiness.overdue, 0),
        blocked: members.reduce((sum, member) => sum + member.readiness.blocked, 0),
      };
    };
    const by = (keyOf: (member: (typeof venues)[number]) => [string, string]) => {
      const groups = new Map<string, { name: string; members: typeof venues }>();
      for (const member of venues) {
        const [key, name] = keyOf(member);
        const found = groups.get(key);
        if (found)
          found.members.push(member); // not a copy per venue: O(n) for 50,000 venues
        else groups.set(key, { name, members: [member] });
      }
      return [...groups.entries()].map(([key, value]) => group(key, value.name, value.members)).sort((a, b) => a.key.localeCompare(b.key));
    };
    const atRisk = venues.filter((member) => member.readiness.status !== 'on_track');
    return {
      editionId,
      today,
      rule: READINESS_RULE,
      // An organizer's dashboard is their province's: its total is named after it, not "Toàn quốc".
      edition: group(editionId, province ? provinceName.get(province)! : 'Toàn quốc', venues),
      regions: by((member) => [member.row.region, REGION_NAMES[member.row.region as Region] ?? member.row.region]),
      provinces: by((member) => [member.row.province_code, provinceName.get(member.row.province_code)!]),
      venuesAtRiskTotal: atRisk.length,
      venuesAtRisk: atRisk
        .sort((a, b) =>
          a.readiness.status === b.readiness.status ? (a.row.date ?? '').localeCompare(b.row.date ?? '') : a.readiness.status === 'late' ? -1 : 1,
        )
        .slice(0, VENUES_AT_RISK_SHOWN)
        .map((member) => ({
          venueId: member.row.venue_id,
          name: member.row.name,
          provinceCode: member.row.province_code,
          date: member.row.date,
          ...member.readiness,
        })),
    };
  }
}
