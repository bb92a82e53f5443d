import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MicroBatch, preparedRows } from '@app/common';
import { AppConfig } from '@app/config';
import { CONTEXT_COLUMNS, CONTEXT_FROM, InvitationContextRow } from './invitation-composer';
import { InvitationMessage, MessageStatus } from './invitation.entities';
import { ENDED_STATUSES } from './invitation-workflow';

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

/** The claim statement (see MessageClaims): $1 the message ids, $2 the lease in seconds, $3 the ended statuses. */
const CLAIM_SQL = `WITH target AS (
     SELECT m.id, (m.method = 'REQUEST' AND (i.sequence > m.sequence OR i.status = ANY($3::invitation_status[]))) AS stale
       FROM invitation_messages m JOIN invitations i ON i.id = m.invitation_id
      WHERE m.id = ANY($1::uuid[])
        AND (m.status IN ('pending', 'failed') OR (m.status = 'sending' AND m.lease_until < now()))
      ORDER BY m.id
      FOR UPDATE OF m),
   claimed AS (
     UPDATE invitation_messages m
        SET status = CASE WHEN target.stale THEN 'superseded'::message_status ELSE 'sending'::message_status END,
            attempts = m.attempts + CASE WHEN target.stale THEN 0 ELSE 1 END,
            last_attempt_at = CASE WHEN target.stale THEN m.last_attempt_at ELSE now() END,
            lease_until = CASE WHEN target.stale THEN NULL ELSE now() + make_interval(secs => $2::int) END
       FROM target WHERE m.id = target.id
     RETURNING m.id, m.invitation_id, m.sequence, m.method, m.kind, m.reason, m.previous, m.status, m.attempts)
 SELECT claimed.*, context.*
   FROM claimed
   LEFT JOIN LATERAL (SELECT ${CONTEXT_COLUMNS} FROM ${CONTEXT_FROM} WHERE i.id = claimed.invitation_id AND claimed.status = 'sending') context ON true`;

/**
 * Claims invitation messages for sending, in batches (issue 21), as SentMessages records them: while
 * one claim statement is in flight, the messages whose jobs start meanwhile (MAIL_CONCURRENCY of them
 * run at once) wait and are claimed together by the next, so a busy worker plans and sends one
 * statement per batch instead of one per e-mail, and an idle one still claims each message at once.
 *
 * One statement: a stale REQUEST (a newer revision exists, or the invitation has ended: the workflow's
 * ENDED_STATUSES) becomes `superseded`; a pending, failed, or abandoned (`sending` past its lease)
 * message becomes `sending` under a new lease, and comes back with its invitation's context (the
 * composer's CONTEXT_COLUMNS). Anything else is left alone and not returned. Rows are locked in id order,
 * so two workers claiming overlapping batches wait for each other instead of deadlocking. A message
 * asked for twice in one batch (a job delivered twice) is claimed for the first caller only.
 */
@Injectable()
export class MessageClaims {
  // A failed batch is claimed again one message at a time: one message must not fail the others' jobs
  // (only those that still fail fail their job, and BullMQ retries it).
  private readonly claims = new MicroBatch<string, ClaimedRow | undefined>((messageIds) => this.claimBatch(messageIds), { retryAlone: true });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The message claimed (or found stale and superseded), or undefined when it cannot be claimed now. */
  claim(messageId: string): Promise<ClaimedRow | undefined> {
    return this.claims.call(messageId);
  }

  /** Each message asked for gets its row; one asked for twice, only its first caller. */
  private async claimBatch(messageIds: string[]): Promise<(ClaimedRow | undefined)[]> {
    const claimed = new Map((await this.claimAll([...new Set(messageIds)])).map((row) => [row.id, row]));
    return messageIds.map((messageId) => {
      const row = claimed.get(messageId);
      claimed.delete(messageId);
      return row;
    });
  }

  private claimAll(messageIds: string[]): Promise<ClaimedRow[]> {
    // Prepared (parsed and planned once a connection): a worker runs it for every few e-mails (issue 21).
    return preparedRows<ClaimedRow>(this.dataSource, 'invitation-message-claims', CLAIM_SQL, [messageIds, this.config.SEND_LEASE_SECONDS, ENDED_STATUSES]);
  }
}
