import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsOptional, Max, Min } from 'class-validator';

export class ReminderPolicyDto {
  @ApiPropertyOptional({ type: [Number], example: [10080, 1440, 120], description: "Minutes before a delegate's event (max 60 days)" })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(60 * 24 * 60, { each: true })
  @IsOptional()
  delegateOffsetsMinutes?: number[];

  @ApiPropertyOptional({ type: [Number], example: [3, 1, 0], description: "Days before a logistics task's deadline (reminder at 08:00 local; 0 = on the day)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(60, { each: true })
  taskOffsetsDays?: number[];

  @ApiPropertyOptional({
    type: [Number],
    example: [7, 1],
    description: "Days before a venue's festival day its province's organizers are reminded (08:00 local)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  venueOffsetsDays?: number[];

  @ApiPropertyOptional({
    example: 24,
    description: "Hours after a task's deadline (17:00 local) before an open task goes to its province (N), then the central planners (2N); 0 = no escalation",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30 * 24)
  escalationHours?: number;

  @ApiPropertyOptional({
    description: 'The version you edited: required once a policy is saved (428 without it, 409 when stale); omit while the defaults apply',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
