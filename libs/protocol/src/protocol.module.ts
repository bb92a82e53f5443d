import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProgrammesModule } from '@app/programmes';
import { VenuesModule } from '@app/venues';
import { ProtocolController } from './protocol.controller';
import { ProtocolRolesController } from './protocol-roles.controller';
import { Greeter, SpeakingAssignment } from './protocol-roles.entities';
import { ProtocolRolesService } from './protocol-roles.service';
import { CheckIn, PrecedenceOverrideRow, SeatingPlan, VenueGuest } from './protocol.entities';
import { ProtocolService } from './protocol.service';

/**
 * Owns a venue's protocol (lễ tân): the province's guests, planners' precedence overrides and the
 * seating plan, the speakers of the programme's speaking slots and the delegates' greeters. Reads
 * accepted invitations, leaders' tiers and the venue's programme items through their libraries'
 * exported reads; writes nothing of theirs.
 */
@Module({
  imports: [TypeOrmModule.forFeature([VenueGuest, PrecedenceOverrideRow, SeatingPlan, CheckIn, SpeakingAssignment, Greeter]), VenuesModule, ProgrammesModule],
  controllers: [ProtocolController, ProtocolRolesController],
  providers: [ProtocolService, ProtocolRolesService],
  exports: [ProtocolService],
})
export class ProtocolModule {}
