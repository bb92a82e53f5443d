import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import type { Actor } from '@app/auth';
import { assertVersion, inTransaction } from '@app/common';
import { EditionsService } from '@app/editions';
import { LetterSettingsDto, LetterSettingsView } from './dto/letter-settings.dto';
import { InvitationLetterCounter, InvitationLetterSettings } from './letter.entities';
import { DEFAULT_LETTER_SETTINGS } from './letter-rules';

/** An edition's giấy mời letterhead, signer and Nơi nhận: read and replaced by planners. */
@Injectable()
export class LetterSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
  ) {}

  async get(editionId: string): Promise<LetterSettingsView> {
    await this.editions.get(editionId);
    const [stored, counter] = await Promise.all([
      this.dataSource.manager.findOneBy(InvitationLetterSettings, { editionId }),
      this.dataSource.manager.findOneBy(InvitationLetterCounter, { editionId }),
    ]);
    return viewOf(editionId, stored, counter?.lastNumber ?? 0);
  }

  /** Letters issued from now on print the new settings; each keeps its number and date. */
  async update(editionId: string, input: LetterSettingsDto, actor: Actor): Promise<LetterSettingsView> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.editions.requireOpen(editionId, manager);
      const existing = await manager.findOne(InvitationLetterSettings, { where: { editionId }, lock: { mode: 'pessimistic_write' } });
      if (existing && input.version !== undefined) assertVersion(input.version, existing.version);
      const before = existing ? viewOf(editionId, existing, 0) : null;
      const { version: _version, ...settings } = input;
      await manager.save(manager.merge(InvitationLetterSettings, existing ?? manager.create(InvitationLetterSettings, { editionId }), settings));
      await this.audit.record(manager, { actor, entityType: 'letter_settings', entityId: editionId, action: 'update', before, after: settings });
      const counter = await manager.findOneBy(InvitationLetterCounter, { editionId });
      return viewOf(editionId, await manager.findOneByOrFail(InvitationLetterSettings, { editionId }), counter?.lastNumber ?? 0);
    });
  }
}

function viewOf(editionId: string, stored: InvitationLetterSettings | null, lettersIssued: number): LetterSettingsView {
  const source = stored ?? DEFAULT_LETTER_SETTINGS;
  return {
    editionId,
    issuingBody: source.issuingBody,
    issuingUnit: source.issuingUnit,
    issuerName: source.issuerName,
    numberCode: source.numberCode,
    place: source.place,
    signerAuthority: source.signerAuthority,
    signerTitle: source.signerTitle,
    signerName: source.signerName,
    copyTo: [...source.copyTo],
    lettersIssued,
    isDefault: !stored,
    version: stored?.version ?? null,
  };
}
