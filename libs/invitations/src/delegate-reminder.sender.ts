import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Mailer } from '@app/mail';
import { ReminderKind, ReminderSenders } from '@app/reminders';
import type { Reminder } from '@app/reminders';
import { InvitationComposer } from './invitation-composer';

/**
 * Delegates' reminders go out through the invitations' e-mail path: the same details, contact and
 * RSVP link. The Message-ID is stable per reminder revision, so a resend after a crash is recognisable.
 */
@Injectable()
export class DelegateReminderSender implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: InvitationComposer,
    private readonly mailer: Mailer,
    private readonly senders: ReminderSenders,
  ) {}

  onModuleInit(): void {
    this.senders.register(ReminderKind.DelegateEvent, (reminder) => this.send(reminder));
  }

  async send(reminder: Reminder): Promise<{ messageId: string }> {
    if (!reminder.recipientEmail) throw new Error(`delegate reminder ${reminder.id} has no recipient address`);
    const context = await this.composer.load(this.dataSource.manager, reminder.subjectId);
    const composed = this.composer.composeReminder(context, reminder.offsetMinutes);
    return this.mailer.send({
      to: { name: reminder.recipientName, address: reminder.recipientEmail },
      subject: composed.subject,
      html: composed.html,
      text: composed.text,
      messageId: `<reminder-${reminder.id}-r${reminder.revision}@ngayhoi.vn>`,
      headers: { 'X-Ngayhoi-Reminder': reminder.id },
    });
  }
}
