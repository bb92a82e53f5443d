import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@app/auth';
import { VenuesModule } from '@app/venues';
import { DayBoardController } from './day-board.controller';
import { DayBoardStreams } from './day-board-streams';
import { DayBoardService } from './day-board.service';
import { VenueDayState } from './venue-day-state.entity';

/**
 * The festival day's live board (issue 20): owns venue_day_states, each scheduled venue's state on its
 * day, and the board's live streams (Redis pub/sub across API instances). Reads venues through their
 * library's read model; touches no other library's tables. API only: the worker has nothing to do here.
 */
@Module({
  imports: [TypeOrmModule.forFeature([VenueDayState]), VenuesModule, AuthModule],
  controllers: [DayBoardController],
  providers: [DayBoardService, DayBoardStreams],
})
export class DayBoardModule {}
