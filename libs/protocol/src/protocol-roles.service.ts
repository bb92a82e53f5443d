import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Actor } from '@app/auth';
import { assertVersion, BusinessRuleError, NotFoundError, requireVersion } from '@app/common';
import { ProgrammesService } from '@app/programmes';
import { VenuesService } from '@app/venues';
import { ChooseSpeakerDto, SetGreeterDto } from './dto/protocol-roles.dto';
import type { ProtocolRoleChangeView, ProtocolRolesView } from './dto/protocol-roles-view.dto';
import { Greeter, SpeakingAssignment } from './protocol-roles.entities';
import { PrecedenceGroup, type RankedAttendee } from './protocol-rules';
import { ProtocolService } from './protocol.service';
import { chooseSpeakers, isSpeakingItem, protocolRoleChanges, type ProtocolRoleChange, speakerSide } from './speaking-rules';

const GREETER = 'người đón';
const SLOT = 'mục phát biểu';

/**
 * Who speaks in each speaking slot (phát biểu) of a venue's programme and who greets each central
 * delegate (người đón). Speakers come from the order of precedence unless the province chose one by
 * hand; a substitution or a new acceptance recomputes the proposals on the next read and flags a
 * chosen speaker or a greeted delegate who no longer comes, and a delegate nobody greets yet.
 */
@Injectable()
export class ProtocolRolesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly venues: VenuesService,
    private readonly programmes: ProgrammesService,
    private readonly protocol: ProtocolService,
    private readonly audit: AuditService,
  ) {}

  async view(venueId: string, actor: Actor): Promise<ProtocolRolesView> {
    const venue = await this.venues.getReadable(venueId, actor);
    this.protocol.assertMaySee(actor, venue);
    return this.viewWith(this.dataSource.manager, venueId);
  }

  /** Chooses the speaker of a speaking slot by hand (the province's organizers and planners), audited. */
  async chooseSpeaker(venueId: string, programmeItemId: string, input: ChooseSpeakerDto, actor: Actor): Promise<ProtocolRolesView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const slot = await this.speakingSlot(manager, venueId, programmeItemId);
      const { ranked } = await this.protocol.attendance(manager, venueId);
      const speaker = ranked.find((attendee) => attendee.key === input.attendeeKey);
      if (!speaker)
        throw new BusinessRuleError('ATTENDEE_NOT_FOUND', 'Người này không có trong danh sách dự của điểm tổ chức.', { attendeeKey: input.attendeeKey }, 404);
      const before = await manager.findOneBy(SpeakingAssignment, { programmeItemId });
      await manager.upsert(SpeakingAssignment, { programmeItemId, venueId, attendeeKey: speaker.key, setBy: actor.id }, ['programmeItemId']);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Chọn người phát biểu “${slot.title}”: ${speaker.name}`,
        before: before ? { programmeItemId, attendeeKey: before.attendeeKey } : null,
        after: { programmeItemId, attendeeKey: speaker.key },
      });
      return this.viewWith(manager, venueId);
    });
  }

  /** Drops the hand choice: the slot takes the speaker the order of precedence proposes. */
  async clearSpeaker(venueId: string, programmeItemId: string, actor: Actor): Promise<ProtocolRolesView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const slot = await this.speakingSlot(manager, venueId, programmeItemId);
      const before = await manager.findOneBy(SpeakingAssignment, { programmeItemId });
      if (!before) throw new NotFoundError('người phát biểu được chọn', programmeItemId);
      await manager.delete(SpeakingAssignment, { programmeItemId });
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Bỏ chọn người phát biểu “${slot.title}” (theo thứ tự lễ tân)`,
        before: { programmeItemId, attendeeKey: before.attendeeKey },
      });
      return this.viewWith(manager, venueId);
    });
  }

  /**
   * Names the greeter of a central delegate (creating needs no version; changing one needs the version
   * seen: 428 without, 409 when stale). A greeter may stay assigned to a delegate who then withdraws:
   * the view flags it until removed.
   */
  async setGreeter(venueId: string, attendeeKey: string, input: SetGreeterDto, actor: Actor): Promise<ProtocolRolesView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const existing = await manager.findOne(Greeter, { where: { venueId, attendeeKey }, lock: { mode: 'pessimistic_write' } });
      if (existing) assertVersion(requireVersion(input.version), existing.version);
      else {
        const { ranked } = await this.protocol.attendance(manager, venueId);
        const delegate = ranked.find((attendee) => attendee.key === attendeeKey);
        if (!delegate) throw new BusinessRuleError('ATTENDEE_NOT_FOUND', 'Người này không có trong danh sách dự của điểm tổ chức.', { attendeeKey }, 404);
        if (delegate.group !== PrecedenceGroup.Central) {
          throw new BusinessRuleError('GREETER_FOR_CENTRAL_ONLY', 'Chỉ phân công người đón cho đại biểu Trung ương.', { attendeeKey });
        }
      }
      const values = { name: input.name.trim(), title: input.title?.trim() || null, phone: input.phone?.trim() || null };
      const greeter = existing ? Object.assign(existing, values) : manager.create(Greeter, { venueId, attendeeKey, ...values });
      const saved = await manager.save(greeter);
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Phân công người đón: ${saved.name}`,
        before: existing ? { attendeeKey, name: existing.name } : null,
        after: { attendeeKey, name: saved.name, title: saved.title },
      });
      return this.viewWith(manager, venueId);
    });
  }

  async removeGreeter(venueId: string, attendeeKey: string, version: number | undefined, actor: Actor): Promise<ProtocolRolesView> {
    return this.dataSource.transaction(async (manager) => {
      await this.venues.lockForChildEdit(manager, venueId, actor);
      const greeter = await manager.findOne(Greeter, { where: { venueId, attendeeKey }, lock: { mode: 'pessimistic_write' } });
      if (!greeter) throw new NotFoundError(GREETER, attendeeKey);
      assertVersion(requireVersion(version), greeter.version);
      await manager.delete(Greeter, { venueId, attendeeKey });
      await this.audit.record(manager, {
        actor,
        entityType: 'venue',
        entityId: venueId,
        action: 'update',
        note: `Bỏ phân công người đón: ${greeter.name}`,
        before: { attendeeKey, name: greeter.name, title: greeter.title },
      });
      return this.viewWith(manager, venueId);
    });
  }

  private async speakingSlot(manager: EntityManager, venueId: string, programmeItemId: string) {
    const item = (await this.programmes.itemsOfVenue(manager, venueId)).find((candidate) => candidate.id === programmeItemId);
    if (!item) throw new NotFoundError(SLOT, programmeItemId);
    if (!isSpeakingItem(item.title)) {
      throw new BusinessRuleError('NOT_A_SPEAKING_SLOT', `Mục “${item.title}” không phải mục phát biểu (tên mục cần có chữ “phát biểu”).`, { programmeItemId });
    }
    return item;
  }

  private async viewWith(manager: EntityManager, venueId: string): Promise<ProtocolRolesView> {
    const items = (await this.programmes.itemsOfVenue(manager, venueId)).filter((item) => isSpeakingItem(item.title));
    const { ranked } = await this.protocol.attendance(manager, venueId);
    const assignments = await manager.find(SpeakingAssignment, { where: { venueId } });
    const greeters = await manager.find(Greeter, { where: { venueId } });
    const slotIds = new Set(items.map((item) => item.id));
    // A choice for an item renamed out of the speaking slots no longer counts.
    const chosen = new Map(assignments.filter((row) => slotIds.has(row.programmeItemId)).map((row) => [row.programmeItemId, row.attendeeKey]));
    const byKey = new Map(ranked.map((attendee) => [attendee.key, attendee]));
    const choices = new Map(chooseSpeakers(items, ranked, chosen).map((choice) => [choice.itemId, choice]));
    const person = (attendee: RankedAttendee) => ({ attendeeKey: attendee.key, name: attendee.name, title: attendee.title });
    const greeterOf = new Map(greeters.map((row) => [row.attendeeKey, row]));
    const changes = protocolRoleChanges(
      chosen,
      greeters.map((row) => ({ attendeeKey: row.attendeeKey, name: row.name })),
      ranked,
    );
    const titleOf = new Map(items.map((item) => [item.id, item.title]));
    return {
      venueId,
      speakingSlots: items.map((item) => {
        const choice = choices.get(item.id)!;
        const speaker = choice.attendeeKey ? byKey.get(choice.attendeeKey) : undefined;
        return {
          programmeItemId: item.id,
          title: item.title,
          startTime: item.startTime,
          endTime: item.endTime,
          side: speakerSide(item.title),
          speaker: speaker ? person(speaker) : null,
          proposed: choice.proposed,
        };
      }),
      greeters: ranked
        .filter((attendee) => attendee.group === PrecedenceGroup.Central)
        .map((attendee) => {
          const row = greeterOf.get(attendee.key);
          return {
            attendeeKey: attendee.key,
            delegateName: attendee.name,
            delegateTitle: attendee.title,
            greeter: row ? { name: row.name, title: row.title, phone: row.phone, version: row.version } : null,
          };
        }),
      changes: changes.map((change) => describe(change, titleOf, byKey)),
    };
  }
}

function describe(change: ProtocolRoleChange, titleOf: Map<string, string>, byKey: Map<string, RankedAttendee>): ProtocolRoleChangeView {
  switch (change.kind) {
    case 'speaker_left':
      return {
        kind: change.kind,
        attendeeKey: change.attendeeKey,
        message: `Người được chọn phát biểu “${titleOf.get(change.itemId) ?? 'mục đã xóa'}” không còn trong danh sách dự; mục này tạm lấy người theo thứ tự lễ tân.`,
      };
    case 'greeter_left':
      return {
        kind: change.kind,
        attendeeKey: change.attendeeKey,
        message: `${change.greeterName} đang được phân công đón một đại biểu không còn dự; hãy phân công lại hoặc bỏ.`,
      };
    case 'greeter_missing':
      return { kind: change.kind, attendeeKey: change.attendeeKey, message: `${byKey.get(change.attendeeKey)?.name ?? 'Đại biểu'} chưa có người đón.` };
  }
}
