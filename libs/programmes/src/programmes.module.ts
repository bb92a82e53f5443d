import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions';
import { VenuesModule } from '@app/venues';
import { ProgrammeItem, ProgrammeTemplateItem } from './programme.entities';
import { ProgrammeEventsModule } from './programme-events';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';
import { ProgrammeFitsVenueHours } from './venue-hours.check';

/**
 * Owns each venue's programme and each edition's programme template; refuses a venue's new hours that
 * would leave items outside them (a check added to the venues library's VenueScheduleChecks). Tells
 * whoever follows a venue's programme of every change (ProgrammeEvents: the invitations send updates).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ProgrammeItem, ProgrammeTemplateItem]), VenuesModule, EditionsModule, ProgrammeEventsModule],
  controllers: [ProgrammesController],
  providers: [ProgrammesService, ProgrammeFitsVenueHours],
  exports: [ProgrammesService],
})
export class ProgrammesModule {}
