import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { GUEST_GROUPS, type GuestGroup } from '../protocol.enums';

export class CreateGuestDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Bí thư Tỉnh ủy' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;

  @ApiProperty({ enum: GUEST_GROUPS, enumName: 'GuestGroup' })
  @IsIn(GUEST_GROUPS)
  group: GuestGroup;

  @ApiPropertyOptional({ type: Number, nullable: true, description: "The province's order within the group (1 first)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(999)
  rank?: number | null;
}

export class UpdateGuestDto extends PartialType(CreateGuestDto, { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
}

export class PrecedenceOverrideDto {
  @ApiProperty({ description: 'The place in the order this attendee takes (1 = first)' })
  @IsInt()
  @Min(1)
  @Max(999)
  position: number;

  @ApiProperty({ example: 'Anh hùng lực lượng vũ trang nhân dân, khách danh dự của Ngày hội' })
  @IsString()
  @MinLength(5)
  @MaxLength(500)
  reason: string;
}

export class DrawSeatingPlanDto {
  @ApiProperty({ minimum: 1, maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(10)
  rows: number;

  @ApiProperty({ minimum: 1, maximum: 40 })
  @IsInt()
  @Min(1)
  @Max(40)
  seatsPerRow: number;

  @ApiPropertyOptional({ description: "The plan's version you saw, when redrawing an existing plan (409 when stale, 428 when missing)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class SeatDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(10)
  row: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(40)
  seat: number;

  @ApiProperty({ example: 'invitation:6f1c…', description: 'An attendee key from the order of precedence' })
  @IsString()
  @Matches(/^(invitation|guest):[0-9a-f-]{36}$/)
  attendeeKey: string;
}

export class EditSeatingPlanDto {
  @ApiProperty({ description: 'The version you edited; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: [SeatDto] })
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => SeatDto)
  seats: SeatDto[];
}

export class CheckInDto {
  @ApiProperty({ example: 'K7QM-42XD', description: 'The pass code as scanned or typed (case, spaces and dashes ignored)' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  code: string;

  @ApiPropertyOptional({ description: 'When the phone scanned it, if it sends the check-in later (queued offline)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  scannedAt?: string;
}
