import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OptionalNotNull, PageQueryDto } from '@app/common';
import { ResourceKind } from '../resource.enums';

/** An instant with its offset ("…+07:00" or "…Z"): a wall-clock time without one would be ambiguous. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export class CreateResourceDto {
  @ApiProperty({ example: 'Đội văn nghệ Trung ương' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: ResourceKind, enumName: 'ResourceKind' })
  @IsEnum(ResourceKind)
  kind: ResourceKind;

  @ApiProperty({ example: 'Cục Công tác Đảng và công tác chính trị' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  ownerUnit: string;

  @ApiPropertyOptional({ default: 40, description: 'Average road speed (40 km/h suits mountain roads)' })
  @OptionalNotNull()
  @IsInt()
  @Min(5)
  @Max(120)
  travelSpeedKmh?: number;

  @ApiPropertyOptional({ default: 60, description: 'Teardown + setup minutes between two venues' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  bufferMinutes?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class UpdateResourceDto extends PartialType(CreateResourceDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ResourceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ResourceKind, enumName: 'ResourceKind' })
  @IsOptional()
  @IsEnum(ResourceKind)
  kind?: ResourceKind;
}

/**
 * A booking is a span between two instants written ISO 8601 with their offset, e.g.
 * `2027-08-15T07:30:00+07:00` (Asia/Ho_Chi_Minh). Instants rather than date + times so a booking may
 * cross midnight or last several days (a stage truck set up the evening before).
 */
export class CreateBookingDto {
  @ApiProperty()
  @IsUUID()
  venueId: string;

  @ApiProperty({ example: '2027-08-15T07:30:00+07:00' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET)
  startsAt: string;

  @ApiProperty({ example: '2027-08-15T11:30:00+07:00', description: 'After startsAt' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET)
  endsAt: string;

  @ApiPropertyOptional({ example: 'Biểu diễn chương trình chào mừng' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ default: false, description: 'Save (flagged) even if the road from or to a neighbouring booking is too short' })
  @IsOptional()
  @IsBoolean()
  acceptTightTravel?: boolean;
}
