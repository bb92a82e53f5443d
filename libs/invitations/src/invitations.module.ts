import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentEventsModule } from '@app/leaders';
import { RemindersModule } from '@app/reminders';
import { VenuesModule } from '@app/venues';
import { CalendarFeed } from './feeds/calendar-feed.entity';
import { CalendarFeedsController } from './feeds/calendar-feeds.controller';
import { CalendarFeedsService } from './feeds/calendar-feeds.service';
import { Invitation, InvitationMessage } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';

/**
 * Owns invitations, their e-mails and calendar entries, RSVP and feeds (API side: records and
 * enqueues). Sending lives in InvitationsWorkerModule, loaded by the worker app only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Invitation, InvitationMessage, CalendarFeed]), VenuesModule, RemindersModule, AssignmentEventsModule],
  controllers: [InvitationsController, RsvpController, CalendarFeedsController],
  providers: [InvitationsService, RsvpService, InvitationComposer, CalendarFeedsService],
  exports: [InvitationsService, InvitationComposer],
})
export class InvitationsModule {}
