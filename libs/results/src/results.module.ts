import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VenuesModule } from '@app/venues';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';
import { VenueResult } from './venue-result.entity';

/**
 * Results after the festival day (issue 20): each venue's attendance, key figures and short report,
 * the edition report per region and province (JSON, XLSX, PDF) and two editions compared. Owns
 * venue_results; reads venues, accepted invitations, budget lines and tasks through their libraries.
 */
@Module({
  imports: [TypeOrmModule.forFeature([VenueResult]), VenuesModule],
  controllers: [ResultsController],
  providers: [ResultsService],
})
export class ResultsModule {}
