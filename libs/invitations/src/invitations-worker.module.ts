import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@app/mail';
import { DelegateReminderSender } from './delegate-reminder.sender';
import { CalendarFeed } from './feeds/calendar-feed.entity';
import { SendFeedLinkHandler } from './feeds/send-feed-link.handler';
import { Invitation, InvitationMessage } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { ReconcileInvitationMessagesHandler } from './reconcile-invitation-messages.handler';
import { SendInvitationMessageHandler } from './send-invitation-message.handler';
import { MessageClaims } from './message-claims';

/** The worker's half of invitations: sending recorded e-mails and feed links, and reconciling lost jobs. */
@Module({
  imports: [TypeOrmModule.forFeature([Invitation, InvitationMessage, CalendarFeed]), MailModule],
  providers: [InvitationComposer, MessageClaims, SendInvitationMessageHandler, ReconcileInvitationMessagesHandler, DelegateReminderSender, SendFeedLinkHandler],
  exports: [SendInvitationMessageHandler, ReconcileInvitationMessagesHandler],
})
export class InvitationsWorkerModule {}
