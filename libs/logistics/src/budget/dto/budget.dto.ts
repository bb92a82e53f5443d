import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { OptionalNotNull } from '@app/common';
import { BudgetCategory, FundingSource } from '../budget.enums';
import { MAX_VND } from '../money';

export class CreateBudgetLineDto {
  @ApiProperty({ enum: BudgetCategory, enumName: 'BudgetCategory' })
  @IsEnum(BudgetCategory)
  category: BudgetCategory;

  @ApiProperty({ example: 'Thuê sân khấu, âm thanh, ánh sáng' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  description: string;

  @ApiProperty({ description: 'Dự toán, đồng (số nguyên)', example: 45_000_000 })
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  plannedVnd: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Thực chi, đồng; bỏ trống khi chưa quyết toán', example: 43_500_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  actualVnd?: number | null;

  @ApiProperty({ enum: FundingSource, enumName: 'FundingSource' })
  @IsEnum(FundingSource)
  fundingSource: FundingSource;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}

export class UpdateBudgetLineDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: BudgetCategory, enumName: 'BudgetCategory' })
  @OptionalNotNull()
  @IsEnum(BudgetCategory)
  category?: BudgetCategory;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  plannedVnd?: number;

  @ApiPropertyOptional({ type: Number, description: 'null clears the actual cost (back to "not settled")', nullable: true })
  @ValidateIf((input: UpdateBudgetLineDto) => input.actualVnd !== null && input.actualVnd !== undefined)
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  actualVnd?: number | null;

  @ApiPropertyOptional({ enum: FundingSource, enumName: 'FundingSource' })
  @OptionalNotNull()
  @IsEnum(FundingSource)
  fundingSource?: FundingSource;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf((input: UpdateBudgetLineDto) => input.notes !== null && input.notes !== undefined)
  @IsString()
  @MaxLength(4000)
  notes?: string | null;
}
