import { ApiProperty, OmitType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { LocalTime } from '@app/common';
import { Region } from '@app/provinces';
import { VenueStatus } from '../venue.enums';
import { VenueQueryDto } from './venue.dto';
import { SUMMARY_POINTS_BELOW } from '../venue-cluster-rules';

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

/** A venue the calendar names on its day. */
export class VenueDayEntry {
  @ApiProperty({ format: 'uuid' })
  id: string;
  name: string;
  provinceCode: string;
  @ApiProperty({ enum: VenueStatus, enumName: 'VenueStatus' })
  status: VenueStatus;
  /** Start and end as HH:mm in Asia/Ho_Chi_Minh. */
  startTime: LocalTime | null;
  endTime: LocalTime | null;
}

/** Venues scheduled on one day: how many, and the first few by province and name (the calendar's names; it counts the rest). */
export class VenueDayCount {
  @ApiProperty({ example: '2027-08-12' })
  date: string;
  count: number;
  @ApiProperty({ type: () => [VenueDayEntry] })
  venues: VenueDayEntry[];
}

/** A venue on the overview map (a small selection's: see `VenueSummary.points`). */
export class VenueMapPoint {
  @ApiProperty({ format: 'uuid' })
  venueId: string;
  name: string;
  @ApiProperty({ enum: VenueStatus, enumName: 'VenueStatus' })
  status: VenueStatus;
  latitude: number;
  longitude: number;
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
  @ApiProperty({
    type: () => [VenueMapPoint],
    nullable: true,
    description: `Each venue where it lies, when fewer than ${SUMMARY_POINTS_BELOW} match (the map groups them itself with the rule of /api/venues/clusters); null from ${SUMMARY_POINTS_BELOW} on: ask /api/venues/clusters for the view`,
  })
  points: VenueMapPoint[] | null;
}
