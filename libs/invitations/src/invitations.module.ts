import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions';
import { AssignmentEventsModule, LeadersModule } from '@app/leaders';
import { ProgrammeEventsModule } from '@app/programmes';
import { RemindersModule } from '@app/reminders';
import { VenuesModule } from '@app/venues';
import { CalendarFeed } from './feeds/calendar-feed.entity';
import { CalendarFeedsController } from './feeds/calendar-feeds.controller';
import { CalendarFeedsService } from './feeds/calendar-feeds.service';
import { Invitation, InvitationMessage, InvitationReply } from './invitation.entities';
import { InvitationComposer } from './invitation-composer';
import { InvitationsController, VenueAnswersController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { InvitationLetterCounter, InvitationLetterSettings } from './letter/letter.entities';
import { LetterDownloadService } from './letter/letter-download.service';
import { LetterSettingsService } from './letter/letter-settings.service';
import { LettersController } from './letter/letters.controller';
import { PublicIntake } from './public-intake';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';

/**
 * Owns invitations, their e-mails and calendar entries, RSVP and feeds (API side: records and
 * enqueues). Sending lives in InvitationsWorkerModule, loaded by the worker app only.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Invitation, InvitationMessage, InvitationReply, CalendarFeed, InvitationLetterSettings, InvitationLetterCounter]),
    VenuesModule,
    RemindersModule,
    AssignmentEventsModule,
    EditionsModule,
    LeadersModule,
    ProgrammeEventsModule,
  ],
  controllers: [InvitationsController, VenueAnswersController, RsvpController, LettersController, CalendarFeedsController],
  providers: [InvitationsService, RsvpService, InvitationComposer, LetterSettingsService, LetterDownloadService, PublicIntake, CalendarFeedsService],
  exports: [InvitationsService, InvitationComposer, PublicIntake],
})
export class InvitationsModule {}
