import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { Region } from '@app/provinces';
import { VenueStatus, VenueTier } from '../venue.enums';

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

/** The map's view: the zoom level and, optionally, the bounds shown; the list's filters. */
export class VenueClusterQueryDto {
  @ApiProperty()
  @IsUUID()
  editionId: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 20, description: 'The map zoom level (web mercator, 256 px tiles)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  zoom: number;

  @ApiPropertyOptional({ minimum: -90, maximum: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  south?: number;

  @ApiPropertyOptional({ minimum: -90, maximum: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  north?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  west?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  east?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{2}$/)
  provinceCode?: string;

  @ApiPropertyOptional({ enum: Region, enumName: 'Region' })
  @IsOptional()
  @IsEnum(Region)
  region?: Region;

  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated', example: 'approved,scheduled' })
  @IsOptional()
  @Transform(toList)
  @IsEnum(VenueStatus, { each: true })
  status?: VenueStatus[];

  @ApiPropertyOptional({ enum: VenueTier, enumName: 'VenueTier' })
  @IsOptional()
  @IsEnum(VenueTier)
  tier?: VenueTier;
}

/** One marker: a single venue (its id, name and status) or a cluster of `count` venues at their mean position. */
export class VenueCluster {
  latitude: number;
  longitude: number;
  count: number;
  @ApiProperty({ type: String, nullable: true, description: 'The venue, when the cluster holds one' })
  venueId: string | null;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  @ApiProperty({ enum: VenueStatus, enumName: 'VenueStatus', nullable: true })
  status: VenueStatus | null;
}

export class VenueClusters {
  /** Venues matching the filters inside the bounds (every cluster's count added up). */
  total: number;
  @ApiProperty({ type: () => [VenueCluster] })
  clusters: VenueCluster[];
}
