import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProtocolModule } from '@app/protocol';
import { VenuesModule } from '@app/venues';
import { PressAccreditation } from './press-accreditation.entity';
import { PressController, PublicPressController } from './press.controller';
import { PressRateLimitGuard } from './press-rate-limit.guard';
import { PressService } from './press.service';

/**
 * Press accreditation (issue 20): the public request form (rate-limited, honeypot), organizers'
 * decisions, a pass for approved journalists (through the protocol library, which owns guests and
 * passes) and the decision e-mailed through the mail queue. Owns press_accreditations.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PressAccreditation]), VenuesModule, ProtocolModule],
  controllers: [PublicPressController, PressController],
  providers: [PressService, PressRateLimitGuard],
})
export class PressModule {}
