import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions';
import { ProvincesModule } from '@app/provinces';
import { VenueChangeProposal } from './change-proposals/venue-change-proposal.entity';
import { VenueChangeProposalsController } from './change-proposals/venue-change-proposals.controller';
import { VenueChangeProposalsService } from './change-proposals/venue-change-proposals.service';
import { ScheduledVenuesInsideWindow } from './edition-window.check';
import { Venue } from './venue.entity';
import { VenueEvents } from './venue-events';
import { VenueScheduleChecks } from './venue-schedule-checks';
import { VenuesController } from './venues.controller';
import { VenuesService } from './venues.service';

/**
 * Owns festival points and their workflow. Programmes, leaders and logistics hang off a venue in their
 * own libs: they follow its changes (VenueEvents) and check a new date or hours (VenueScheduleChecks);
 * this library reads none of their tables.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Venue, VenueChangeProposal]), EditionsModule, ProvincesModule],
  controllers: [VenuesController, VenueChangeProposalsController],
  providers: [VenuesService, VenueEvents, VenueScheduleChecks, ScheduledVenuesInsideWindow, VenueChangeProposalsService],
  exports: [VenuesService, VenueEvents, VenueScheduleChecks],
})
export class VenuesModule {}
