import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VenuesModule } from '@app/venues';
import { ProtocolController } from './protocol.controller';
import { CheckIn, PrecedenceOverrideRow, SeatingPlan, VenueGuest } from './protocol.entities';
import { ProtocolService } from './protocol.service';

/**
 * Owns a venue's protocol (lễ tân): the province's guests, planners' precedence overrides and the
 * seating plan. Reads accepted invitations and leaders' tiers through their libraries' exported reads;
 * writes nothing of theirs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([VenueGuest, PrecedenceOverrideRow, SeatingPlan, CheckIn]), VenuesModule],
  controllers: [ProtocolController],
  providers: [ProtocolService],
  exports: [ProtocolService],
})
export class ProtocolModule {}
