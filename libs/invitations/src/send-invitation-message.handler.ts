import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Mailer } from '@app/mail';
import { JobContext, JobHandler, JobName, JobPayloads } from '@app/queue';
import { Invitation, InvitationMessage, InvitationStatus, MessageStatus } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';

/** How long a claimed message is reserved for its sender before another run may take it over. */
const LEASE = "interval '2 minutes'";

export type SendOutcome = 'sent' | 'already-sent' | 'superseded' | 'in-progress' | 'missing';

/**
 * Sends one recorded invitation e-mail. The row is claimed in Postgres first (status `sending`
 * with a lease), so a job delivered twice, or run by two workers at once, sends once; a sent or
 * superseded row is skipped. If the process dies between the SMTP answer and the final update, the
 * lease expires and the message is sent again with the same Message-ID and calendar UID/SEQUENCE:
 * at-least-once for that narrow window, never silently lost.
 */
@Injectable()
export class SendInvitationMessageHandler implements JobHandler<JobName.SendInvitationMessage> {
  readonly jobName = JobName.SendInvitationMessage;
  private readonly logger = new Logger('InvitationMail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InvitationComposer,
    private readonly mailer: Mailer,
  ) {}

  async handle({ messageId }: JobPayloads[JobName.SendInvitationMessage], context: JobContext): Promise<SendOutcome> {
    const claim = await this.claim(messageId);
    if (typeof claim === 'string') return claim;
    const { message } = claim;
    try {
      const composed = this.composer.compose(await this.composer.load(this.dataSource.manager, message.invitationId), message);
      const sent = await this.mailer.send({
        to: composed.to,
        subject: composed.subject,
        html: composed.html,
        text: composed.text,
        messageId: `<${message.id}@ngayhoi.vn>`,
        icalEvent: { method: composed.method, filename: composed.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content: composed.ics },
        headers: { 'X-Ngayhoi-Invitation': message.invitationId },
      });
      await this.dataSource.transaction(async (manager) => {
        await manager.update(InvitationMessage, { id: message.id }, { status: MessageStatus.Sent, sentAt: new Date(), smtpMessageId: sent.messageId, lastError: null, leaseUntil: null });
        if (message.method === 'REQUEST') {
          await manager.update(Invitation, { id: message.invitationId, status: InvitationStatus.Queued, sequence: message.sequence }, { status: InvitationStatus.Sent });
        }
      });
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

  private async claim(messageId: string): Promise<{ message: InvitationMessage } | SendOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(InvitationMessage, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
      if (!message) return 'missing';
      if (message.status === MessageStatus.Sent) return 'already-sent';
      if (message.status === MessageStatus.Superseded) return 'superseded';
      if (message.status === MessageStatus.Sending && message.leaseUntil && message.leaseUntil > new Date()) return 'in-progress';
      const invitation = await manager.findOneByOrFail(Invitation, { id: message.invitationId });
      const stale = message.method === 'REQUEST' && (invitation.sequence > message.sequence || invitation.status === InvitationStatus.Withdrawn);
      if (stale) {
        await manager.update(InvitationMessage, { id: message.id }, { status: MessageStatus.Superseded });
        return 'superseded';
      }
      const [claimed] = await manager.query(
        `UPDATE invitation_messages SET status = 'sending', attempts = attempts + 1, last_attempt_at = now(), lease_until = now() + ${LEASE}
          WHERE id = $1 RETURNING attempts`,
        [message.id],
      );
      message.attempts = claimed.attempts;
      return { message };
    });
  }
}
