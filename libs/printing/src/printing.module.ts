import { Module } from '@nestjs/common';
import { LeadersModule } from '@app/leaders';
import { LogisticsModule } from '@app/logistics';
import { ProgrammesModule } from '@app/programmes';
import { ProvincesModule } from '@app/provinces';
import { VenuesModule } from '@app/venues';
import { PrintingController } from './printing.controller';
import { VenueSheetService } from './venue-sheet.service';

/**
 * Printable sheets (issue 18): a venue's programme, checklist and guest list as PDF. Owns no table:
 * each part is read through its owning library with the reader's rights.
 */
@Module({
  imports: [VenuesModule, ProvincesModule, ProgrammesModule, LogisticsModule, LeadersModule],
  controllers: [PrintingController],
  providers: [VenueSheetService],
})
export class PrintingModule {}
