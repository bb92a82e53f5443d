import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { Actor } from '@app/auth';
import { BusinessRuleError, inTransaction, NotFoundError, Page, PageQueryDto, toPage } from '@app/common';
import { EditionsService } from '@app/editions';
import { AssignmentRole, AssignmentsService, assignmentsAtVenues, leaderNames } from '@app/leaders';
import { JobProducer } from '@app/queue';
import { countLiveVenuesOfTier, findVenues, VenuesService, VenueTier } from '@app/venues';
import { CreatePlanningRunDto } from './dto/planning-run.dto';
import type { PlanningRunSummary, PlanningRunView } from './dto/planning-run-view.dto';
import { PlanningBaseline, PlanningRun, PlanningRunStatus } from './planning-run.entity';
import { comparePlans } from './plan-comparison';
import { canTransition, assertCancellable } from './planning-run-rules';
import { baselineOf, PLANNABLE, StoredResult } from './planning-solver';
import { SolvePlanningRunJob } from './solve-planning-run.handler';

/** What a leader's office reads when an accepted plan sends the leader elsewhere. */
const REPLANNED_REASON = 'Điều chỉnh phân công theo kế hoạch mới của Ban Chỉ đạo';

/**
 * Planning runs: builds the planning instance of an edition from the database (its approved and
 * scheduled venues of one tier; the leaders taking part, with their availability and maximum), proposes a plan (a
 * repair of the assignments in force unless asked to start fresh), and writes an accepted proposal
 * to assignments and venue dates in one audited transaction. Owns `planning_runs`; writes assignments
 * and venue dates only through the leaders' and venues' own primitives (AssignmentsService.replaceForVenues,
 * VenuesService.scheduleMany), which audit them and publish their events.
 */
@Injectable()
export class PlanningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly producer: JobProducer,
    private readonly assignments: AssignmentsService,
    private readonly venues: VenuesService,
  ) {}

  /**
   * Proposes a plan: the run is queued for the worker, which solves it on a solver thread, and answered
   * at once with its progress (poll GET …/planning-runs/:runId). The API never solves: a national run
   * took the request's event loop for a second, and every other request with it.
   */
  async propose(editionId: string, input: CreatePlanningRunDto, actor: Actor): Promise<PlanningRunView> {
    await this.editions.requireOpen(editionId);
    const tier = input.venueTier ?? VenueTier.Central;
    const venues = await countLiveVenuesOfTier(this.dataSource.manager, editionId, tier);
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const run = await manager.save(
        manager.create(PlanningRun, {
          editionId,
          status: PlanningRunStatus.Queued,
          request: { ...input },
          baseline: null,
          result: null,
          requestedBy: actor.id,
        }),
      );
      await this.audit.record(manager, { actor, entityType: 'planning_run', entityId: run.id, action: 'create', after: { queued: true, tier, venues } });
      afterCommit.add(() => this.producer.enqueue(SolvePlanningRunJob, { runId: run.id }));
      return this.view(manager, run);
    });
  }

  /**
   * Cancels a run still waiting for the worker or being solved (planning-run-rules.ts): the run is
   * marked cancelled and audited here; a worker solving it sees so within PLANNING_CANCEL_CHECK_MS and
   * terminates the solve's thread, and a worker yet to pick it up skips it.
   */
  async cancel(editionId: string, runId: string, actor: Actor): Promise<PlanningRunView> {
    return this.dataSource.transaction(async (manager) => {
      const run = await manager.findOne(PlanningRun, { where: { id: runId, editionId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new NotFoundError('lượt lập kế hoạch', runId);
      assertCancellable(run.status);
      const before = { status: run.status };
      run.status = PlanningRunStatus.Cancelled;
      const saved = await manager.save(run);
      await this.audit.record(manager, { actor, entityType: 'planning_run', entityId: run.id, action: 'transition', before, after: { status: saved.status } });
      return this.view(manager, saved);
    });
  }

  async get(editionId: string, runId: string): Promise<PlanningRunView> {
    const run = await this.dataSource.manager.findOneBy(PlanningRun, { id: runId, editionId });
    if (!run) throw new NotFoundError('lượt lập kế hoạch', runId);
    return this.view(this.dataSource.manager, run);
  }

  /** An edition's runs, newest first, with their headline figures, not their proposals (open one with get). */
  async list(editionId: string, query: PageQueryDto): Promise<Page<PlanningRunSummary>> {
    await this.editions.get(editionId);
    // The figures are read inside Postgres: a commune-tier proposal holds thousands of assignments.
    const rows = await this.dataSource.query<(Omit<PlanningRunSummary, 'progress'> & { done: number; total: number; count: string })[]>(
      `SELECT id, status, COALESCE(request->>'venueTier', $2) AS "venueTier", result->>'mode' AS mode, result->>'summary' AS summary,
              (result#>>'{objective,uncoveredVenues}')::int AS "uncoveredVenues",
              CASE WHEN result ? 'changes' THEN jsonb_array_length(result->'changes') END AS changes,
              progress_done AS done, progress_total AS total, failure, created_at AS "createdAt", accepted_at AS "acceptedAt",
              count(*) OVER () AS count
         FROM planning_runs WHERE edition_id = $1
        ORDER BY created_at DESC, id DESC OFFSET $3 LIMIT $4`,
      [editionId, VenueTier.Central, query.offset, query.pageSize],
    );
    const total = rows.length ? Number(rows[0].count) : await this.dataSource.manager.countBy(PlanningRun, { editionId });
    const items = rows.map(({ done, total: parts, count: _count, ...run }): PlanningRunSummary => ({ ...run, progress: { done, total: parts } }));
    return toPage(items, total, query);
  }

  /**
   * Writes a proposal: assignments of the planned venues become the proposal's, venues get its dates
   * (approved ones become scheduled), all in one transaction with audit entries and venue events. Refused
   * if the assignments or dates have changed since the run was computed.
   */
  async accept(editionId: string, runId: string, actor: Actor): Promise<PlanningRunView> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.editions.requireOpen(editionId, manager);
      const run = await manager.findOne(PlanningRun, { where: { id: runId, editionId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new NotFoundError('lượt lập kế hoạch', runId);
      if (!canTransition(run.status, PlanningRunStatus.Accepted)) {
        throw new BusinessRuleError('PLANNING_RUN_NOT_PROPOSED', 'Phương án này đã được chấp nhận hoặc đã bị thay thế.', { status: run.status }, 409);
      }
      const result = run.result as unknown as StoredResult;
      const baseline = run.baseline!;
      const venueIds = Object.keys(baseline.venueDates).sort();
      const venues = await this.venues.lockMany(manager, venueIds);
      // The plan in force, read once: to check it is still the run's starting point, then to change it.
      const existing = await assignmentsAtVenues(manager, venueIds);
      if (
        venues.length !== venueIds.length ||
        venues.some((venue) => !PLANNABLE.includes(venue.status)) ||
        !sameBaseline(baselineOf(venues, existing), baseline)
      ) {
        throw new BusinessRuleError(
          'PLANNING_RUN_STALE',
          'Phân công hoặc ngày tổ chức đã thay đổi từ khi lập phương án này. Vui lòng lập lại phương án.',
          undefined,
          409,
        );
      }

      // Assignments: those the proposal drops go (their invitations withdrawn), the new ones come.
      const key = (a: { venueId: string; leaderId: string; role: string }) => `${a.venueId}|${a.leaderId}|${a.role}`;
      const proposed = new Set(result.assignments.map(key));
      const kept = new Set(existing.map(key).filter((held) => proposed.has(held)));
      await this.assignments.replaceForVenues(
        manager,
        {
          remove: existing.filter((assignment) => !kept.has(key(assignment))),
          add: result.assignments
            .filter((assignment) => !kept.has(key(assignment)))
            .map(({ venueId, leaderId, role }) => ({
              venueId,
              leaderId,
              role: role === 'chief_guest' ? AssignmentRole.ChiefGuest : AssignmentRole.Accompanying,
            })),
          note: `Phương án lập kế hoạch ${run.id}`,
          reason: REPLANNED_REASON,
        },
        actor,
        afterCommit,
      );
      // Dates: approved venues become scheduled; a venue keeps its hours on a new date, one without hours gets the run's.
      await this.venues.scheduleMany(
        manager,
        { dates: result.venueDates, hours: { startTime: result.startTime, endTime: result.endTime }, note: `Xếp lịch theo phương án lập kế hoạch ${run.id}` },
        actor,
        afterCommit,
      );

      const before = { status: run.status };
      Object.assign(run, { status: PlanningRunStatus.Accepted, acceptedBy: actor.id, acceptedAt: new Date() });
      const saved = await manager.save(run);
      await manager.query(`UPDATE planning_runs SET status = 'superseded' WHERE edition_id = $1 AND status = 'proposed' AND id <> $2`, [editionId, run.id]);
      await this.audit.record(manager, { actor, entityType: 'planning_run', entityId: run.id, action: 'transition', before, after: { status: saved.status } });
      return this.view(manager, saved);
    });
  }

  /** The run as shown; once solved, with the side-by-side comparison (names read now, one query each). */
  private async view(manager: EntityManager, run: PlanningRun): Promise<PlanningRunView> {
    const view = toView(run);
    if (!run.baseline || !run.result) return view;
    const result = run.result as unknown as StoredResult;
    const venueIds = Object.keys(run.baseline.venueDates);
    const leaderIds = [...new Set([...run.baseline.assignments, ...result.assignments].map((assignment) => assignment.leaderId))];
    const [venues, leaders] = await Promise.all([findVenues(manager, venueIds), leaderNames(manager, leaderIds)]);
    view.comparison = comparePlans(run.baseline, result, {
      venues: new Map(venues.map((venue) => [venue.id, { name: venue.name, provinceCode: venue.provinceCode }])),
      leaders,
    });
    return view;
  }
}

function sameBaseline(a: PlanningBaseline, b: PlanningBaseline): boolean {
  const assignments = (baseline: PlanningBaseline) =>
    baseline.assignments
      .map((x) => `${x.venueId}|${x.leaderId}|${x.role}|${x.date}`)
      .sort()
      .join(',');
  const dates = (baseline: PlanningBaseline) =>
    Object.entries(baseline.venueDates)
      .map(([id, date]) => `${id}|${date}`)
      .sort()
      .join(',');
  return assignments(a) === assignments(b) && dates(a) === dates(b);
}

function toView(run: PlanningRun): PlanningRunView {
  const { startTime: _start, endTime: _end, ...result } = (run.result ?? {}) as unknown as Partial<StoredResult>;
  return {
    id: run.id,
    editionId: run.editionId,
    status: run.status,
    progress: { done: run.progressDone, total: run.progressTotal },
    failure: run.failure,
    createdAt: run.createdAt,
    acceptedAt: run.acceptedAt,
    ...result,
  };
}
