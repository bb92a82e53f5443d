import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentEventsModule } from '@app/leaders';
import { RemindersModule } from '@app/reminders';
import { VenuesModule } from '@app/venues';
import { CalendarFeed, Invitation, InvitationMessage } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { PublicIntake } from './public-intake';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';

/**
 * Owns invitations, their e-mails and calendar entries, RSVP and feeds (API side: records and
 * enqueues). Sending lives in InvitationsWorkerModule, loaded by the worker app only.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Invitation, InvitationMessage, CalendarFeed]), VenuesModule, RemindersModule, AssignmentEventsModule],
  controllers: [InvitationsController, RsvpController],
  providers: [InvitationsService, RsvpService, InvitationComposer, PublicIntake],
  exports: [InvitationsService, InvitationComposer, PublicIntake],
})
export class InvitationsModule {}
