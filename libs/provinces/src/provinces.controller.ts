import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FormerProvince, Province } from './province.entity';
import { ProvincesService } from './provinces.service';

@ApiTags('provinces')
@ApiBearerAuth()
@Controller('provinces')
export class ProvincesController {
  constructor(private readonly provinces: ProvincesService) {}

  /** The 34 provincial-level units in force, with centre and default region. */
  @Get()
  list(): Promise<Province[]> {
    return this.provinces.list();
  }

  /** The 63 former units and the unit each merged into (for older editions' data). */
  @Get('former')
  listFormer(): Promise<FormerProvince[]> {
    return this.provinces.listFormer();
  }
}
