import { ApiHideProperty } from '@nestjs/swagger';
import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { numberTransformer } from '@app/common';
import type { ProvinceKind } from './province-data';
import { Region } from './region';

/** A provincial-level unit in force since 1 July 2025. Reference data: written only by migrations. */
@Entity('provinces')
export class Province {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Column({ type: 'text', unique: true })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ProvinceKind;

  @Column({ type: 'double precision', transformer: numberTransformer })
  latitude: number;

  @Column({ type: 'double precision', transformer: numberTransformer })
  longitude: number;

  @Column({ type: 'enum', enum: Region, enumName: 'region', name: 'default_region' })
  defaultRegion: Region;

  @ApiHideProperty()
  @OneToMany(() => FormerProvince, (former) => former.province)
  formerProvinces?: FormerProvince[];
}

/** One of the 63 units before the 2025 merger, and the unit it became part of. */
@Entity('former_provinces')
export class FormerProvince {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 2, name: 'province_code' })
  provinceCode: string;

  @Column({ type: 'enum', enum: Region, enumName: 'region' })
  region: Region;

  @ApiHideProperty()
  @ManyToOne(() => Province, (province) => province.formerProvinces, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'province_code' })
  province?: Province;
}
