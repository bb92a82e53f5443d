import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Edition } from './edition.entity';
import { EditionsController } from './editions.controller';
import { EditionsService } from './editions.service';

/** Owns festival editions (year, theme, window, status). Knows nothing of venues beyond one guard query. */
@Module({
  imports: [TypeOrmModule.forFeature([Edition])],
  controllers: [EditionsController],
  providers: [EditionsService],
  exports: [EditionsService],
})
export class EditionsModule {}
