import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions/editions.module';
import { ProvincesModule } from '@app/provinces/provinces.module';
import { VenuesModule } from '@app/venues/venues.module';
import { AssignmentEventsModule } from './assignment-events';
import { AssignmentsService } from './assignments.service';
import { Leader, LeaderParticipation, LeaderUnavailability, VenueLeaderAssignment } from './leader.entities';
import { LeadersController } from './leaders.controller';
import { LeadersService } from './leaders.service';

/** Owns leaders, their availability, their titles per edition and their venue assignments. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Leader, LeaderUnavailability, LeaderParticipation, VenueLeaderAssignment]),
    VenuesModule,
    EditionsModule,
    ProvincesModule,
    AssignmentEventsModule,
  ],
  controllers: [LeadersController],
  providers: [LeadersService, AssignmentsService],
  exports: [LeadersService, AssignmentsService],
})
export class LeadersModule {}
