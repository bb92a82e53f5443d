import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, passQrPng } from '@app/common';
import { Mailer } from '@app/mail';
import { defineJob, JobContext, JobHandler, JobPayload, KEEP_COMPLETED, KEEP_FAILED, QueueName } from '@app/queue';
import { InvitationMessage, MessageStatus } from './invitation.entities';
import { InvitationComposer, InvitationContextRow } from './invitation-composer';
import { MessageClaims } from './message-claims';

/**
 * Send one recorded invitation message (REQUEST, CANCEL, or a notice without a calendar entry) of one
 * invitation. `delayed`: an update, held INVITATION_UPDATE_DELAY_SECONDS so that further edits reach the
 * delegate in the same letter (it is composed when sent). The id stays the message's either way.
 */
export const SendInvitationMessageJob = defineJob<{ messageId: string; delayed?: true }>({
  queue: QueueName.Mail,
  name: 'send-invitation-message',
  id: ({ messageId }) => `invitation-message-${messageId}`,
  options: ({ delayed }, tuning) => ({
    ...(delayed && tuning.updateDelayMs > 0 && { delay: tuning.updateDelayMs }),
    attempts: 8,
    backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  }),
});

/** The content id of the pass's QR image, as the invitation template names it (`cid:pass-qr@ngayhoi.vn`). */
export const PASS_QR_CID = 'pass-qr@ngayhoi.vn';

export type SendOutcome = 'sent' | 'already-sent' | 'superseded' | 'in-progress' | 'missing';

/**
 * Sends one recorded invitation e-mail. The row is claimed in Postgres first (status `sending`
 * with a lease), so a job delivered twice, or run by two workers at once, sends once; a sent or
 * superseded row is skipped. If the process dies between the SMTP answer and the final update, the
 * lease expires and the message is sent again with the same Message-ID and calendar UID/SEQUENCE:
 * at-least-once for that narrow window, never silently lost.
 */
@JobHandler(SendInvitationMessageJob)
@Injectable()
export class SendInvitationMessageHandler {
  private readonly logger = new Logger('InvitationMail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InvitationComposer,
    private readonly mailer: Mailer,
    private readonly claims: MessageClaims,
  ) {}

  async handle({ messageId }: JobPayload<typeof SendInvitationMessageJob>, context: JobContext): Promise<SendOutcome> {
    const claimed = await this.claim(messageId);
    if (typeof claimed === 'string') return claimed;
    const { message, contextRow } = claimed;
    try {
      if (!contextRow) throw new NotFoundError('lời mời', message.invitationId);
      const context = this.composer.contextOf(this.dataSource.manager, contextRow);
      const { method } = message;
      // A notice (method null) is a plain letter; every other message carries its calendar entry.
      // The message's view is computed once, for its e-mail and its letter alike.
      const view = method ? this.composer.emailView(context, message) : undefined;
      const request = method ? this.composer.compose(context, { ...message, method }, view) : null;
      const composed = request ?? this.composer.composeNotice(context, message);
      // The giấy mời goes with every REQUEST (first letter, resend, update): rendered before SMTP is
      // touched, so a letter that cannot be printed leaves the e-mail queued with the error, never sent bare.
      const letter = method === 'REQUEST' ? await this.composer.letterPdf(context, message, view) : null;
      // The pass's QR code, inline in the HTML body (cid), for the door's camera.
      const pass = request?.passCode ? passQrPng(request.passCode) : null;
      const sent = await this.mailer.send({
        to: composed.to,
        subject: composed.subject,
        html: composed.html,
        text: composed.text,
        messageId: `<${message.id}@ngayhoi.vn>`,
        ...(method &&
          'ics' in composed && { icalEvent: { method, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: composed.ics as string } }),
        attachments: [
          ...(letter ? [{ filename: letter.filename, content: letter.content, contentType: 'application/pdf' }] : []),
          ...(pass ? [{ filename: 'ma-the-qr.png', content: pass, contentType: 'image/png', cid: PASS_QR_CID }] : []),
        ],
        headers: { 'X-Ngayhoi-Invitation': message.invitationId },
      });
      // The message is sent, and its invitation follows (MessageClaims: one statement for the claims and sent-marks made meanwhile).
      await this.claims.recordSent(message.id, sent.messageId);
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Retries left: back to pending (BullMQ retries it, the reconciler finds it if Redis forgets).
      await this.dataSource.manager.update(
        InvitationMessage,
        { id: message.id, status: MessageStatus.Sending },
        { status: context.lastAttempt ? MessageStatus.Failed : MessageStatus.Pending, lastError: reason.slice(0, 2000), leaseUntil: null },
      );
      this.logger.warn({ messageId: message.id, attempt: context.attempt, lastAttempt: context.lastAttempt, error: reason }, 'invitation e-mail failed');
      throw error;
    }
  }

  /**
   * Claims the message (MessageClaims: one statement for the claims and sent-marks made meanwhile), with
   * its invitation's context read by the same statement (issue 21).
   */
  private async claim(messageId: string): Promise<{ message: InvitationMessage; contextRow: InvitationContextRow | null } | SendOutcome> {
    const row = await this.claims.claim(messageId);
    if (!row) return this.whyNotClaimed(messageId);
    if (row.status === MessageStatus.Superseded) return 'superseded';
    const message = Object.assign(new InvitationMessage(), {
      id: row.id,
      invitationId: row.invitation_id,
      sequence: row.sequence,
      method: row.method,
      kind: row.kind,
      reason: row.reason,
      previous: row.previous,
      status: row.status,
      attempts: row.attempts,
    });
    const { invitation, venue, year, theme, programme, letter } = row;
    return { message, contextRow: invitation ? { invitation, venue, year, theme, programme, letter } : null };
  }

  private async whyNotClaimed(messageId: string): Promise<SendOutcome> {
    const message = await this.dataSource.manager.findOneBy(InvitationMessage, { id: messageId });
    if (!message) return 'missing';
    if (message.status === MessageStatus.Sent) return 'already-sent';
    if (message.status === MessageStatus.Superseded) return 'superseded';
    return 'in-progress';
  }
}
