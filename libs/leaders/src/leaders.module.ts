import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions';
import { ProvincesModule } from '@app/provinces';
import { VenuesModule } from '@app/venues';
import { AssignmentEventsModule } from './assignment-events';
import { AssignmentsService } from './assignments.service';
import { Leader, LeaderParticipation, LeaderUnavailability, VenueLeaderAssignment } from './leader.entities';
import { LeadersController } from './leaders.controller';
import { LeadersService } from './leaders.service';
import { AssignedLeadersFreeOnVenueDate } from './venue-schedule.check';

/**
 * Owns leaders, their availability, their titles per edition and their venue assignments; refuses a
 * venue's new date that an assigned leader cannot make (a check added to the venues library's
 * VenueScheduleChecks).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Leader, LeaderUnavailability, LeaderParticipation, VenueLeaderAssignment]),
    VenuesModule,
    EditionsModule,
    ProvincesModule,
    AssignmentEventsModule,
  ],
  controllers: [LeadersController],
  providers: [LeadersService, AssignmentsService, AssignedLeadersFreeOnVenueDate],
  exports: [LeadersService, AssignmentsService],
})
export class LeadersModule {}
