import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Edition } from './edition.entity';
import { EditionWindowChecks } from './edition-window-checks';
import { EditionsController } from './editions.controller';
import { EditionsService } from './editions.service';

/**
 * Owns festival editions (year, theme, window, status). Knows nothing of venues: the venues library
 * adds its check on a narrowed window to EditionWindowChecks.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Edition])],
  controllers: [EditionsController],
  providers: [EditionsService, EditionWindowChecks],
  exports: [EditionsService, EditionWindowChecks],
})
export class EditionsModule {}
