import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate, OptionalNotNull } from '@app/common';
import { TaskStatus } from '../task.enums';

export class CreateTaskDto {
  @ApiProperty({ example: 'Bố trí điểm đỗ xe cho đại biểu' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiProperty({ example: 'Công an xã' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  responsibleUnit: string;

  @ApiPropertyOptional({ description: 'Days relative to the venue date (−7 = D-7); re-dated when the venue moves' })
  @IsOptional()
  @IsInt()
  @Min(-365)
  @Max(30)
  offsetDays?: number;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A fixed deadline instead of a relative one' })
  @IsOptional()
  @IsIsoDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Thiếu tá Lò Văn Minh' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string | null;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  weight?: number;
}

export class UpdateTaskDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: 'Bố trí điểm đỗ xe cho đại biểu' })
  @OptionalNotNull()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 'Công an xã' })
  @OptionalNotNull()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  responsibleUnit?: string;

  @ApiPropertyOptional({ enum: TaskStatus, enumName: 'TaskStatus' })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @ApiPropertyOptional({ description: 'Required when blocking' })
  @ValidateIf((input: UpdateTaskDto) => input.status === TaskStatus.Blocked || input.blockedReason !== undefined)
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  blockedReason?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUUID()
  ownerUserId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsIsoDate()
  dueDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class DependencyDto {
  @ApiProperty({ description: 'The task that must be done first (same venue)' })
  @IsUUID()
  prerequisiteId: string;
}

export class TaskTemplateLineDto {
  @ApiProperty({ example: 'phuong-an-bao-ve' })
  @Matches(/^[a-z0-9-]{2,60}$/)
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  title: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  responsibleUnit: string;

  @ApiProperty({ example: -30 })
  @IsInt()
  @Min(-365)
  @Max(30)
  offsetDays: number;

  @ApiProperty({ default: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayUnique()
  @Matches(/^[a-z0-9-]{2,60}$/, { each: true })
  dependsOn: string[];
}

export class ReplaceTaskTemplateDto {
  @ApiProperty({ type: [TaskTemplateLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TaskTemplateLineDto)
  items: TaskTemplateLineDto[];

  @ApiPropertyOptional({ description: 'The revision read with GET (required: 428 without it); a template changed since is refused with 409' })
  @IsOptional()
  @IsString()
  @Length(16, 16)
  revision?: string;
}
