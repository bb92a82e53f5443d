import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { Actor } from '@app/auth';
import { BusinessRuleError, lockForUpdate, NotFoundError, Page, toPage } from '@app/common';
import { CreateEditionDto, EditionQueryDto, EditionTransitionDto, UpdateEditionDto } from './dto/edition.dto';
import { Edition, EditionStatus } from './edition.entity';
import { assertEditionTransition, assertWindow, defaultWindow } from './edition-rules';
import { EditionWindowChecks } from './edition-window-checks';

@Injectable()
export class EditionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly windowChecks: EditionWindowChecks,
  ) {}

  async create(input: CreateEditionDto, actor: Actor): Promise<Edition> {
    const defaults = defaultWindow(input.year);
    const windowStart = input.windowStart ?? defaults.windowStart;
    const windowEnd = input.windowEnd ?? defaults.windowEnd;
    const nationalDay = input.nationalDay ?? defaults.nationalDay;
    assertWindow(input.year, windowStart, windowEnd, nationalDay);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(Edition, { year: input.year })) {
        throw new BusinessRuleError('EDITION_YEAR_TAKEN', `Đợt Ngày hội năm ${input.year} đã có.`, { year: input.year }, 409);
      }
      const edition = await manager.save(manager.create(Edition, { year: input.year, theme: input.theme.trim(), windowStart, windowEnd, nationalDay }));
      await this.audit.record(manager, { actor, entityType: 'edition', entityId: edition.id, action: 'create', after: edition });
      return edition;
    });
  }

  async list(query: EditionQueryDto): Promise<Page<Edition>> {
    const [items, total] = await this.dataSource.getRepository(Edition).findAndCount({
      where: { ...(query.status && { status: query.status }), ...(query.year && { year: query.year }) },
      order: { year: 'DESC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return toPage(items, total, query);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Edition> {
    const edition = await manager.findOneBy(Edition, { id });
    if (!edition) throw new NotFoundError('đợt Ngày hội', id);
    return edition;
  }

  /** The edition, refusing writes once it is closed. */
  async requireOpen(id: string, manager?: EntityManager): Promise<Edition> {
    const edition = await this.get(id, manager);
    if (edition.status === EditionStatus.Closed) {
      throw new BusinessRuleError('EDITION_CLOSED', `Đợt Ngày hội năm ${edition.year} đã kết thúc, không thể thay đổi dữ liệu.`, undefined, 409);
    }
    return edition;
  }

  async update(id: string, input: UpdateEditionDto, actor: Actor): Promise<Edition> {
    return this.dataSource.transaction(async (manager) => {
      const edition = await lockForUpdate(manager, Edition, id, input.version, 'đợt Ngày hội');
      const before = { ...edition };
      const { version: _version, ...changes } = input;
      Object.assign(edition, changes);
      assertWindow(edition.year, edition.windowStart, edition.windowEnd, edition.nationalDay);
      await this.windowChecks.run(manager, edition);
      const saved = await manager.save(edition);
      await this.audit.record(manager, { actor, entityType: 'edition', entityId: id, action: 'update', before, after: saved });
      return saved;
    });
  }

  async transition(id: string, input: EditionTransitionDto, actor: Actor): Promise<Edition> {
    return this.dataSource.transaction(async (manager) => {
      const edition = await lockForUpdate(manager, Edition, id, input.version, 'đợt Ngày hội');
      assertEditionTransition(edition.status, input.to);
      const before = { ...edition };
      edition.status = input.to;
      const saved = await manager.save(edition);
      await this.audit.record(manager, { actor, entityType: 'edition', entityId: id, action: 'transition', before, after: saved });
      return saved;
    });
  }
}
