import { ApiHideProperty } from '@nestjs/swagger';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UpdatedAt, Version } from '@app/common';
import type { Edition } from '@app/editions';

/**
 * The letterhead, signer and copy list of an edition's giấy mời (see letter-rules.ts). No row means
 * the defaults (DEFAULT_LETTER_SETTINGS); planners save one from the edition page.
 */
@Entity('invitation_letter_settings')
export class InvitationLetterSettings {
  @PrimaryColumn({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' }) // by entity name: the editions library owns the class
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'text', name: 'issuing_body' })
  issuingBody: string;

  @Column({ type: 'text', name: 'issuing_unit' })
  issuingUnit: string;

  @Column({ type: 'text', name: 'issuer_name' })
  issuerName: string;

  @Column({ type: 'text', name: 'number_code' })
  numberCode: string;

  @Column({ type: 'text' })
  place: string;

  @Column({ type: 'text', name: 'signer_authority' })
  signerAuthority: string;

  @Column({ type: 'text', name: 'signer_title' })
  signerTitle: string;

  @Column({ type: 'text', name: 'signer_name' })
  signerName: string;

  @Column({ type: 'text', array: true, name: 'copy_to' })
  copyTo: string[];

  @UpdatedAt()
  updatedAt: Date;

  @Version()
  version: number;
}

/**
 * The last giấy mời number given in an edition. The row is updated in the transaction that issues a
 * letter, so it stays locked until that transaction ends: numbers are handed out one transaction at a
 * time, and a rolled-back transaction gives its numbers back (no gaps, no reuse).
 */
@Entity('invitation_letter_counters')
@Check('invitation_letter_counters_positive', 'last_number >= 0')
export class InvitationLetterCounter {
  @PrimaryColumn({ type: 'uuid', name: 'edition_id' })
  editionId: string;

  @ApiHideProperty()
  @ManyToOne('Edition', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @Column({ type: 'int', name: 'last_number', default: 0 })
  lastNumber: number;
}
