import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BusinessRuleError } from '@app/common';
import { FormerProvince, Province } from './province.entity';

@Injectable()
export class ProvincesService {
  constructor(
    @InjectRepository(Province) private readonly provinces: Repository<Province>,
    @InjectRepository(FormerProvince) private readonly formerProvinces: Repository<FormerProvince>,
  ) {}

  list(): Promise<Province[]> {
    return this.provinces.find({ order: { code: 'ASC' } });
  }

  listFormer(): Promise<FormerProvince[]> {
    return this.formerProvinces.find({ order: { code: 'ASC' } });
  }

  /** The province of `code`, or a 422 naming the unknown code. */
  async require(code: string): Promise<Province> {
    const province = await this.provinces.findOneBy({ code });
    if (!province) {
      throw new BusinessRuleError('UNKNOWN_PROVINCE', `Mã tỉnh, thành phố "${code}" không tồn tại.`, { code });
    }
    return province;
  }
}
