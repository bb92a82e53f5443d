import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { type Actor, assertCanWriteProvince, canWriteProvince, Role } from '@app/auth';
import { assertVersion, BusinessRuleError, formatVietnameseDate, instantToLocalTime, NotFoundError, requireVersion, todayInFestivalZone } from '@app/common';
import { findEdition } from '@app/editions';
import { acceptedInvitations } from '@app/invitations';
import { budgetTotalsOfEdition, taskTimelinessOfEdition } from '@app/logistics';
import { provinceNames } from '@app/provinces';
import { lockVenueForUpdate, reportedVenuesOfEdition, VenuesService } from '@app/venues';
import type { EditionComparisonView, EditionReportView } from './dto/edition-report.dto';
import type { RecordVenueResultDto, VenueResultView } from './dto/venue-result.dto';
import { type EditionReport, buildEditionReport, compareReports, resultRefusal, TOTAL_NAME } from './result-rules';
import { VenueResult } from './venue-result.entity';

const VENUE = 'điểm tổ chức';
const EDITION = 'đợt Ngày hội';

/**
 * Owns what each venue records after its day, and sums an edition's report from it and from the facts
 * the other libraries give of their own tables (venues, accepted invitations, budget lines, tasks).
 */
@Injectable()
export class ResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly audit: AuditService,
  ) {}

  async view(venueId: string, actor: Actor, now = new Date()): Promise<VenueResultView> {
    const venue = await this.venues.getReadable(venueId, actor);
    const result = await this.dataSource.manager.findOneBy(VenueResult, { venueId });
    const refusal = resultRefusal(venue, todayInFestivalZone(now));
    return toView(venueId, result, canWriteProvince(actor, venue.provinceCode) && !refusal, refusal?.message ?? null);
  }

  /**
   * Records or corrects the venue's result: that province's organizers and planners, from the venue's
   * day on. The venue row is locked first, so two first records go one after the other and the second
   * is told of the first (409), as two corrections are.
   */
  async record(venueId: string, input: RecordVenueResultDto, actor: Actor, now = new Date()): Promise<VenueResultView> {
    return this.dataSource.transaction(async (manager) => {
      const venue = await lockVenueForUpdate(manager, venueId);
      if (!venue) throw new NotFoundError(VENUE, venueId);
      assertCanWriteProvince(actor, venue.provinceCode);
      const refusal = resultRefusal(venue, todayInFestivalZone(now));
      if (refusal) throw new BusinessRuleError(refusal.code, refusal.message, { scheduledDate: venue.scheduledDate }, 409);
      const before = await manager.findOne(VenueResult, { where: { venueId } });
      if (before) assertVersion(requireVersion(input.version), before.version);
      else if (input.version !== undefined) assertVersion(input.version, 0); // it was never recorded: a version cannot be current
      const figures = {
        attendance: input.attendance,
        awardedCollectives: input.awardedCollectives ?? 0,
        awardedIndividuals: input.awardedIndividuals ?? 0,
        summary: input.summary.trim(),
        recordedBy: actor.id,
      };
      const saved = await manager.save(
        before ? Object.assign(manager.create(VenueResult, before), figures) : manager.create(VenueResult, { venueId, editionId: venue.editionId, ...figures }),
      );
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: before ? 'Sửa kết quả Ngày hội' : 'Ghi kết quả Ngày hội',
        before: before ? resultFields(before) : null,
        after: resultFields(saved),
      });
      return toView(venueId, saved, true, null);
    });
  }

  /** The edition's report: the country for planners and viewers, their own province for organizers. */
  async report(editionId: string, actor: Actor): Promise<EditionReportView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const { year, report, scopeName } = await this.reportWith(manager, editionId, actor);
      return { editionId, year, scopeName, ...report };
    });
  }

  /** Two editions side by side, region by region, each read in the caller's scope. */
  async compare(editionId: string, otherEditionId: string, actor: Actor): Promise<EditionComparisonView> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const first = await this.reportWith(manager, editionId, actor);
      const second = await this.reportWith(manager, otherEditionId, actor);
      return {
        first: { editionId, year: first.year },
        second: { editionId: otherEditionId, year: second.year },
        scopeName: first.scopeName,
        lines: compareReports(first.report, second.report),
      };
    });
  }

  /** "Lập lúc 07:42 ngày 21/08/2027", in Vietnam's time. */
  printedAt(now = new Date()): string {
    return `Lập lúc ${instantToLocalTime(now)} ngày ${formatVietnameseDate(todayInFestivalZone(now))}`;
  }

  private async reportWith(manager: EntityManager, editionId: string, actor: Actor): Promise<{ year: number; report: EditionReport; scopeName: string }> {
    const edition = await findEdition(manager, editionId);
    if (!edition) throw new NotFoundError(EDITION, editionId);
    const names = await provinceNames(manager);
    const province = actor.role === Role.ProvincialOrganizer ? (actor.provinceCode ?? '') : undefined;
    // One after the other: they share the transaction's connection.
    const venues = await reportedVenuesOfEdition(manager, editionId, province);
    const results = await manager.find(VenueResult, { where: { editionId } });
    const accepted = await acceptedInvitations(manager, editionId);
    const budget = await budgetTotalsOfEdition(manager, editionId);
    const tasks = await taskTimelinessOfEdition(manager, editionId);
    const scopeName = province === undefined ? TOTAL_NAME : (names.get(province) ?? province);
    const report = buildEditionReport(
      {
        venues,
        results: new Map(results.map((result) => [result.venueId, result])),
        venuesWithLeader: new Set(accepted.map((invitation) => invitation.venueId)),
        budget,
        tasks,
        provinceNames: names,
      },
      scopeName,
    );
    return { year: edition.year, report, scopeName };
  }
}

function resultFields(result: VenueResult) {
  const { attendance, awardedCollectives, awardedIndividuals, summary } = result;
  return { attendance, awardedCollectives, awardedIndividuals, summary };
}

function toView(venueId: string, result: VenueResult | null, canRecord: boolean, refusal: string | null): VenueResultView {
  return {
    venueId,
    recorded: result !== null,
    canRecord,
    refusal,
    attendance: result?.attendance ?? 0,
    awardedCollectives: result?.awardedCollectives ?? 0,
    awardedIndividuals: result?.awardedIndividuals ?? 0,
    summary: result?.summary ?? '',
    recordedAt: result?.updatedAt ?? null,
    version: result?.version ?? 0,
  };
}
