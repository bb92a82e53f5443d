import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsLocalTime } from '@app/common';
import { ProgrammePart } from '../programme.enums';

export class CreateProgrammeItemDto {
  @ApiProperty({ enum: ProgrammePart, enumName: 'ProgrammePart' })
  @IsEnum(ProgrammePart)
  part: ProgrammePart;

  @ApiProperty({ example: 'Văn nghệ chào mừng' })
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: '07:30', description: 'Local time (Asia/Ho_Chi_Minh)' })
  @IsLocalTime()
  startTime: string;

  @ApiProperty({ example: '07:45', description: 'Local time (Asia/Ho_Chi_Minh)' })
  @IsLocalTime()
  endTime: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  presenter?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class UpdateProgrammeItemDto extends PartialType(CreateProgrammeItemDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ApplyTemplateDto {
  @ApiPropertyOptional({ description: "Default: the venue's start time", example: '07:30' })
  @IsOptional()
  @IsLocalTime()
  startTime?: string;

  @ApiPropertyOptional({ description: 'Replace existing items (default false: refuse if the programme is not empty)' })
  @IsOptional()
  @IsBoolean()
  replace?: boolean;
}

export class TemplateLineDto {
  @ApiProperty({ enum: ProgrammePart, enumName: 'ProgrammePart' })
  @IsEnum(ProgrammePart)
  part: ProgrammePart;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  title: string;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt()
  @Min(1)
  @Max(600)
  durationMinutes: number;
}

export class ReplaceTemplateDto {
  @ApiProperty({ type: [TemplateLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => TemplateLineDto)
  items: TemplateLineDto[];

  @ApiPropertyOptional({ description: 'The revision read with GET (required: 428 without it); a template changed since is refused with 409' })
  @IsOptional()
  @IsString()
  @Length(16, 16)
  revision?: string;
}
