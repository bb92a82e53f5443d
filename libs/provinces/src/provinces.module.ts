import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FormerProvince, Province } from './province.entity';
import { ProvincesController } from './provinces.controller';
import { ProvincesService } from './provinces.service';

/** Owns the provincial-level units and the 2025 merger mapping. Reference data, read-only at run time. */
@Module({
  imports: [TypeOrmModule.forFeature([Province, FormerProvince])],
  controllers: [ProvincesController],
  providers: [ProvincesService],
  exports: [ProvincesService],
})
export class ProvincesModule {}
