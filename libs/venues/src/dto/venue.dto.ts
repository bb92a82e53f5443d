import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIsoDate, IsLocalTime, PageQueryDto } from '@app/common';
import { Region } from '@app/provinces';
import { AreaFlag, HostKind, VenueStatus, VenueTier } from '../venue.enums';

export class CreateVenueDto {
  @ApiProperty()
  @IsUUID()
  editionId: string;

  @ApiProperty({ example: 'Ngày hội tại bản Nậm Cang' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  name: string;

  @ApiProperty({ enum: VenueTier, enumName: 'VenueTier' })
  @IsEnum(VenueTier)
  tier: VenueTier;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  coHost?: string | null;

  @ApiProperty({ example: '12' })
  @Matches(/^\d{2}$/)
  provinceCode: string;

  @ApiProperty({ example: 'Xã Sìn Hồ' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  communeName: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bản Nậm Cang' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  hamletName?: string | null;

  @ApiProperty({ enum: HostKind, enumName: 'HostKind' })
  @IsEnum(HostKind)
  hostKind: HostKind;

  @ApiProperty()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  address: string;

  @ApiProperty({ example: 22.3964 })
  @IsLatitude()
  latitude: number;

  @ApiProperty({ example: 103.4582 })
  @IsLongitude()
  longitude: number;

  @ApiPropertyOptional({ enum: Region, enumName: 'Region', description: "Default: the province's region" })
  @IsOptional()
  @IsEnum(Region)
  region?: Region;

  @ApiPropertyOptional({ enum: AreaFlag, enumName: 'AreaFlag', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(AreaFlag, { each: true })
  areaFlags?: AreaFlag[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Đại úy Lò Văn Minh, Phòng Xây dựng phong trào' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0912 345 678' })
  @IsOptional()
  @Matches(/^[0-9 +().-]{6,30}$/)
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'phongtrao@congan.laichau.gov.vn' })
  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;

  @ApiProperty({ example: 800 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  expectedAttendance: number;

  @ApiPropertyOptional({ type: [String], example: ['2027-08-10', '2027-08-12'], description: 'Within the edition window' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsIsoDate({ each: true })
  candidateDates?: string[];
}

/** Absent fields stay unchanged; `null` is validated like any value (refused where the field is required). */
export class UpdateVenueDto extends PartialType(OmitType(CreateVenueDto, ['editionId'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class VenueTransitionDto {
  @ApiProperty({ enum: VenueStatus, enumName: 'VenueStatus' })
  @IsEnum(VenueStatus)
  to: VenueStatus;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'Required when rejecting or cancelling' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Scheduling: the festival date', example: '2027-08-12' })
  @IsOptional()
  @IsIsoDate()
  date?: string;

  @ApiPropertyOptional({ description: 'Scheduling: local start time (Asia/Ho_Chi_Minh)', example: '07:30' })
  @IsOptional()
  @IsLocalTime()
  startTime?: string;

  @ApiPropertyOptional({ description: 'Scheduling: local end time (Asia/Ho_Chi_Minh)', example: '11:30' })
  @IsOptional()
  @IsLocalTime()
  endTime?: string;
}

/** One side of the map's bounds: optional, a finite number within ±limit degrees. */
const Bound = (limit: 90 | 180) =>
  applyDecorators(
    ApiPropertyOptional({ minimum: -limit, maximum: limit }),
    IsOptional(),
    Type(() => Number),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-limit),
    Max(limit),
  );

const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class VenueQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  editionId?: string;

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

  @ApiPropertyOptional({ description: 'Scheduled on or after this date' })
  @IsOptional()
  @IsIsoDate()
  dateFrom?: string;

  @ApiPropertyOptional({ description: 'Scheduled on or before this date' })
  @IsOptional()
  @IsIsoDate()
  dateTo?: string;

  @ApiPropertyOptional({
    description: 'Words of the name, commune, hamlet, address or province, whatever the diacritics and case ("lai chau" finds "Lai Châu")',
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: [String], description: 'Only these venues (at most 100 ids, comma-separated): the rows a page shows, named', example: '…,…' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids?: string[];

  /** The map's bounds: only venues inside what the map shows (each side optional). */
  @Bound(90)
  south?: number;

  @Bound(90)
  north?: number;

  @Bound(180)
  west?: number;

  @Bound(180)
  east?: number;
}
