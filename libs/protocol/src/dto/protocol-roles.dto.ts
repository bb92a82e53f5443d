import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class ChooseSpeakerDto {
  @ApiProperty({ description: 'Who speaks: an attendee key from the order of precedence', example: 'invitation:6f1c2c43-…' })
  @IsString()
  @Matches(/^(invitation|guest):[0-9a-f-]{36}$/i)
  attendeeKey: string;
}

export class SetGreeterDto {
  @ApiProperty({ example: 'Lò Văn Đón' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Phó Chánh Văn phòng UBND tỉnh' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '0912 345 678' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9 +().-]{6,20}$/)
  phone?: string | null;

  @ApiPropertyOptional({ description: 'The version you edited (required to change an existing greeter; a stale one gets 409)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
