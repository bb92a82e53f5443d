import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { ReconcilePressEmailsHandler } from './reconcile-press-emails.handler';
import { SendPressAccreditationEmailHandler } from './send-press-accreditation-email.handler';

/** The worker's half of press accreditation: e-mailing decisions, and re-enqueueing those Redis lost. */
@Module({
  imports: [MailModule],
  providers: [SendPressAccreditationEmailHandler, ReconcilePressEmailsHandler],
})
export class PressWorkerModule {}
