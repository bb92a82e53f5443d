import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate, PageQueryDto } from '@app/common';
import { AssignmentRole, RankTier } from '../leader.entities';

export class DateRangeDto {
  @ApiProperty({ example: '2027-08-01' })
  @IsIsoDate()
  startDate: string;

  @ApiProperty({ example: '2027-08-05' })
  @IsIsoDate()
  endDate: string;

  @ApiPropertyOptional({ example: 'Công tác nước ngoài' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class CreateLeaderDto {
  @ApiProperty({ example: 'Nguyễn Văn A' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ example: 'Phó Thủ tướng Chính phủ' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  position: string;

  @ApiProperty({ enum: RankTier, enumName: 'RankTier' })
  @IsEnum(RankTier)
  rankTier: RankTier;

  @ApiProperty({ example: 'Chính phủ' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  organisation: string;

  @ApiProperty({ example: 'vanphong@chinhphu.vn' })
  @IsEmail()
  @MaxLength(254)
  officeEmail: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '024 0000 0000' })
  @IsOptional()
  @Matches(/^[0-9 +().-]{6,30}$/)
  officePhone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '40' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  homeProvinceCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '79', description: 'Where the leader works and travels from; Hà Nội when not given' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  baseProvinceCode?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsIsoDate({ each: true })
  preferredDates?: string[];

  @ApiPropertyOptional({ type: [DateRangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DateRangeDto)
  unavailability?: DateRangeDto[];
}

export class UpdateLeaderDto extends PartialType(CreateLeaderDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class LeaderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: RankTier, enumName: 'RankTier' })
  @IsOptional()
  @IsEnum(RankTier)
  rankTier?: RankTier;

  @ApiPropertyOptional({ description: 'Words of the name, position or organisation, whatever the diacritics and case' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ParticipationDto {
  @ApiProperty({ example: 'Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  maxAppearances?: number;

  @ApiPropertyOptional({
    description: 'The version you edited: required to change an existing participation (428 without it, 409 when stale); omit to add one',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class AssignLeaderDto {
  @ApiProperty()
  @IsUUID()
  leaderId: string;

  @ApiProperty({ enum: AssignmentRole, enumName: 'AssignmentRole' })
  @IsEnum(AssignmentRole)
  role: AssignmentRole;
}
