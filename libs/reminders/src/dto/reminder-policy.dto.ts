import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';

export class ReminderPolicyDto {
  @ApiProperty({ type: [Number], example: [10080, 1440, 120], description: 'Minutes before a delegate\'s event (max 60 days)' })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(60 * 24 * 60, { each: true })
  delegateOffsetsMinutes: number[];

  @ApiPropertyOptional({ description: 'The version you edited (omit when the edition still uses the defaults)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
