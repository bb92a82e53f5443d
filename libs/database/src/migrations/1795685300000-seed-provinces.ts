import { MigrationInterface, QueryRunner } from 'typeorm';
import { FORMER_PROVINCES, PROVINCES } from '@app/provinces/province-data';

/**
 * Reference data: the 34 provincial-level units in force since 1 July 2025 and the 63 former units
 * mapped to them. Later corrections come as new migrations that update these rows.
 */
export class SeedProvinces1795685300000 implements MigrationInterface {
  name = 'SeedProvinces1795685300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const province of PROVINCES) {
      await queryRunner.query(`INSERT INTO provinces (code, name, kind, latitude, longitude, default_region) VALUES ($1, $2, $3, $4, $5, $6)`, [
        province.code,
        province.name,
        province.kind,
        province.latitude,
        province.longitude,
        province.defaultRegion,
      ]);
    }
    for (const former of FORMER_PROVINCES) {
      await queryRunner.query(`INSERT INTO former_provinces (code, name, province_code, region) VALUES ($1, $2, $3, $4)`, [
        former.code,
        former.name,
        former.provinceCode,
        former.region,
      ]);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM former_provinces`);
    await queryRunner.query(`DELETE FROM provinces`);
  }
}
