// Provinces: the module and service, the Province entity and its data, regions, names and lookup.
export { PROVINCES } from './province-data';
export type { ProvinceRecord } from './province-data';
export { provinceByCode, provinceName } from './province-lookup';
export { provinceCodesMatching, provinceNames } from './province-names';
export { Province } from './province.entity';
export { ProvincesModule } from './provinces.module';
export { ProvincesService } from './provinces.service';
export { PRIORITY_REGIONS, REGION_NAMES, Region } from './region';
