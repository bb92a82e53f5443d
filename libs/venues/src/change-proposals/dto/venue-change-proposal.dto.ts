import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CreateVenueDto } from '../../dto/venue.dto';

/** The place and time fields an organizer may propose for a central venue. */
export class ProposedVenueChangesDto extends PartialType(
  PickType(CreateVenueDto, ['name', 'address', 'communeName', 'hamletName', 'latitude', 'longitude', 'candidateDates'] as const),
) {}

export class ProposeVenueChangeDto {
  @ApiProperty({ type: ProposedVenueChangesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ProposedVenueChangesDto)
  changes: ProposedVenueChangesDto;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the change is needed' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class RejectVenueChangeDto {
  @ApiProperty({ description: 'Why the proposal is not applied (shown to the organizer)' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}
