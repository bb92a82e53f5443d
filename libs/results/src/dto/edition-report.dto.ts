import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export const REPORT_FORMATS = ['json', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class EditionReportQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format: ReportFormat = 'json';
}

export class CompareEditionsQueryDto {
  @ApiPropertyOptional({ description: 'The edition to compare with (its report beside this one)' })
  @IsUUID()
  with: string;
}

export class ReportLineView {
  /** A province code, a region code, or "total". */
  key: string;
  name: string;
  venues: number;
  held: number;
  cancelled: number;
  reported: number;
  attendance: number;
  awardedCollectives: number;
  awardedIndividuals: number;
  centralVenues: number;
  centralVenuesWithLeader: number;
  leaderCoverage: number | null;
  budgetPlannedVnd: number;
  budgetActualVnd: number;
  budgetPerVenueVnd: number | null;
  tasks: number;
  tasksOnTime: number;
  onTimeRate: number | null;
}

export class EditionReportView {
  editionId: string;
  year: number;
  /** "Toàn quốc", or the organizer's province. */
  scopeName: string;
  provinces: ReportLineView[];
  regions: ReportLineView[];
  total: ReportLineView;
}

export class ComparisonLineView {
  key: string;
  name: string;
  first: ReportLineView;
  second: ReportLineView;
}

export class EditionComparisonView {
  first: { editionId: string; year: number };
  second: { editionId: string; year: number };
  scopeName: string;
  lines: ComparisonLineView[];
}
