import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MicroBatch, preparedRows } from '@app/common';
import { AppConfig } from '@app/config';
import { CONTEXT_COLUMNS, CONTEXT_FROM, InvitationContextRow } from './invitation-composer';
import { InvitationMessage, MessageStatus } from './invitation.entities';
import { ENDED_STATUSES, statusesAllowing, targetOf } from './invitation-workflow';

/** A claimed (or superseded) message as the claim statement returns it, with its invitation's context when claimed. */
export type ClaimedRow = {
  id: string;
  invitation_id: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL' | null;
  kind: InvitationMessage['kind'];
  reason: string | null;
  previous: InvitationMessage['previous'];
  status: MessageStatus;
  attempts: number;
} & ({ [column in keyof InvitationContextRow]: InvitationContextRow[column] } | { [column in keyof InvitationContextRow]: null });

/** The workflow's 'sent' event, applied in SQL: from which statuses, to which. */
const SENT_FROM = statusesAllowing('sent');
const SENT_TO = targetOf('sent');

/**
 * The one statement of a batch (see MessageClaims), its sent-marks and its claims as CTEs.
 * Sent-marks: $1 the message ids, $2 their SMTP Message-IDs, $3/$4 the 'sent' event's from and to statuses.
 * Claims: $5 the message ids, $6 the lease in seconds, $7 the ended statuses. All of it commits or fails together.
 *
 * A message being marked sent is never claimed by the same statement (`<> ALL($1)`): PostgreSQL leaves
 * a row changed twice in one statement to whichever change comes last, so the sent-mark must be the
 * only one (the claim then finds nothing, and its caller reads the row: already sent). The data-modifying
 * CTEs `sent` and `followed` run to completion though the main query reads neither.
 */
const STATEMENT_SQL = `WITH sent AS (
     UPDATE invitation_messages m
        SET status = 'sent', sent_at = now(), smtp_message_id = s.smtp_message_id, last_error = NULL, lease_until = NULL
       FROM unnest($1::uuid[], $2::text[]) AS s(id, smtp_message_id)
      WHERE m.id = s.id
     RETURNING m.invitation_id, m.sequence, m.method),
   followed AS (
     UPDATE invitations i SET status = $4::invitation_status, updated_at = now(), version = i.version + 1
       FROM sent WHERE sent.method = 'REQUEST' AND i.id = sent.invitation_id AND i.status = ANY($3::invitation_status[]) AND i.sequence = sent.sequence),
   target AS (
     SELECT m.id, (m.method = 'REQUEST' AND (i.sequence > m.sequence OR i.status = ANY($7::invitation_status[]))) AS stale
       FROM invitation_messages m JOIN invitations i ON i.id = m.invitation_id
      WHERE m.id = ANY($5::uuid[]) AND m.id <> ALL($1::uuid[])
        AND (m.status IN ('pending', 'failed') OR (m.status = 'sending' AND m.lease_until < now()))
      ORDER BY m.id
      FOR UPDATE OF m),
   claimed AS (
     UPDATE invitation_messages m
        SET status = CASE WHEN target.stale THEN 'superseded'::message_status ELSE 'sending'::message_status END,
            attempts = m.attempts + CASE WHEN target.stale THEN 0 ELSE 1 END,
            last_attempt_at = CASE WHEN target.stale THEN m.last_attempt_at ELSE now() END,
            lease_until = CASE WHEN target.stale THEN NULL ELSE now() + make_interval(secs => $6::int) END
       FROM target WHERE m.id = target.id
     RETURNING m.id, m.invitation_id, m.sequence, m.method, m.kind, m.reason, m.previous, m.status, m.attempts)
 SELECT claimed.*, context.*
   FROM claimed
   LEFT JOIN LATERAL (SELECT ${CONTEXT_COLUMNS} FROM ${CONTEXT_FROM} WHERE i.id = claimed.invitation_id AND claimed.status = 'sending') context ON true`;

/** One call of a batch: a claim (`claim`: the message id), or a sent-mark (`sent`: the message id and its SMTP Message-ID). */
type Call = { claim: string; sent?: undefined } | { sent: string; smtpMessageId: string; claim?: undefined };

/**
 * The invitation worker's writes of its messages' rows, in batches (issue 21): the claim of a message
 * before it is sent, and the mark that it was sent. While one statement is in flight, the claims and
 * sent-marks made meanwhile (MAIL_CONCURRENCY jobs run at once: some start, some finish) wait and go
 * together in the next, one statement for both, so a busy worker plans and sends one statement for
 * several e-mails' claims and marks instead of one each (or one for each kind), and an idle one still
 * writes each at once. Each caller's promise settles with its statement; a failed statement is run again
 * for each of its calls alone, one after another, so one message does not fail the others' jobs (only
 * those that still fail fail their job, and BullMQ retries it).
 *
 * A claim: a stale REQUEST (a newer revision exists, or the invitation has ended: the workflow's
 * ENDED_STATUSES) becomes `superseded`; a pending, failed, or abandoned (`sending` past its lease)
 * message becomes `sending` under a new lease, and comes back with its invitation's context (the
 * composer's CONTEXT_COLUMNS). Anything else is left alone and not returned. Rows are locked in id order,
 * so two workers claiming overlapping batches wait for each other instead of deadlocking. A message
 * asked for twice in one batch (a job delivered twice) is claimed for the first caller only.
 *
 * A sent-mark: the message is sent, and a REQUEST of the current revision applies the workflow's 'sent'
 * event to its invitation where it applies (a queued invitation becomes sent; nothing else moves). A job
 * completes only once its row says sent; a message whose own mark fails fails its job (it is then resent
 * under the same Message-ID).
 */
@Injectable()
export class MessageClaims {
  private readonly statements = new MicroBatch<Call, ClaimedRow | undefined>((calls) => this.run(calls), { retryAlone: true });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The message claimed (or found stale and superseded), or undefined when it cannot be claimed now. */
  claim(messageId: string): Promise<ClaimedRow | undefined> {
    return this.statements.call({ claim: messageId });
  }

  /** Marks a claimed message sent (and its invitation, as the workflow says); settles once the row says so. */
  async recordSent(messageId: string, smtpMessageId: string): Promise<void> {
    await this.statements.call({ sent: messageId, smtpMessageId });
  }

  /** Each claim gets its row (one asked for twice, only its first caller); each sent-mark, nothing. */
  private async run(calls: Call[]): Promise<(ClaimedRow | undefined)[]> {
    const claims = new Set<string>();
    const sentIds: string[] = [];
    const smtpIds: string[] = [];
    for (const call of calls) {
      if (call.claim !== undefined) claims.add(call.claim);
      else {
        sentIds.push(call.sent);
        smtpIds.push(call.smtpMessageId);
      }
    }
    const rows = await this.statement(sentIds, smtpIds, [...claims]);
    const claimed = new Map(rows.map((row) => [row.id, row]));
    return calls.map((call) => {
      if (call.claim === undefined) return undefined;
      const row = claimed.get(call.claim);
      claimed.delete(call.claim);
      return row;
    });
  }

  private statement(sentIds: string[], smtpIds: string[], claimIds: string[]): Promise<ClaimedRow[]> {
    // Prepared (parsed and planned once a connection): a worker runs it for every few e-mails (issue 21).
    return preparedRows<ClaimedRow>(this.dataSource, 'invitation-message-statements', STATEMENT_SQL, [
      sentIds,
      smtpIds,
      SENT_FROM,
      SENT_TO,
      claimIds,
      this.config.SEND_LEASE_SECONDS,
      ENDED_STATUSES,
    ]);
  }
}
