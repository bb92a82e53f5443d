import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentEventsModule, LeadersModule } from '@app/leaders';
import { RemindersModule } from '@app/reminders';
import { VenuesModule } from '@app/venues';
import { CalendarFeed, Invitation, InvitationMessage, InvitationReply } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { InvitationsController, VenueAnswersController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';

/**
 * Owns invitations, their e-mails and calendar entries, RSVP and feeds (API side: records and
 * enqueues). Sending lives in InvitationsWorkerModule, loaded by the worker app only.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Invitation, InvitationMessage, InvitationReply, CalendarFeed]),
    VenuesModule,
    RemindersModule,
    AssignmentEventsModule,
    LeadersModule,
  ],
  controllers: [InvitationsController, VenueAnswersController, RsvpController],
  providers: [InvitationsService, RsvpService, InvitationComposer],
  exports: [InvitationsService, InvitationComposer],
})
export class InvitationsModule {}
