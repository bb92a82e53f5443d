import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, canSeeVenueLeaders } from '@app/auth';
import { BusinessRuleError, ForbiddenError } from '@app/common';
import { InvitationMessage } from '../invitation.entities';
import { InvitationComposer } from '../invitation-composer';
import { LetterRenderError } from './letter-pdf';

/**
 * The giấy mời of an issued invitation as a PDF, for the console. It names the delegate and their title
 * and nothing else of them (no contact, no RSVP link), so whoever may see who comes to the venue may
 * download it: planners and viewers everywhere, organizers for their own province's venues.
 */
@Injectable()
export class LetterDownloadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InvitationComposer,
  ) {}

  async pdf(invitationId: string, actor: Actor): Promise<{ filename: string; content: Buffer }> {
    const context = await this.composer.load(this.dataSource.manager, invitationId);
    if (!canSeeVenueLeaders(actor, context.venue.provinceCode)) {
      throw new ForbiddenError('Bạn chỉ được xem giấy mời của các điểm thuộc tỉnh, thành phố mình phụ trách.', 'PROVINCE_SCOPE');
    }
    if (context.invitation.letterNumber === null) {
      throw new BusinessRuleError('LETTER_NOT_ISSUED', 'Lời mời chưa được gửi nên chưa có giấy mời (chưa cấp số).', undefined, 409);
    }
    // The letter as last sent: one re-sent for a programme change says so, not that the date or place moved.
    const last = await this.dataSource.manager.findOne(InvitationMessage, {
      select: { kind: true, previous: true },
      where: { invitationId, method: 'REQUEST', sequence: context.invitation.sequence },
      order: { createdAt: 'DESC' },
    });
    try {
      return await this.composer.letterPdf(context, last?.kind === 'programme-update' ? last : undefined);
    } catch (error) {
      if (error instanceof LetterRenderError) throw new BusinessRuleError('LETTER_UNPRINTABLE', error.message, undefined, 422);
      throw error;
    }
  }
}
