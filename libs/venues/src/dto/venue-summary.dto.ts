import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { Region } from '@app/provinces';
import { VenueStatus } from '../venue.enums';
import { VenueQueryDto } from './venue.dto';

/** The overview's figures: the list's filters (an edition required), without paging. */
export class VenueSummaryQueryDto extends OmitType(VenueQueryDto, ['page', 'pageSize', 'ids', 'editionId'] as const) {
  @ApiProperty()
  @IsUUID()
  editionId: string;
}

export class VenueStatusCount {
  @ApiProperty({ enum: VenueStatus, enumName: 'VenueStatus' })
  status: VenueStatus;
  count: number;
}

/** One province's venues: how many, by status, where they lie (mean position and bounding box). */
export class VenueProvinceSummary {
  provinceCode: string;
  @ApiProperty({ enum: Region, enumName: 'Region' })
  region: Region;
  count: number;
  @ApiProperty({ type: () => [VenueStatusCount] })
  byStatus: VenueStatusCount[];
  latitude: number;
  longitude: number;
  south: number;
  north: number;
  west: number;
  east: number;
}

/** Venues scheduled on one day. */
export class VenueDayCount {
  @ApiProperty({ example: '2027-08-12' })
  date: string;
  count: number;
}

/**
 * The edition's venues in figures (issue 18, speed at national scale): totals by status, per province
 * (regions add them up), per scheduled day — what the overview shows before anyone zooms in or filters,
 * without sending the venues themselves.
 */
export class VenueSummary {
  /** Venues matching the filters. */
  total: number;
  @ApiProperty({ type: () => [VenueStatusCount] })
  byStatus: VenueStatusCount[];
  @ApiProperty({ type: () => [VenueProvinceSummary] })
  provinces: VenueProvinceSummary[];
  @ApiProperty({ type: () => [VenueDayCount] })
  days: VenueDayCount[];
}
