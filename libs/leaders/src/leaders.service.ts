import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@app/audit';
import type { Actor } from '@app/auth';
import { BusinessRuleError, foldedMatch, foldedSearchPattern, lockForUpdate, NotFoundError, Page, toPage } from '@app/common';
import { ProvincesService } from '@app/provinces';
import { CreateLeaderDto, DateRangeDto, LeaderQueryDto, UpdateLeaderDto } from './dto/leader.dto';
import { Leader, LeaderUnavailability } from './leader.entities';
import { invalidRanges } from './leader-rules';
import { LeaderView, toLeaderView } from './dto/leader-view.dto';

const LEADER = 'lãnh đạo';

/** What `?q=` reads (name, position, organisation), exactly as the trigram index `leaders_search_idx` folds it. */
const LEADER_SEARCH_TEXT = `leader.full_name || ' ' || leader.position || ' ' || leader.organisation`;

/** Leaders' records, availability and preferences. Writes are for central planners only. */
@Injectable()
export class LeadersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provinces: ProvincesService,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateLeaderDto, actor: Actor): Promise<Leader> {
    for (const code of [input.homeProvinceCode, input.baseProvinceCode]) if (code) await this.provinces.require(code);
    assertRanges(input.unavailability ?? []);
    return this.dataSource.transaction(async (manager) => {
      const { unavailability = [], ...fields } = input;
      const leader = await manager.save(
        manager.create(Leader, {
          ...fields,
          officeEmail: fields.officeEmail.trim().toLowerCase(),
          officePhone: fields.officePhone ?? null,
          homeProvinceCode: fields.homeProvinceCode ?? null,
          baseProvinceCode: fields.baseProvinceCode ?? null,
          preferredDates: [...(fields.preferredDates ?? [])].sort(),
        }),
      );
      await this.replaceUnavailability(manager, leader.id, unavailability);
      const saved = await this.load(manager, leader.id);
      await this.audit.record(manager, { actor, entityType: 'leader', entityId: leader.id, action: 'create', after: flatten(saved) });
      return saved;
    });
  }

  async update(id: string, input: UpdateLeaderDto, actor: Actor): Promise<Leader> {
    for (const code of [input.homeProvinceCode, input.baseProvinceCode]) if (code) await this.provinces.require(code);
    if (input.unavailability) assertRanges(input.unavailability);
    return this.dataSource.transaction(async (manager) => {
      await lockForUpdate(manager, Leader, id, input.version, LEADER);
      const before = await this.load(manager, id);
      const { version: _version, unavailability, ...fields } = input;
      const leader = manager.merge(Leader, await manager.findOneByOrFail(Leader, { id }), {
        ...fields,
        ...(fields.officeEmail && { officeEmail: fields.officeEmail.trim().toLowerCase() }),
        ...(fields.preferredDates && { preferredDates: [...fields.preferredDates].sort() }),
      });
      await manager.save(leader);
      if (unavailability) await this.replaceUnavailability(manager, id, unavailability);
      const after = await this.load(manager, id);
      await this.audit.record(manager, { actor, entityType: 'leader', entityId: id, action: 'update', before: flatten(before), after: flatten(after) });
      return after;
    });
  }

  async list(query: LeaderQueryDto, actor: Actor): Promise<Page<LeaderView>> {
    // A page is of leaders: filter, order and page the leaders table alone, then load the page's ranges.
    // Joined into the paged query, the ranges made it page by joined rows (a short page, a wrong total).
    const builder = this.dataSource.getRepository(Leader).createQueryBuilder('leader').orderBy('leader.fullName', 'ASC').addOrderBy('leader.id', 'ASC');
    if (query.rankTier) builder.andWhere('leader.rankTier = :rankTier', { rankTier: query.rankTier });
    if (query.q?.trim()) builder.andWhere(foldedMatch(LEADER_SEARCH_TEXT, 'pattern'), { pattern: foldedSearchPattern(query.q) });
    const [items, total] = await builder.offset(query.offset).limit(query.pageSize).getManyAndCount();
    const ranges = await this.unavailabilityOf(
      this.dataSource.manager,
      items.map((leader) => leader.id),
    );
    return toPage(
      items.map((leader) => toLeaderView(Object.assign(leader, { unavailability: ranges.get(leader.id) ?? [] }), actor)),
      total,
      query,
    );
  }

  /** The leaders' unavailability ranges, earliest first, by leader id. */
  private async unavailabilityOf(manager: EntityManager, leaderIds: string[]): Promise<Map<string, LeaderUnavailability[]>> {
    const byLeader = new Map<string, LeaderUnavailability[]>();
    if (leaderIds.length === 0) return byLeader;
    const ranges = await manager.find(LeaderUnavailability, { where: { leaderId: In(leaderIds) }, order: { startDate: 'ASC' } });
    for (const range of ranges) byLeader.set(range.leaderId, [...(byLeader.get(range.leaderId) ?? []), range]);
    return byLeader;
  }

  async get(id: string, actor: Actor): Promise<LeaderView> {
    return toLeaderView(await this.load(this.dataSource.manager, id), actor);
  }

  async load(manager: EntityManager, id: string): Promise<Leader> {
    const leader = await manager.findOne(Leader, { where: { id }, relations: { unavailability: true }, order: { unavailability: { startDate: 'ASC' } } });
    if (!leader) throw new NotFoundError(LEADER, id);
    return leader;
  }

  private async replaceUnavailability(manager: EntityManager, leaderId: string, ranges: DateRangeDto[]): Promise<void> {
    await manager.delete(LeaderUnavailability, { leaderId });
    if (ranges.length === 0) return;
    await manager.insert(
      LeaderUnavailability,
      ranges.map((range) => ({ leaderId, startDate: range.startDate, endDate: range.endDate, reason: range.reason ?? null })),
    );
  }
}

function assertRanges(ranges: DateRangeDto[]): void {
  const invalid = invalidRanges(ranges);
  if (invalid.length > 0) {
    throw new BusinessRuleError(
      'INVALID_DATE_RANGES',
      'Khoảng ngày bận không hợp lệ: ngày bắt đầu phải trước ngày kết thúc và các khoảng không được chồng nhau.',
      {
        ranges: invalid,
      },
    );
  }
}

/** The leader with its unavailability as plain strings, for the audit diff. */
function flatten(leader: Leader): object {
  const { unavailability = [], ...fields } = leader;
  return { ...fields, unavailability: unavailability.map((range) => `${range.startDate}..${range.endDate}${range.reason ? ` (${range.reason})` : ''}`) };
}
