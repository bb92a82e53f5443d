import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MicroBatch, preparedRows } from '@app/common';
import { statusesAllowing, targetOf } from './invitation-workflow';

/** The workflow's 'sent' event, applied in SQL: from which statuses, to which. */
const SENT_FROM = statusesAllowing('sent');
const SENT_TO = targetOf('sent');

interface Sent {
  messageId: string;
  smtpMessageId: string;
}

/**
 * Records sent invitation messages in batches (issue 21): while one UPDATE is in flight, the messages
 * sent meanwhile (MAIL_CONCURRENCY of them send at once) wait and go in the next one, so a busy worker
 * writes one statement per batch instead of one per e-mail, and an idle one still records each message
 * at once. Each caller's promise settles with its batch: a job completes only once its row says sent;
 * when a batch fails, its messages are recorded one by one, and a message whose own update fails fails
 * its job (it is then resent under the same Message-ID, as when the single update failed before). One statement per batch: the messages are sent, and a REQUEST of the
 * current revision applies the workflow's 'sent' event to its invitation where it applies (a queued
 * invitation becomes sent; nothing else moves).
 */
@Injectable()
export class SentMessages {
  // A failed batch is recorded again one message at a time (every message of it has been sent: a failed
  // job is sent again), so only the messages whose own update fails fail their job.
  private readonly sent = new MicroBatch<Sent, void>((batch) => this.update(batch).then(() => batch.map(() => undefined)), { retryAlone: true });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(messageId: string, smtpMessageId: string): Promise<void> {
    return this.sent.call({ messageId, smtpMessageId });
  }

  private update(batch: readonly Sent[]): Promise<unknown> {
    // Prepared (parsed and planned once a connection): a worker runs it for every few e-mails (issue 21).
    return preparedRows(
      this.dataSource,
      'invitation-messages-sent',
      `WITH sent AS (
         UPDATE invitation_messages m
            SET status = 'sent', sent_at = now(), smtp_message_id = s.smtp_message_id, last_error = NULL, lease_until = NULL
           FROM unnest($1::uuid[], $2::text[]) AS s(id, smtp_message_id)
          WHERE m.id = s.id
         RETURNING m.invitation_id, m.sequence, m.method)
       UPDATE invitations i SET status = $4::invitation_status, updated_at = now(), version = i.version + 1
         FROM sent WHERE sent.method = 'REQUEST' AND i.id = sent.invitation_id AND i.status = ANY($3::invitation_status[]) AND i.sequence = sent.sequence`,
      [batch.map((entry) => entry.messageId), batch.map((entry) => entry.smtpMessageId), SENT_FROM, SENT_TO],
    );
  }
}
