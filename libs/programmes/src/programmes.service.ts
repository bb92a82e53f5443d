import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor, assertPlanner } from '@app/auth';
import { BusinessRuleError, inTransaction, instantToLocalTime, lockForUpdate, NotFoundError, requireVersion } from '@app/common';
import { EditionsService, lockEdition } from '@app/editions';
import { type Venue, VenuesService } from '@app/venues';
import { DEFAULT_PROGRAMME_TEMPLATE } from './default-programme-template';
import { ApplyTemplateDto, CreateProgrammeItemDto, ReplaceTemplateDto, UpdateProgrammeItemDto } from './dto/programme.dto';
import { ProgrammeTemplateView } from './dto/programme-template-view.dto';
import { ProgrammeItem, ProgrammeTemplateItem } from './programme.entities';
import { ProgrammeEvents } from './programme-events';
import { assertItemFits, layoutTemplateWithin, VenueHours } from './programme-rules';

const ITEM = 'mục chương trình';

@Injectable()
export class ProgrammesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly events: ProgrammeEvents,
  ) {}

  /**
   * The edition's programme template. `revision` identifies its content (the template is rows with no
   * version column): a save over a copy someone else has changed since is refused.
   */
  async getTemplate(editionId: string, manager: EntityManager = this.dataSource.manager): Promise<ProgrammeTemplateView> {
    await this.editions.get(editionId, manager);
    const stored = await manager.find(ProgrammeTemplateItem, { where: { editionId }, order: { position: 'ASC' } });
    const items = (stored.length > 0 ? stored : DEFAULT_PROGRAMME_TEMPLATE).map(({ part, title, durationMinutes }) => ({ part, title, durationMinutes }));
    const isDefault = stored.length === 0;
    const revision = createHash('sha256').update(JSON.stringify({ isDefault, items })).digest('hex').slice(0, 16);
    return { editionId, isDefault, revision, items };
  }

  async replaceTemplate(editionId: string, input: ReplaceTemplateDto, actor: Actor): Promise<ProgrammeTemplateView> {
    assertPlanner(actor);
    return this.dataSource.transaction(async (manager) => {
      await this.editions.requireOpen(editionId, manager);
      await lockEdition(manager, editionId); // one template save at a time
      const before = await this.getTemplate(editionId, manager);
      if (requireVersion(input.revision, 'revision') !== before.revision) {
        throw new BusinessRuleError(
          'VERSION_CONFLICT',
          'Chương trình mẫu đã được người khác thay đổi. Vui lòng tải lại rồi thử lại.',
          { currentRevision: before.revision },
          409,
        );
      }
      await manager.delete(ProgrammeTemplateItem, { editionId });
      await manager.insert(
        ProgrammeTemplateItem,
        input.items.map((line, position) => ({ editionId, position, part: line.part, title: line.title.trim(), durationMinutes: line.durationMinutes })),
      );
      const after = await this.getTemplate(editionId, manager);
      await this.audit.record(manager, {
        actor,
        entityType: 'programme_template',
        entityId: editionId,
        action: 'update',
        before: { items: before.items },
        after: { items: after.items },
      });
      return after;
    });
  }

  async listItems(venueId: string, actor: Actor): Promise<ProgrammeItem[]> {
    await this.venues.getReadable(venueId, actor);
    return this.dataSource.manager.find(ProgrammeItem, { where: { venueId }, order: { startTime: 'ASC' } });
  }

  async addItem(venueId: string, input: CreateProgrammeItemDto, actor: Actor): Promise<ProgrammeItem> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor);
      const item = manager.create(ProgrammeItem, {
        ...input,
        venueId,
        title: input.title.trim(),
        presenter: input.presenter ?? null,
        notes: input.notes ?? null,
      });
      assertItemFits(item, await this.itemsOf(manager, venueId), hoursOf(venue));
      const saved = await manager.save(item);
      await this.audit.record(manager, { actor, entityType: 'programme_item', entityId: saved.id, action: 'create', after: saved });
      await this.events.publish(manager, { actor, venueId, summary: `Thêm mục ${summary(saved)}` }, afterCommit);
      return saved;
    });
  }

  async updateItem(venueId: string, itemId: string, input: UpdateProgrammeItemDto, actor: Actor): Promise<ProgrammeItem> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor);
      const item = await this.lockItem(manager, venueId, itemId, input.version);
      const before = { ...item };
      const { version: _version, ...changes } = input;
      Object.assign(item, changes);
      assertItemFits(item, await this.itemsOf(manager, venueId), hoursOf(venue));
      const saved = await manager.save(item);
      await this.audit.record(manager, { actor, entityType: 'programme_item', entityId: itemId, action: 'update', before, after: saved });
      await this.events.publish(manager, { actor, venueId, summary: `Sửa mục ${summary(before)} thành ${summary(saved)}` }, afterCommit);
      return saved;
    });
  }

  /** `version` is required (428 without it, 409 when stale): a removal must not undo an edit it never saw. */
  async removeItem(venueId: string, itemId: string, version: number | undefined, actor: Actor): Promise<void> {
    await inTransaction(this.dataSource, async (manager, afterCommit) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const item = await this.lockItem(manager, venueId, itemId, requireVersion(version));
      await manager.delete(ProgrammeItem, { id: itemId });
      await this.audit.record(manager, { actor, entityType: 'programme_item', entityId: itemId, action: 'delete', before: item });
      await this.events.publish(manager, { actor, venueId, summary: `Bỏ mục ${summary(item)}` }, afterCommit);
    });
  }

  /** Fills a venue's programme from its edition's template, laid end to end from the start time. */
  async applyTemplate(venueId: string, input: ApplyTemplateDto, actor: Actor): Promise<ProgrammeItem[]> {
    return inTransaction(this.dataSource, async (manager, afterCommit) => {
      const venue = await this.venues.lockForChildEdit(manager, venueId, actor);
      const hours = hoursOf(venue);
      const startTime = input.startTime ?? hours?.startTime;
      if (!startTime) {
        throw new BusinessRuleError('START_TIME_REQUIRED', 'Điểm tổ chức chưa xếp lịch: cần nêu giờ bắt đầu chương trình.');
      }
      const existing = await this.itemsOf(manager, venueId);
      if (existing.length > 0 && !input.replace) {
        throw new BusinessRuleError(
          'PROGRAMME_NOT_EMPTY',
          'Chương trình đã có nội dung; chọn "thay thế" để áp dụng lại chương trình mẫu.',
          {
            items: existing.length,
          },
          409,
        );
      }
      const template = await this.getTemplate(venue.editionId, manager);
      const laidOut = layoutTemplateWithin(template.items, startTime, hours);

      await manager.delete(ProgrammeItem, { venueId });
      const items = await manager.save(laidOut.map((line) => manager.create(ProgrammeItem, { ...line, venueId, presenter: null, notes: null })));
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Áp dụng chương trình mẫu (${items.length} mục, bắt đầu ${startTime})`,
        before: { programme: existing.map(summary) },
        after: { programme: items.map(summary) },
      });
      await this.events.publish(manager, { actor, venueId, summary: `Áp dụng chương trình mẫu (${items.length} mục, bắt đầu ${startTime})` }, afterCommit);
      return items.sort((a, b) => a.startTime.localeCompare(b.startTime));
    });
  }

  /** A venue's programme items in time order, in the caller's transaction (protocol reads its speaking slots from them). */
  itemsOfVenue(manager: EntityManager, venueId: string): Promise<ProgrammeItem[]> {
    return this.itemsOf(manager, venueId);
  }

  private itemsOf(manager: EntityManager, venueId: string): Promise<ProgrammeItem[]> {
    return manager.find(ProgrammeItem, { where: { venueId }, order: { startTime: 'ASC' } });
  }

  private async lockItem(manager: EntityManager, venueId: string, itemId: string, version: number | undefined): Promise<ProgrammeItem> {
    const item = await lockForUpdate(manager, ProgrammeItem, itemId, version, ITEM);
    if (item.venueId !== venueId) throw new NotFoundError(ITEM, itemId);
    return item;
  }
}

function hoursOf(venue: Venue): VenueHours {
  return venue.startsAt && venue.endsAt ? { startTime: instantToLocalTime(venue.startsAt), endTime: instantToLocalTime(venue.endsAt) } : null;
}

const summary = (item: { title: string; startTime: string; endTime: string }) => `${item.startTime}–${item.endTime} ${item.title}`;
