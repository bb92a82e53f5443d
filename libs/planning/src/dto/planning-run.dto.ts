import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { IsIsoDate, IsLocalTime } from '@app/common';
import { CENTRAL_CHIEF_GUEST_MIN_TIER, RankTier } from '@app/leaders';
import { VenueTier } from '@app/venues';

export class LeaderVenueDto {
  @IsUUID()
  leaderId: string;

  @IsUUID()
  venueId: string;
}

export class LeaderPinDto extends LeaderVenueDto {
  @ApiPropertyOptional({ enum: ['chief_guest', 'accompanying'], default: 'chief_guest' })
  @IsOptional()
  @IsIn(['chief_guest', 'accompanying'])
  role?: 'chief_guest' | 'accompanying';
}

export class DatePinDto {
  @IsUUID()
  venueId: string;

  @ApiPropertyOptional({ example: '2027-08-19' })
  @IsIsoDate()
  date: string;
}

export class VenueTierRequirementDto {
  @IsUUID()
  venueId: string;

  /** Lowest rank the chief guest may hold. */
  @IsEnum(RankTier)
  rankTier: RankTier;
}

export class VenueAccompanyingDto {
  @IsUUID()
  venueId: string;

  @IsInt()
  @Min(0)
  @Max(5)
  count: number;
}

export class PlanningWeightsDto {
  @IsOptional() @IsNumber() @Min(0) @Max(100) homeTies?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) preferredDate?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) priorityArea?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) spread?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(100) travel?: number;
}

/** A planning run: which venues, the planner's pins, bans and locks, and the weights. All optional. */
export class CreatePlanningRunDto {
  @ApiPropertyOptional({ enum: VenueTier, default: VenueTier.Central, description: 'Approved or scheduled venues of this tier are planned.' })
  @IsOptional()
  @IsEnum(VenueTier)
  venueTier?: VenueTier;

  @ApiPropertyOptional({ enum: RankTier, default: CENTRAL_CHIEF_GUEST_MIN_TIER, description: 'Required tier of the chief guest where not given per venue.' })
  @IsOptional()
  @IsEnum(RankTier)
  defaultRequiredTier?: RankTier;

  @ApiPropertyOptional({ type: [VenueTierRequirementDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => VenueTierRequirementDto)
  requiredTiers?: VenueTierRequirementDto[];

  @ApiPropertyOptional({ type: [VenueAccompanyingDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => VenueAccompanyingDto)
  accompanying?: VenueAccompanyingDto[];

  @ApiPropertyOptional({ type: [LeaderPinDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => LeaderPinDto)
  leaderPins?: LeaderPinDto[];

  @ApiPropertyOptional({ type: [DatePinDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DatePinDto)
  datePins?: DatePinDto[];

  @ApiPropertyOptional({ type: [LeaderVenueDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => LeaderVenueDto)
  bans?: LeaderVenueDto[];

  @ApiPropertyOptional({ type: [LeaderVenueDto], description: 'Current assignments the planner locks (kept unless no other plan exists).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => LeaderVenueDto)
  locked?: LeaderVenueDto[];

  @ApiPropertyOptional({ type: PlanningWeightsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanningWeightsDto)
  weights?: PlanningWeightsDto;

  @ApiPropertyOptional({ enum: RankTier, default: RankTier.Politburo, description: 'Leaders of this tier and above need close protection.' })
  @IsOptional()
  @IsEnum(RankTier)
  topTier?: RankTier;

  @ApiPropertyOptional({ default: 3, description: 'K: top-tier leaders attending on one day nationwide.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(50)
  maxTopTierPerDay?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  maxTopTierPerProvinceDay?: number;

  @ApiPropertyOptional({ default: false, description: 'Plan from scratch instead of repairing the assignments in force.' })
  @IsOptional()
  @IsBoolean()
  fresh?: boolean;

  @ApiPropertyOptional({ example: '07:30', description: 'Hours given to venues that get a date on acceptance and had none.' })
  @IsOptional()
  @IsLocalTime()
  startTime?: string;

  @ApiPropertyOptional({ example: '11:00' })
  @IsOptional()
  @IsLocalTime()
  endTime?: string;
}
