import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class RecordVenueResultDto {
  @ApiProperty({ description: 'Số người tham dự', example: 1200 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  attendance: number;

  @ApiPropertyOptional({ description: 'Tập thể được khen thưởng', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  awardedCollectives?: number;

  @ApiPropertyOptional({ description: 'Cá nhân được khen thưởng', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  awardedIndividuals?: number;

  @ApiProperty({ description: 'Báo cáo nhanh', example: 'Ngày hội diễn ra an toàn, trang trọng; ký kết giao ước thi đua giữa các thôn.' })
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ description: 'The version you edited; absent only for the first record. A stale one gets 409, none on an existing result 428' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class VenueResultView {
  venueId: string;
  /** False until the venue records its result (the figures are then zero). */
  recorded: boolean;
  /** Whether the caller may record it now (their province, from the venue's day on). */
  canRecord: boolean;
  /** Why not, when it is the day that is missing or the venue did not take place. */
  refusal: string | null;
  attendance: number;
  awardedCollectives: number;
  awardedIndividuals: number;
  summary: string;
  recordedAt: Date | null;
  /** 0 until recorded. */
  version: number;
}
