import { Module } from '@nestjs/common';
import { MailModule } from '@app/mail';
import { SendPressAccreditationEmailHandler } from './send-press-accreditation-email.handler';

/** The worker's half of press accreditation: e-mailing decisions. */
@Module({
  imports: [MailModule],
  providers: [SendPressAccreditationEmailHandler],
})
export class PressWorkerModule {}
