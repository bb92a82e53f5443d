import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsIsoDate, OptionalNotNull, PageQueryDto } from '@app/common';
import { EditionStatus } from '../edition.entity';

export class CreateEditionDto {
  @ApiProperty({ example: 2027 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 'Toàn dân chung sức bảo vệ an ninh Tổ quốc' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  theme: string;

  @ApiPropertyOptional({ description: 'Default 1 July of the year', example: '2027-07-01' })
  @IsOptional()
  @IsIsoDate()
  windowStart?: string;

  @ApiPropertyOptional({ description: 'Default 19 August of the year', example: '2027-08-19' })
  @IsOptional()
  @IsIsoDate()
  windowEnd?: string;

  @ApiPropertyOptional({ description: 'Default 19 August of the year', example: '2027-08-19' })
  @IsOptional()
  @IsIsoDate()
  nationalDay?: string;
}

export class UpdateEditionDto {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  theme?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsIsoDate()
  windowStart?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsIsoDate()
  windowEnd?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsIsoDate()
  nationalDay?: string;
}

export class EditionTransitionDto {
  @ApiProperty({ enum: EditionStatus, enumName: 'EditionStatus' })
  @IsEnum(EditionStatus)
  to: EditionStatus;

  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;
}

export class EditionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EditionStatus, enumName: 'EditionStatus' })
  @IsOptional()
  @IsEnum(EditionStatus)
  status?: EditionStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
