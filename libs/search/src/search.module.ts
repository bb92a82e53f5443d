import { Module } from '@nestjs/common';
import { InvitationsModule } from '@app/invitations';
import { LeadersModule } from '@app/leaders';
import { LogisticsModule } from '@app/logistics';
import { VenuesModule } from '@app/venues';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/**
 * The console's one search box (issue 18). Owns no table: each feature library searches its own rows
 * and applies its own need-to-know; this only asks them and puts the pages together.
 */
@Module({
  imports: [VenuesModule, LeadersModule, LogisticsModule, InvitationsModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
