import { ApiProperty, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { VenueStatus } from '../venue.enums';
import { VenueQueryDto } from './venue.dto';

/** The map's view: the zoom level and, optionally, the bounds shown; the list's filters (the same as the list's). */
export class VenueClusterQueryDto extends PickType(VenueQueryDto, [
  'provinceCode',
  'region',
  'status',
  'tier',
  'dateFrom',
  'dateTo',
  'q',
  'south',
  'north',
  'west',
  'east',
] as const) {
  @ApiProperty()
  @IsUUID()
  editionId: string;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 20, description: 'The map zoom level (web mercator, 256 px tiles)' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  zoom: number;
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
