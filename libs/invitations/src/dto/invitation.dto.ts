import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { AssignmentRole } from '@app/leaders';
import { InvitationStatus, RSVP_ANSWERS, RsvpAnswer } from '../invitation.enums';

export class DelegateDto {
  @ApiProperty({ example: 'Nguyễn Văn Nam' })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Vụ trưởng' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  @ApiProperty({ example: 'vanphong@example.vn' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class CreateInvitationDto {
  @ApiProperty()
  @IsUUID()
  venueId: string;

  @ApiPropertyOptional({ description: 'Invite a leader (their office e-mail and edition title are used)…' })
  @ValidateIf((input: CreateInvitationDto) => !input.delegate)
  @IsUUID()
  leaderId?: string;

  @ApiPropertyOptional({ type: DelegateDto, description: '…or a named delegate' })
  @ValidateIf((input: CreateInvitationDto) => !input.leaderId)
  @ValidateNested()
  @Type(() => DelegateDto)
  delegate?: DelegateDto;

  @ApiProperty({ enum: AssignmentRole, enumName: 'AssignmentRole' })
  @IsEnum(AssignmentRole)
  role: AssignmentRole;
}

export class ReasonDto {
  @ApiProperty({ example: 'Thay đổi kế hoạch công tác' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

export class InvitationQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  editionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  venueId?: string;

  @ApiPropertyOptional({ description: 'One or more statuses, comma-separated' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsEnum(InvitationStatus, { each: true })
  status?: InvitationStatus[];
}

/** What the RSVP page posts (form-encoded or JSON). */
export class RsvpAnswerDto {
  @ApiProperty({ enum: RSVP_ANSWERS })
  @IsIn(RSVP_ANSWERS)
  answer: RsvpAnswer;

  @ApiPropertyOptional()
  @ValidateIf((input: RsvpAnswerDto) => input.answer === RsvpAnswer.Substitute)
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  substituteName?: string;

  @ApiPropertyOptional()
  @ValidateIf((input: RsvpAnswerDto) => input.answer === RsvpAnswer.Substitute)
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  substitutePosition?: string;

  @ApiPropertyOptional({ description: 'E-mail (needed to invite the substitute) or phone' })
  @ValidateIf((input: RsvpAnswerDto) => input.answer === RsvpAnswer.Substitute)
  @IsString()
  @MinLength(6)
  @MaxLength(254)
  substituteContact?: string;
}
