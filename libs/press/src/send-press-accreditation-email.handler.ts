import { join } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { instantToLocalTime, queryRows } from '@app/common';
import { AppConfig } from '@app/config';
import { EmailTemplates, Mailer } from '@app/mail';
import { passCode } from '@app/protocol';
import { provinceNames } from '@app/provinces';
import { defineJob, JobContext, JobHandler, JobPayload, KEEP_COMPLETED, KEEP_FAILED, QueueName } from '@app/queue';
import { findVenues } from '@app/venues';

/** The e-mail telling a journalist the organizer's decision (with the pass code when approved), sent once. */
export const SendPressAccreditationEmailJob = defineJob<{ accreditationId: string }>({
  queue: QueueName.Mail,
  name: 'send-press-accreditation-email',
  id: ({ accreditationId }) => `press-accreditation-${accreditationId}`,
  options: (_, tuning) => ({
    attempts: 8,
    backoff: { type: 'exponential', delay: tuning.mailRetryDelayMs },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
  }),
});

export type PressEmailOutcome = 'sent' | 'stale';

interface ClaimedAccreditation {
  id: string;
  venue_id: string;
  full_name: string;
  agency: string;
  email: string;
  status: 'approved' | 'refused';
  refusal_reason: string | null;
  attendee_key: string | null;
}

/** Templates beside this file in the sources; in a built worker under the lib's own path beside main.js (nest-cli.json's assets). */
const templates = new EmailTemplates([join(__dirname, 'templates'), join(__dirname, 'libs/press/src/templates')]);

/**
 * Sends the decision of one request: claims it under a lease (a second run while one is sending does
 * nothing), reads the venue now (payloads carry ids), sends, records. The pass code is derived, never
 * stored, exactly as the door checks it.
 */
@JobHandler(SendPressAccreditationEmailJob)
@Injectable()
export class SendPressAccreditationEmailHandler {
  private readonly logger = new Logger('PressAccreditationEmail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async handle({ accreditationId }: JobPayload<typeof SendPressAccreditationEmailJob>, context: JobContext): Promise<PressEmailOutcome> {
    const [claimed] = await queryRows<ClaimedAccreditation>(
      this.dataSource,
      `UPDATE press_accreditations
          SET email_status = 'sending', email_attempts = email_attempts + 1, email_lease_until = now() + make_interval(secs => $2::int), updated_at = now()
        WHERE id = $1 AND status IN ('approved', 'refused')
          AND (email_status = 'pending' OR (email_status = 'sending' AND email_lease_until < now()))
       RETURNING id, venue_id, full_name, agency, email, status, refusal_reason, attendee_key`,
      [accreditationId, this.config.SEND_LEASE_SECONDS],
    );
    if (!claimed) return 'stale';
    try {
      const [venue] = await findVenues(this.dataSource.manager, [claimed.venue_id]);
      if (!venue) throw new Error(`venue ${claimed.venue_id} of press accreditation ${claimed.id} is gone`);
      const province = (await provinceNames(this.dataSource.manager)).get(venue.provinceCode) ?? venue.provinceCode;
      const approved = claimed.status === 'approved';
      const rendered = templates.render(approved ? 'press-approved' : 'press-refused', {
        fullName: claimed.full_name,
        agency: claimed.agency,
        venueName: venue.name,
        provinceName: province,
        address: venue.address,
        date: venue.scheduledDate ?? '',
        time: venue.startsAt ? instantToLocalTime(venue.startsAt) : '',
        passCode: approved && claimed.attendee_key ? passCode(this.config.LINK_SECRET, venue.id, claimed.attendee_key) : '',
        reason: claimed.refusal_reason ?? '',
      });
      await this.mailer.send({
        to: { name: claimed.full_name, address: claimed.email },
        ...rendered,
        messageId: `<press-accreditation-${claimed.id}@ngayhoi.vn>`,
        headers: { 'X-Ngayhoi-Press-Accreditation': claimed.id },
      });
      await this.dataSource.query(
        `UPDATE press_accreditations SET email_status = 'sent', email_lease_until = NULL, email_error = NULL, updated_at = now() WHERE id = $1 AND email_status = 'sending'`,
        [claimed.id],
      );
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.dataSource.query(
        `UPDATE press_accreditations SET email_status = $2, email_error = $3, email_lease_until = NULL, updated_at = now() WHERE id = $1 AND email_status = 'sending'`,
        [claimed.id, context.lastAttempt ? 'failed' : 'pending', reason.slice(0, 2000)],
      );
      this.logger.warn({ accreditationId, attempt: context.attempt, lastAttempt: context.lastAttempt, error: reason }, 'press accreditation e-mail failed');
      throw error;
    }
  }
}
