import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EditionsModule } from '@app/editions/editions.module';
import { VenuesModule } from '@app/venues/venues.module';
import { ProgrammeItem, ProgrammeTemplateItem } from './programme.entities';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesService } from './programmes.service';

/** Owns each venue's programme and each edition's programme template. */
@Module({
  imports: [TypeOrmModule.forFeature([ProgrammeItem, ProgrammeTemplateItem]), VenuesModule, EditionsModule],
  controllers: [ProgrammesController],
  providers: [ProgrammesService],
  exports: [ProgrammesService],
})
export class ProgrammesModule {}
