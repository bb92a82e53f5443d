import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions/editions.module';
import { ProvincesModule } from '@app/provinces/provinces.module';
import { Venue } from './venue.entity';
import { VenueEvents } from './venue-events';
import { VenuesController } from './venues.controller';
import { VenuesService } from './venues.service';

/** Owns festival points and their workflow. Programmes and logistics hang off a venue in their own libs. */
@Module({
  imports: [TypeOrmModule.forFeature([Venue]), EditionsModule, ProvincesModule],
  controllers: [VenuesController],
  providers: [VenuesService, VenueEvents],
  exports: [VenuesService, VenueEvents],
})
export class VenuesModule {}
